// The Playground page's pure logic: merging caught-up and live events, the process tree and its
// statuses, the output lines, the command history and quoting, and the page's strings.
import { describe, expect, it } from 'vitest';
import type { PlaygroundEvent, PlaygroundRunInfo, PythonHelperMeta } from '../../shared/playground.js';
import {
  exampleCommand,
  freshCursor,
  isStringList,
  pushHistory,
  pushRecentDir,
  quoteArg,
  refusalText,
  stepHistory,
  type HistoryCursor,
} from '../../renderer/src/playground/command-history.js';
import { consoleLines } from '../../renderer/src/playground/console-model.js';
import { PG_STRINGS } from '../../renderer/src/i18n/playground-strings.js';
import { translatorFor } from '../../renderer/src/i18n/translate.js';
import { buildProcs, exitText, exitTone, helpersSeen, liveCount, pidHueMap, procHues, runTime, treeRows } from '../../renderer/src/playground/proc-model.js';
import { emptyPg, KEEP_RUNS, PAGE_HEAD_LINES, PAGE_TAIL_LINES, pgReducer, runClockMs, type LiveItem, type PgState } from '../../renderer/src/playground/playground-run-store.js';
import { pythonRoles } from '../../renderer/src/playground/python-roles.js';

type E = PlaygroundEvent;
const start = (t: number, pid: number, ppid: number, name: string, command = name, root = false, marked = false): E => ({ type: 'proc-start', t, pid, ppid, name, command, root, marked });
const out = (t: number, text: string, stream: 'stdout' | 'stderr' = 'stdout', partial = false): E =>
  partial ? { type: 'output', t, stream, text, partial: true } : { type: 'output', t, stream, text };
const exit = (t: number, pid: number, exitCode: number | null, signal: string | null = null): E => ({ type: 'proc-exit', t, pid, exitCode, signal });
const zombie = (t: number, pid: number, exitCode: number | null, signal: string | null = null): E => ({ type: 'proc-zombie', t, pid, exitCode, signal });
const end = (t: number, exitCode: number | null, signal: string | null = null, stopped = false): E => ({
  type: 'run-end',
  t,
  stopped,
  exitCode,
  signal,
  message: signal ? `ended by ${signal}` : `exit code ${exitCode}`,
  droppedLines: 0,
  droppedBytes: 0,
});

const info = (runId: string, events: E[], over: Partial<PlaygroundRunInfo> = {}): PlaygroundRunInfo => ({
  runId,
  pid: 100,
  command: 'python3 demo.py',
  shell: '/bin/sh -c',
  cwd: '/tmp',
  startedAt: 1_000_000,
  running: true,
  exitCode: null,
  signal: null,
  events,
  ...over,
});
const live = (runId: string, events: E[], receivedAt = 1_000_500): LiveItem[] => events.map((event) => ({ runId, event, receivedAt }));

/** A Python run: sh 100 exec'd into python3, two children, then Stop. */
const pyRun: E[] = [
  start(0, 100, 1, 'sh', '/bin/sh -c python3 demo.py', true),
  { type: 'proc-exec', t: 30, pid: 100, name: 'python3', command: 'python3 demo.py' },
  out(60, 'parent 100'),
  start(90, 101, 100, 'python3', 'python3 demo.py'),
  start(95, 102, 100, 'python3', 'python3 demo.py'),
  out(120, 'oops', 'stderr'),
  zombie(1500, 101, null, 'SIGTERM'),
  exit(1510, 101, null, 'SIGTERM'),
  exit(1512, 102, null, null),
  exit(1520, 100, null, 'SIGTERM'),
  end(1530, null, 'SIGTERM', true),
];

