// The playground's pure logic: lines, the output budget, the command check, the launcher
// choice, tree membership, exit statuses, and the `procplay run` command line.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../main/playground/line-splitter.js';
import { OutputBudget } from '../../main/playground/output-budget.js';
import { firstWord } from '../../main/playground/command-check.js';
import { commandSpec, fileSpec, type LaunchContext } from '../../main/playground/launch-spec.js';
import { advanceTree, newTree, type ListedProc } from '../../main/playground/tree-tracker.js';
import { describeRunExit, shellExitStatus } from '../../main/playground/exit-message.js';
import { decodeWaitStatus, parseZombieStat } from '../../main/processes/process-files.js';
import { examplesDirFrom } from '../../main/playground/example-catalogue.js';
import { pythonEnv } from '../../main/playground/python-env.js';
import { formatLifecycleEvent, formatRunEvent, parseRunArgs, sampledAsLifecycle, shellQuote } from '../../main/cli/run-command.js';

describe('line splitter', () => {
  it('cuts chunks into lines, whatever the chunk boundaries, and drops CR of CRLF', () => {
    const s = new LineSplitter(100);
    expect(s.push('ab')).toEqual([]);
    expect(s.push('c\r\nde\nf')).toEqual(['abc', 'de']);
    expect(s.hasPending()).toBe(true);
    expect(s.push('\n\n')).toEqual(['f', '']);
    expect(s.flush()).toBeNull();
  });
  it('cuts a line longer than the limit into pieces, even before its newline arrives', () => {
    const s = new LineSplitter(4);
    expect(s.push('abcdefghij')).toEqual(['abcd', 'efgh']);
    expect(s.push('k\n')).toEqual(['ijk']);
    expect(s.push('123456789\n')).toEqual(['1234', '5678', '9']);
  });
  it('flushes a partial line (a prompt) once', () => {
    const s = new LineSplitter(100);
    s.push('name? ');
    expect(s.flush()).toBe('name? ');
    expect(s.flush()).toBeNull();
  });
});