describe('run store: caught-up and live events merged', () => {
  it('keeps each event once whichever source brought it, in the runner’s order', () => {
    const [a, b, c, d] = pyRun;
    // Live first (a, b), then the call's answer (a, b, c), then live c (a duplicate) and d.
    let s: PgState = pgReducer(emptyPg, { type: 'live', items: live('r1', [a!, b!]) });
    expect(s.runs.r1!.meta).toBeNull();
    s = pgReducer(s, { type: 'known', infos: [info('r1', [a!, b!, c!])], show: true });
    expect(s.runs.r1!.events).toEqual([a, b, c]);
    expect(s.runs.r1!.meta).toEqual({ pid: 100, command: 'python3 demo.py', shell: '/bin/sh -c', cwd: '/tmp' });
    s = pgReducer(s, { type: 'live', items: live('r1', [c!, d!]) });
    expect(s.runs.r1!.events).toEqual([a, b, c, d]);
    expect(s.currentId).toBe('r1');
  });

  it('keeps repeated identical lines: two equal lines live stay two', () => {
    const line = out(10, 'same');
    let s = pgReducer(emptyPg, { type: 'known', infos: [info('r1', [line])] });
    s = pgReducer(s, { type: 'live', items: live('r1', [line, line]) });
    expect(s.runs.r1!.events).toEqual([line, line]);
  });

  it('puts live-only events after the caught-up history', () => {
    const [a, b, c] = pyRun;
    let s = pgReducer(emptyPg, { type: 'live', items: live('r1', [c!]) });
    s = pgReducer(s, { type: 'known', infos: [info('r1', [a!, b!])] });
    expect(s.runs.r1!.events).toEqual([a, b, c]);
  });

  it('ends the run on run-end and says when', () => {
    let s = pgReducer(emptyPg, { type: 'known', infos: [info('r1', pyRun.slice(0, 3))] });
    expect(s.runs.r1!.running).toBe(true);
    expect(runClockMs(s.runs.r1!, 1_000_000 + 2500)).toBe(2500);
    s = pgReducer(s, { type: 'live', items: live('r1', pyRun.slice(3)) });
    expect(s.runs.r1!.running).toBe(false);
    expect(s.runs.r1!.end?.signal).toBe('SIGTERM');
    expect(runClockMs(s.runs.r1!, 1_000_000 + 99_999)).toBe(1530);
  });

  it('shows the newest run started from the page; catching up picks the newest when none is shown', () => {
    let s = pgReducer(emptyPg, { type: 'known', infos: [info('old', [], { startedAt: 1 }), info('new', [], { startedAt: 5 })] });
    expect(s.currentId).toBe('new');
    s = pgReducer(s, { type: 'known', infos: [info('older', [], { startedAt: 0 })] });
    expect(s.currentId).toBe('new');
    s = pgReducer(s, { type: 'known', infos: [info('mine', [], { startedAt: 9 })], show: true });
    expect(s.currentId).toBe('mine');
    s = pgReducer(s, { type: 'show', runId: 'old' });
    expect(s.currentId).toBe('old');
    expect(pgReducer(s, { type: 'show', runId: 'nope' })).toBe(s);
  });

  it('a live event of another run does not steal the view', () => {
    let s = pgReducer(emptyPg, { type: 'known', infos: [info('r1', [])], show: true });
    s = pgReducer(s, { type: 'live', items: live('r2', [pyRun[0]!]) });
    expect(s.currentId).toBe('r1');
    expect(s.runs.r2!.startedAt).toBe(1_000_500);
  });

  it('forgets the oldest ended runs beyond the limit, never a running or the shown one', () => {
    let s = emptyPg;
    for (let i = 0; i < KEEP_RUNS + 5; i++) {
      s = pgReducer(s, { type: 'known', infos: [info(`r${i}`, i === 0 ? [] : [end(1, 0)], { startedAt: i, running: i === 0 })], show: i === 1 });
    }
    expect(Object.keys(s.runs)).toHaveLength(KEEP_RUNS);
    expect(s.runs.r0).toBeDefined(); // running
    expect(s.runs.r1).toBeDefined(); // shown
    expect(s.runs.r2).toBeUndefined();
  });
});