describe('output budget (head and tail)', () => {
  const line = (t: number, text = `line ${t}`) => ({ type: 'output' as const, t, stream: 'stdout' as const, text });
  const limits = { headItems: 3, tailItems: 4, headBytes: 1000, tailBytes: 1000 };
  it('sends the head at once, then drains only the newest lines with the count skipped before them', () => {
    const b = new OutputBudget(limits);
    expect([1, 2, 3].map((t) => b.add(line(t), 10))).toEqual(['send', 'send', 'send']);
    expect(b.pending()).toBe(false);
    for (let t = 4; t <= 10; t++) expect(b.add(line(t), 10)).toBe('later');
    const first = b.drain(11);
    expect(first.skipped).toEqual({ type: 'output-skipped', t: 11, lines: 3 });
    expect(first.events.map((e) => e.t)).toEqual([7, 8, 9, 10]);
    expect(b.pending()).toBe(false);
    b.add(line(11), 10);
    const second = b.drain(12);
    expect(second.skipped).toBeNull();
    expect(second.events.map((e) => e.t)).toEqual([11]);
    expect(b.transcript().map((e) => (e.type === 'output-skipped' ? `skip ${e.lines}` : e.t))).toEqual([1, 2, 3, 'skip 4', 8, 9, 10, 11]);
    expect([b.skippedLines, b.skippedBytes]).toEqual([4, 40]);
  });
  it('keeps everything when nothing overflows: no marker', () => {
    const b = new OutputBudget(limits);
    for (let t = 1; t <= 5; t++) b.add(line(t), 1);
    expect(b.drain(6)).toEqual({ skipped: null, events: [line(4), line(5)] });
    expect(b.transcript().map((e) => e.t)).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('command check', () => {
  it('checks a plain first word and leaves shell syntax to the shell', () => {
    expect(firstWord('  python3 x.py', 'linux')).toEqual({ kind: 'program', word: 'python3' });
    expect(firstWord('./run.sh|cat', 'linux')).toEqual({ kind: 'program', word: './run.sh' });
    expect(firstWord('ls;echo', 'linux')).toEqual({ kind: 'program', word: 'ls' });
    for (const cmd of ['cd /tmp && ls', 'echo hi', 'FOO=1 python3', '$SHELL -c x', '"my prog"', '(sleep 1)', 'for i in 1; do :; done', '~/bin/x', 'exit 3'])
      expect(firstWord(cmd, 'linux').kind, cmd).toBe('unchecked');
    expect(firstWord('DIR /w', 'win32').kind).toBe('unchecked');
    expect(firstWord('python x.py', 'win32')).toEqual({ kind: 'program', word: 'python' });
  });
});

describe('launcher choice', () => {
  const ctx = (platform: NodeJS.Platform, onPath: string[]): LaunchContext => ({
    platform,
    which: (n) => (onPath.includes(n) ? `/bin/${n}` : null),
    execPath: '/opt/app/electron',
    comSpec: 'C:\\Windows\\system32\\cmd.exe',
  });
  it('runs a command line through /bin/sh -c on POSIX and cmd.exe /d /s /c on Windows, and says so', () => {
    expect(commandSpec('ls -l', ctx('linux', []))).toMatchObject({ file: '/bin/sh', args: ['-c', 'ls -l'], label: '/bin/sh -c' });
    expect(commandSpec('dir', ctx('win32', []))).toMatchObject({ args: ['/d', '/s', '/c', '"dir"'], label: 'cmd.exe /d /s /c', verbatim: true });
  });
  it('chooses the interpreter by extension, falling back from python3 to python', () => {
    expect(fileSpec('/x/a.py', ctx('linux', ['python3', 'python']))).toMatchObject({ file: '/bin/python3', args: ['/x/a.py'] });
    expect(fileSpec('/x/a.py', ctx('linux', ['python']))).toMatchObject({ file: '/bin/python' });
    expect(fileSpec('/x/a.mjs', ctx('linux', []))).toMatchObject({ file: '/opt/app/electron', args: ['/x/a.mjs'], env: { ELECTRON_RUN_AS_NODE: '1' } });
    expect(fileSpec('/x/a.sh', ctx('darwin', ['sh']))).toMatchObject({ file: '/bin/sh', args: ['/x/a.sh'] });
    expect(fileSpec('C:\\x\\a.bat', ctx('win32', []))).toMatchObject({ label: 'cmd.exe /d /s /c', verbatim: true });
    expect(fileSpec('C:\\x\\a.py', ctx('win32', ['py']))).toMatchObject({ file: '/bin/py', args: ['-3', 'C:\\x\\a.py'] });
  });
  it('refuses an unknown extension, and a known one whose interpreter is missing, with the reason', () => {
    expect(() => fileSpec('/x/data.txt', ctx('linux', ['python3']))).toThrow(/no known interpreter for "data.txt" \(extension \.txt\).*\.py with Python/);
    expect(() => fileSpec('/x/Makefile', ctx('linux', []))).toThrow(/no extension/);
    expect(() => fileSpec('/x/a.py', ctx('linux', []))).toThrow(/none of python3, python was found on the PATH/);
  });
});

describe('tree membership', () => {
  const p = (pid: number, ppid: number, extra: Partial<ListedProc> = {}): ListedProc => ({
    pid, ppid, startTime: 1000 + pid, name: `p${pid}`, command: `cmd ${pid}`, state: 'S', ...extra,
  });
  it('finds the root and its descendants, parents before children, and ignores strangers', () => {
    const tree = newTree(10, 'sh', 'sh -c x', 1);
    const changes = advanceTree(tree, [p(1, 0), p(10, 1), p(12, 11), p(11, 10), p(20, 1)], () => false);
    expect(changes.filter((c) => c.kind === 'start').map((c) => c.kind === 'start' && c.proc.pid)).toEqual([11, 12]);
    expect([...tree.members.keys()].sort()).toEqual([10, 11, 12]);
  });
  it('keeps a child whose parent ended (re-parented), reports the end, and adopts a marked stranger', () => {
    const tree = newTree(10, 'sh', 'sh', 1);
    advanceTree(tree, [p(10, 1), p(11, 10)], () => false);
    const changes = advanceTree(tree, [p(11, 1), p(30, 1), p(31, 30)], (x) => x.pid === 30);
    expect(changes).toContainEqual({ kind: 'exit', pid: 10 });
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'start', marked: true, proc: expect.objectContaining({ pid: 30 }) }));
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'start', marked: false, proc: expect.objectContaining({ pid: 31 }) }));
    expect(tree.members.get(11)?.ppid).toBe(1);
  });
  it('reports children before their parent when they are seen gone together', () => {
    const tree = newTree(10, 'sh', 'sh', 1);
    advanceTree(tree, [p(10, 1), p(11, 10), p(12, 11)], () => false);
    expect(advanceTree(tree, [], () => false)).toEqual([{ kind: 'exit', pid: 12 }, { kind: 'exit', pid: 11 }, { kind: 'exit', pid: 10 }]);
  });
  it('treats a reused pid as another process, and reports exec and zombie changes', () => {
    const tree = newTree(10, 'sh', 'sh', 1);
    advanceTree(tree, [p(10, 1), p(11, 10), p(12, 10)], () => false);
    const changes = advanceTree(tree, [p(10, 1, { name: 'python3', command: 'python3 x.py' }), p(11, 10, { state: 'Z' }), p(12, 1, { startTime: 99999 })], () => false);
    expect(changes).toEqual([
      { kind: 'exec', pid: 10, name: 'python3', command: 'python3 x.py' },
      { kind: 'zombie', pid: 11 },
      { kind: 'exit', pid: 12 },
    ]);
    expect(tree.members.has(12)).toBe(false);
  });
});

describe('exit statuses', () => {
  it('describes an end, with the shell meaning of 127 and 126', () => {
    expect(describeRunExit(0, null, false)).toBe('exit code 0');
    expect(describeRunExit(127, null, false)).toMatch(/127: the shell could not find the command/);
    expect(describeRunExit(126, null, false)).toMatch(/could not be executed/);
    expect(describeRunExit(null, 'SIGKILL', true)).toBe('stopped: ended by SIGKILL');
    expect([shellExitStatus(3, null), shellExitStatus(null, 'SIGKILL'), shellExitStatus(null, 'SIGTERM')]).toEqual([3, 137, 143]);
  });
  it('reads how a zombie ended from the last fields of its stat line', () => {
    expect(decodeWaitStatus(3 << 8)).toEqual({ exitCode: 3, signal: null });
    expect(decodeWaitStatus(15)).toEqual({ exitCode: null, signal: 'SIGTERM' });
    const fields = Array.from({ length: 52 - 2 }, (_, i) => String(i));
    fields[0] = 'Z';
    fields[49] = String(9);
    expect(parseZombieStat(`42 (a (b) c) ${fields.join(' ')}`)).toEqual({ exitCode: null, signal: 'SIGKILL' });
    expect(parseZombieStat('42 (x) Z 1 2 3')).toBeNull();
  });
});