describe('process model', () => {
  const helpers: PythonHelperMeta[] = [
    { id: 'forkserver', name: 'forkserver', commandPattern: 'multiprocessing\\.forkserver', explanation: { en: 'forks children', zh: '派生子进程' } },
    { id: 'resource-tracker', name: 'resource_tracker', commandPattern: '(', explanation: { en: 'bad pattern', zh: '坏' } },
  ];

  it('follows starts, exec, zombies and exits', () => {
    const procs = buildProcs(pyRun.slice(0, 7));
    expect(procs.map((p) => [p.pid, p.status])).toEqual([
      [100, 'alive'],
      [101, 'zombie'],
      [102, 'alive'],
    ]);
    expect(procs[0]).toMatchObject({ name: 'python3', formerNames: ['sh'], root: true, command: 'python3 demo.py' });
    expect(procs[1]).toMatchObject({ zombieMs: 1500, exit: { exitCode: null, signal: 'SIGTERM' } });
    expect(liveCount(procs)).toBe(2);
    const done = buildProcs(pyRun);
    expect(done.every((p) => p.status === 'gone')).toBe(true);
    expect(done.map((p) => exitText(p.exit))).toEqual(['SIGTERM', 'SIGTERM', null]);
    expect(done[2]!.endMs).toBe(1512);
  });

  it('run-end closes what was never reported gone, and gives the root its exit', () => {
    const procs = buildProcs([start(0, 5, 1, 'sh', 'sh', true), start(10, 6, 5, 'sleep'), end(400, 0)]);
    expect(procs.map((p) => [p.status, p.endMs])).toEqual([
      ['gone', 400],
      ['gone', 400],
    ]);
    expect(procs[0]!.exit).toEqual({ exitCode: 0, signal: null });
    expect(procs[1]!.exit).toBeNull();
  });

  it('names Python’s helpers (a pattern that does not compile is skipped)', () => {
    const procs = buildProcs(
      [
        start(0, 10, 1, 'python3', 'python3 helpers.py', true),
        start(50, 11, 10, 'python3', 'python3 -c from multiprocessing.forkserver import main; main(8, 9)'),
        start(60, 12, 11, 'python3', 'python3 -c from multiprocessing.forkserver import main; main(8, 9)'),
        start(70, 13, 10, '(', '('),
      ],
      helpers,
    );
    expect(procs.map((p) => p.helper?.id ?? null)).toEqual([null, 'forkserver', 'forkserver', null]);
    expect(helpersSeen(procs).map((h) => h.id)).toEqual(['forkserver']);
  });

  it('a reused pid is a new process with its own key', () => {
    const procs = buildProcs([start(0, 1, 0, 'sh', 'sh', true), start(10, 7, 1, 'a'), exit(20, 7, 0), start(30, 7, 1, 'b')]);
    expect(procs.map((p) => [p.key, p.name, p.status])).toEqual([
      ['1@0', 'sh', 'alive'],
      ['7@10', 'a', 'gone'],
      ['7@30', 'b', 'alive'],
    ]);
    expect(new Set(procHues(procs).values()).size).toBe(3);
    expect(pidHueMap(procs).get(7)).toBe(procHues(procs).get('7@30'));
  });

  it('lays the tree out like pstree: parents first, children by start, guides and collapse', () => {
    const procs = buildProcs([
      start(0, 1, 900, 'sh', 'sh', true),
      start(10, 2, 1, 'python3'),
      start(20, 4, 2, 'worker-b'),
      start(15, 3, 2, 'worker-a'),
      start(30, 5, 1, 'tail'),
      start(40, 9, 1234, 'daemonised', 'x', false, true), // re-parented before it was seen
    ]);
    const rows = treeRows(procs);
    expect(rows.map((r) => [r.proc.pid, r.depth, r.guides.join(' ')])).toEqual([
      [1, 0, ''],
      [2, 1, 'tee'],
      [3, 2, 'pipe tee'],
      [4, 2, 'pipe elbow'],
      [5, 1, 'elbow'],
      [9, 0, ''],
    ]);
    expect(rows[1]!.hasChildren).toBe(true);
    const folded = treeRows(procs, new Set([procs[1]!.key]));
    expect(folded.map((r) => r.proc.pid)).toEqual([1, 2, 5, 9]);
    expect(folded[1]!.collapsed).toBe(true);
  });

  it('a child started after its parent’s pid was reused hangs under the newer process', () => {
    const procs = buildProcs([start(0, 1, 0, 'sh', 'sh', true), start(5, 2, 1, 'old'), exit(8, 2, 0), start(10, 2, 1, 'new'), start(12, 3, 2, 'kid')]);
    const rows = treeRows(procs);
    const kid = rows.find((r) => r.proc.pid === 3)!;
    const parentRow = rows[rows.indexOf(kid) - 1]!;
    expect(parentRow.proc.name).toBe('new');
  });

  it('says how a process ended', () => {
    expect(exitText({ exitCode: 0, signal: null })).toBe('exit 0');
    expect(exitText({ exitCode: null, signal: 'SIGKILL' })).toBe('SIGKILL');
    expect(exitText({ exitCode: null, signal: null })).toBeNull();
    expect(exitText(null)).toBeNull();
    expect(exitTone({ exitCode: 0, signal: null })).toBe('ok');
    expect(exitTone({ exitCode: 2, signal: null })).toBe('error');
    expect(exitTone({ exitCode: null, signal: 'SIGTERM' })).toBe('signal');
    expect(exitTone(null)).toBe('unknown');
  });

  it('times a run in tenths under a minute', () => {
    const coarse = () => 'coarse';
    expect(runTime(0, 'en', coarse)).toBe('0.0 s');
    expect(runTime(3456, 'en', coarse)).toBe('3.5 s');
    expect(runTime(3456, 'zh', coarse)).toBe('3.5 秒');
    expect(runTime(75_000, 'en', coarse)).toBe('coarse');
  });
});