describe('procplay run command line', () => {
  it('takes options before --, then the command: one word as typed, several quoted each', () => {
    expect(parseRunArgs(['--cwd', '/tmp', '--', 'ls -l | wc -l'], 'linux')).toEqual({ cwd: '/tmp', quiet: false, eventsFile: null, trace: true, command: 'ls -l | wc -l', error: null });
    expect(parseRunArgs(['--events', 'ev.jsonl', '--no-trace', '--', 'ls'], 'linux')).toMatchObject({ eventsFile: 'ev.jsonl', trace: false, command: 'ls', error: null });
    expect(parseRunArgs(['--events=e.jsonl', 'ls'], 'linux')).toMatchObject({ eventsFile: 'e.jsonl', command: 'ls' });
    expect(parseRunArgs(['--events'], 'linux').error).toBe('--events needs a file name');
    expect(parseRunArgs(['-q', '--', 'python3', '-c', "print('a b')"], 'linux').command).toBe(`python3 -c 'print('\\''a b'\\'')'`);
    expect(parseRunArgs(['echo', 'x y'], 'linux').command).toBe("echo 'x y'");
    expect(parseRunArgs(['--'], 'linux').error).toBe('no command given');
    expect(parseRunArgs(['--bogus', '--', 'ls'], 'linux').error).toBe('unknown option "--bogus"');
    expect(parseRunArgs(['--cwd'], 'linux').error).toBe('--cwd needs a directory');
    expect(shellQuote('a"b', 'win32')).toBe('"a""b"');
  });
  it('prints tree events as + and - lines', () => {
    const names = new Map<number, string>();
    expect(formatRunEvent({ type: 'proc-start', t: 0, pid: 4242, ppid: 4240, name: 'python3', command: 'python3', root: false, marked: false }, names)).toBe('+ 4242 python3 (ppid 4240)');
    expect(formatRunEvent({ type: 'proc-exit', t: 1, pid: 4242, exitCode: 0, signal: null }, names)).toBe('- 4242 exit 0');
    expect(formatRunEvent({ type: 'proc-exit', t: 1, pid: 4243, exitCode: null, signal: 'SIGTERM' }, names)).toBe('- 4243 killed by SIGTERM');
    expect(formatRunEvent({ type: 'output', t: 1, stream: 'stdout', text: 'x' }, names)).toBeNull();
    expect(formatRunEvent({ type: 'proc-exec', t: 1, pid: 4242, name: 'sleep', command: 'sleep 1' }, names)).toBe('~ 4242 exec sleep');
  });
  it('prints exact lifecycle events: a fork carries its parent\'s program until it execs', () => {
    const names = new Map<number, string>([[4240, 'sh']]);
    expect(formatLifecycleEvent({ type: 'fork', t: 1, pid: 4243, ppid: 4240 }, names)).toBe('+ 4243 sh (ppid 4240)');
    expect(formatLifecycleEvent({ type: 'exec', t: 2, pid: 4243, name: 'true', argv: ['/bin/true'] }, names)).toBe('~ 4243 exec true');
    expect(formatLifecycleEvent({ type: 'fork', t: 3, pid: 4244, ppid: 4243 }, names)).toBe('+ 4244 true (ppid 4243)');
    expect(formatLifecycleEvent({ type: 'exit', t: 4, pid: 4243, code: 0, signal: null }, names)).toBe('- 4243 exit 0');
    expect(formatLifecycleEvent({ type: 'exit', t: 4, pid: 4244, code: null, signal: 'SIGSEGV', core: true }, names)).toBe('- 4244 killed by SIGSEGV (core dumped)');
    expect(formatLifecycleEvent({ type: 'reap', t: 5, pid: 4243, by: 4240, how: 'parent-wait' }, names)).toBe('. 4243 reaped by 4240');
    expect(formatLifecycleEvent({ type: 'reap', t: 5, pid: 4244, by: 1, how: 'init' }, names)).toBe('. 4244 reaped by 1 (init)');
    expect(formatLifecycleEvent({ type: 'signal', t: 6, sender: 4240, target: 4243, signal: 'SIGTERM' }, names)).toBe('! 4243 SIGTERM from 4240');
    expect(formatLifecycleEvent({ type: 'reparent', t: 7, pid: 4244, oldPpid: 4243, newPpid: 1 }, names)).toBe('^ 4244 orphaned: parent 4243 -> 1');
    expect(sampledAsLifecycle({ type: 'proc-exit', t: 9, pid: 1, exitCode: 2, signal: null })).toEqual({ type: 'exit', t: 9, pid: 1, code: 2, signal: null });
  });
});

describe('examples folder', () => {
  it('is found from the source and from the built module', () => {
    expect(examplesDirFrom('/app/main/playground')).toBe('/app/main/playground/examples');
    expect(examplesDirFrom('/app/dist/main/playground')).toBe('/app/main/playground/examples');
  });
});

describe('python environment', () => {
  it('puts the line-buffering startup folder first on PYTHONPATH, keeping the user\'s entries', () => {
    expect(pythonEnv(undefined, '/s')).toEqual({ PYTHONPATH: '/s', PYTHONUNBUFFERED: '1' });
    expect(pythonEnv('/mine', '/s').PYTHONPATH).toBe(`/s${path.delimiter}/mine`);
  });
});