describe('output lines', () => {
  it('keeps stdout and stderr apart, and process events as their own lines', () => {
    const m = consoleLines(pyRun);
    expect(m.outputLines).toBe(2);
    expect(m.lines.filter((l) => l.kind === 'output').map((l) => l.kind === 'output' && [l.stream, l.text])).toEqual([
      ['stdout', 'parent 100'],
      ['stderr', 'oops'],
    ]);
    expect(m.lines.map((l) => l.kind)).toEqual(['start', 'exec', 'output', 'start', 'start', 'output', 'zombie', 'exit', 'exit', 'exit']);
    expect(consoleLines(pyRun, { procEvents: false }).lines.map((l) => l.kind)).toEqual(['output', 'output']);
  });

  it('joins a prompt with the rest of its line; input ends the prompt’s line', () => {
    const m = consoleLines([
      out(0, 'Name: ', 'stdout', true),
      out(5, 'warn', 'stderr'),
      out(10, 'still typing', 'stdout', true),
      { type: 'input', t: 20, text: 'ada' },
      out(30, 'ADA'),
      out(40, 'ab', 'stdout', true),
      out(41, 'cd'),
      out(42, 'next'),
      { type: 'input', t: 50, text: '', eof: true },
    ]);
    expect(m.lines.map((l) => (l.kind === 'output' ? `${l.stream}:${l.text}` : l.kind === 'input' ? `in:${l.text}:${l.eof}` : l.kind))).toEqual([
      'stdout:Name: still typing',
      'stderr:warn',
      'in:ada:false',
      'stdout:ADA',
      'stdout:abcd',
      'stdout:next',
      'in::true',
    ]);
    expect(m.outputLines).toBe(5);
  });

  it('notes skipped output (one gap for consecutive skips) and a capped tree, and draws the first and the newest lines', () => {
    const events: E[] = [out(0, 'a'), out(1, 'b'), { type: 'output-skipped', t: 2, lines: 5 }, { type: 'output-skipped', t: 2, lines: 2 }, out(3, 'z'), { type: 'tree-capped', t: 3, limit: 2000 }];
    const m = consoleLines(events);
    expect(m.lines.map((l) => (l.kind === 'skipped' ? `skipped ${l.lines}` : l.kind))).toEqual(['output', 'output', 'skipped 7', 'output', 'capped']);
    expect([m.outputLines, m.skippedLines]).toEqual([3, 7]);
    const many = consoleLines(Array.from({ length: 100 }, (_, i) => out(i, `l${i}`)), { max: 20 });
    expect(many.hidden).toBe(80);
    const texts = many.lines.map((l) => (l.kind === 'output' ? l.text : `${l.kind} ${'lines' in l ? l.lines : ''}`));
    expect(texts.slice(0, 6)).toEqual(['l0', 'l1', 'l2', 'l3', 'l4', 'hidden 80']);
    expect(texts.at(-1)).toBe('l99');
  });

  it('keeps a head and a tail of a long run in the page, one skipped marker between, and forgets the rest', () => {
    const lines = Array.from({ length: 5000 }, (_, i) => out(i, `line ${i}`));
    let state = pgReducer(emptyPg, { type: 'known', infos: [info('r', [start(0, 100, 1, 'sh', 'sh', true)])] });
    for (let i = 0; i < lines.length; i += 250) state = pgReducer(state, { type: 'live', items: live('r', lines.slice(i, i + 250)) });
    const run = state.runs.r!;
    const outs = run.events.filter((e) => e.type === 'output');
    expect(outs.length).toBeLessThanOrEqual(PAGE_HEAD_LINES + PAGE_TAIL_LINES + 500);
    expect(outs[0]).toMatchObject({ text: 'line 0' });
    expect(outs[PAGE_HEAD_LINES - 1]).toMatchObject({ text: `line ${PAGE_HEAD_LINES - 1}` });
    expect(outs.at(-1)).toMatchObject({ text: 'line 4999' });
    const markers = run.events.filter((e) => e.type === 'output-skipped');
    expect(markers).toHaveLength(1);
    expect(outs.length + (markers[0] as { lines: number }).lines).toBe(5000);
    expect(run.seen.size).toBeLessThan(4000);
    const m = consoleLines(run.events);
    expect(m.outputLines + m.skippedLines).toBe(5000);
  });

  it('hides the previous run after a start that failed', () => {
    const state = pgReducer(emptyPg, { type: 'known', infos: [info('r', [end(5, 0)], { running: false })] });
    expect(state.currentId).toBe('r');
    expect(pgReducer(state, { type: 'hide' }).currentId).toBeNull();
  });
});

describe('Python multiprocessing roles', () => {
  const py = '/usr/bin/python3';
  it('names the main program, spawn children, the resource tracker and nested children as Python does', () => {
    const procs = buildProcs([
      start(0, 100, 1, 'python3', `${py} demo.py`, true),
      start(10, 101, 100, 'python3', `${py} -B -c from multiprocessing.resource_tracker import main;main(3)`),
      start(20, 102, 100, 'python3', `${py} -B -c from multiprocessing.spawn import spawn_main; spawn_main(tracker_fd=4, pipe_handle=6) --multiprocessing-fork`),
      start(30, 103, 100, 'python3', `${py} -B -c from multiprocessing.spawn import spawn_main; spawn_main(tracker_fd=4, pipe_handle=8) --multiprocessing-fork`),
      start(40, 104, 103, 'python3', `${py} -B -c from multiprocessing.spawn import spawn_main; spawn_main(tracker_fd=4, pipe_handle=9) --multiprocessing-fork`),
      start(50, 105, 100, 'sh', 'sh -c ls'),
    ]);
    const roles = pythonRoles(procs);
    const byPid = (pid: number) => roles.get(procs.find((p) => p.pid === pid)!.key);
    expect(byPid(100)).toEqual({ name: 'MainProcess', kind: 'main', method: null });
    expect(byPid(101)).toEqual({ name: 'resource_tracker', kind: 'helper', method: null });
    expect(byPid(102)).toEqual({ name: 'Process-1', kind: 'child', method: 'spawn' });
    expect(byPid(103)).toEqual({ name: 'Process-2', kind: 'child', method: 'spawn' });
    expect(byPid(104)).toEqual({ name: 'Process-2:1', kind: 'child', method: 'spawn' });
    expect(byPid(105)).toBeUndefined();
  });
  it('tells the forkserver from the workers it forks (same command line), and fork children by their copied command', () => {
    const fs = `${py} -B -c from multiprocessing.forkserver import main; main(3, 5, ['__main__'])`;
    const procs = buildProcs([
      start(0, 200, 1, 'python3', `${py} helpers.py`, true),
      start(10, 201, 200, 'python3', fs),
      start(20, 202, 201, 'python3', fs),
      start(30, 203, 201, 'python3', fs),
      start(40, 204, 200, 'python3', `${py} helpers.py`),
    ]);
    const names = procs.map((p) => pythonRoles(procs).get(p.key)?.name);
    expect(names).toEqual(['MainProcess', 'forkserver', 'Process-1', 'Process-2', 'Process-3']);
    expect(pythonRoles(procs).get(procs[2]!.key)?.method).toBe('forkserver');
    expect(pythonRoles(procs).get(procs[4]!.key)?.method).toBe('fork');
  });
  it('behind a pyenv shim, the real interpreter is MainProcess and the shim only its launcher', () => {
    const shim = '/bin/bash /root/.pyenv/shims/python3 demo.py';
    const procs = buildProcs([
      start(0, 400, 1, 'python3', shim, true),
      start(5, 401, 400, 'bash', 'bash /root/.pyenv/libexec/pyenv-exec python3 demo.py'),
      start(30, 402, 401, 'python3', `${py} demo.py`),
      start(40, 403, 402, 'python3', `${py} -B -c from multiprocessing.spawn import spawn_main; spawn_main(tracker_fd=4, pipe_handle=6) --multiprocessing-fork`),
    ]);
    const names = procs.map((p) => pythonRoles(procs).get(p.key)?.name);
    expect(names).toEqual([undefined, undefined, 'MainProcess', 'Process-1']);
  });
  it('says nothing about a lone Python program', () => {
    expect(pythonRoles(buildProcs([start(0, 300, 1, 'python3', 'python3 x.py', true)])).size).toBe(0);
  });
});

describe('command history and quoting', () => {
  it('remembers commands newest last, once each, bounded', () => {
    let h: string[] = [];
    for (const c of ['ls', 'python3 a.py', '  ', 'ls']) h = pushHistory(h, c);
    expect(h).toEqual(['python3 a.py', 'ls']);
    expect(pushHistory(['a', 'b', 'c'], 'd', 3)).toEqual(['b', 'c', 'd']);
    expect(pushRecentDir(['/a', '/b'], ' /b ')).toEqual(['/b', '/a']);
    expect(pushRecentDir(['/a', '/b', '/c'], '/d', 3)).toEqual(['/d', '/a', '/b']);
    expect(isStringList(['a'])).toBe(true);
    expect(isStringList(['a', 1])).toBe(false);
    expect(isStringList('a')).toBe(false);
  });

  it('walks the history with ↑/↓ like a shell, keeping the typed line as a draft', () => {
    const h = ['one', 'two', 'three'];
    let cur: HistoryCursor = freshCursor;
    const step = (value: string, dir: 'up' | 'down') => {
      const r = stepHistory(h, cur, value, dir);
      if (r) cur = r.cursor;
      return r?.value ?? null;
    };
    expect(step('draft', 'down')).toBeNull();
    expect(step('draft', 'up')).toBe('three');
    expect(step('three', 'up')).toBe('two');
    expect(step('two', 'up')).toBe('one');
    expect(step('one', 'up')).toBeNull();
    expect(step('one', 'down')).toBe('two');
    expect(step('two', 'down')).toBe('three');
    expect(step('three', 'down')).toBe('draft');
    expect(cur.index).toBeNull();
    expect(stepHistory([], freshCursor, 'x', 'up')).toBeNull();
  });

  it('quotes an example path only when needed', () => {
    expect(quoteArg('/usr/lib/x/helpers.py')).toBe('/usr/lib/x/helpers.py');
    expect(quoteArg('C:\\Program Files\\app\\x.py')).toBe('"C:\\Program Files\\app\\x.py"');
    expect(quoteArg('/home/me/my dir/x.py')).toBe('"/home/me/my dir/x.py"');
    expect(quoteArg("/tmp/it's $HOME")).toBe(`'/tmp/it'\\''s $HOME'`);
    expect(exampleCommand('python3', '/a b/join.py')).toBe('python3 "/a b/join.py"');
  });

  it('drops the backend’s closing “nothing was started” (the page says it)', () => {
    expect(refusalText('command not found: x — no program "x" on the PATH; nothing was started')).toBe('command not found: x — no program "x" on the PATH');
    expect(refusalText('the command is empty: type a program')).toBe('the command is empty: type a program');
    expect(refusalText('nothing was started')).toBe('nothing was started');
  });
});

describe('playground strings', () => {
  it('has every key in both languages, with the same placeholders', () => {
    const en = PG_STRINGS.en;
    const zh = PG_STRINGS.zh;
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const vars = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
    for (const k of Object.keys(en) as (keyof typeof en)[]) {
      expect(zh[k].trim(), k).not.toBe('');
      expect(vars(zh[k]), k).toEqual(vars(en[k]));
    }
    expect(translatorFor(PG_STRINGS, 'zh')('status.running', { time: '1.0 秒' })).toBe('运行中 · 1.0 秒');
    expect(translatorFor(PG_STRINGS, 'en')('cmd.ranWith', { shell: '/bin/sh -c' })).toBe('Ran with /bin/sh -c');
  });
});
