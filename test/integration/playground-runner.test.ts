// The playground runner with real programs: Python multiprocessing trees seen with the right
// parents, a daemon ended with its parent, exit codes, Stop ending a whole stubborn tree, output
// floods capped, input, and bad requests refused with nothing started. Every test checks that no
// process carrying its run's marker survives.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { PlaygroundEvent } from '../../shared/playground.js';
import { PlaygroundRunner } from '../../main/playground/playground-runner.js';
import { PROC_EVENT_LIMIT } from '../../main/playground/playground-run.js';
import { TreeWatch } from '../../main/playground/tree-watch.js';
import { getSupervisor } from '../../main/supervision/supervisor.js';
import { until } from '../support/marked-processes.js';
import { readComm } from '../../main/processes/process-files.js';

type Ev<T extends PlaygroundEvent['type']> = Extract<PlaygroundEvent, { type: T }>;

const tmp = mkdtempSync(path.join(os.tmpdir(), 'procplay-pg-'));

/** Live (non-zombie) processes whose environment carries this run's marker. */
function survivors(runId: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const env = readFileSync(`/proc/${name}/environ`, 'latin1');
      const marker = env.split('\0').find((e) => e.startsWith('PROCPLAY_OWNER='));
      if (!marker || !marker.split(/[= ]/).some((t) => t.endsWith(`/${runId}`))) continue;
      const stat = readFileSync(`/proc/${name}/stat`, 'latin1');
      if (stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z') out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

const streams = new Map<string, PlaygroundEvent[]>();
const runner = new PlaygroundRunner({
  defaultCwd: tmp,
  onEvent: (runId, event) => (streams.get(runId) ?? streams.set(runId, []).get(runId)!).push(event),
});
const eventsOf = (runId: string) => streams.get(runId) ?? [];
const ofType = <T extends PlaygroundEvent['type']>(runId: string, type: T) => eventsOf(runId).filter((e): e is Ev<T> => e.type === type);
const stdout = (runId: string) => ofType(runId, 'output').filter((e) => e.stream === 'stdout').map((e) => e.text);
const runEnd = (runId: string) => ofType(runId, 'run-end')[0];
const started: string[] = [];

async function finish(runId: string, ms = 15_000): Promise<Ev<'run-end'>> {
  expect(await until(() => runEnd(runId) !== undefined, ms), `run ${runId} ended`).toBe(true);
  return runEnd(runId)!;
}

function script(name: string, text: string): string {
  const file = path.join(tmp, name);
  writeFileSync(file, text);
  return file;
}

afterEach(async () => {
  await runner.stopAll();
  for (const runId of started.splice(0)) expect(survivors(runId), `survivors of ${runId}`).toEqual([]);
});
afterAll(async () => {
  await getSupervisor().shutdown();
  rmSync(tmp, { recursive: true, force: true });
});

describe('the playground runner (Linux)', () => {
  it('runs a Python multiprocessing program: the tree shows the parent and its children with the right ppids, and the exit code', async () => {
    const file = script('family.py', [
      'import os, sys, time',
      'from multiprocessing import Process',
      'def work(i):',
      '    os.write(1, f"child {i} {os.getpid()} {os.getppid()}\\n".encode())  # one write: lines of concurrent children stay whole',
      '    time.sleep(0.8)',
      'if __name__ == "__main__":',
      '    print(f"parent {os.getpid()}", flush=True)',
      '    ps = [Process(target=work, args=(i,)) for i in range(3)]',
      '    for p in ps: p.start()',
      '    for p in ps: p.join()',
      '    sys.exit(7)',
      '',
    ].join('\n'));
    const info = await runner.runFile({ path: file });
    started.push(info.runId);
    expect(info.shell).toMatch(/python/);
    expect(info.cwd).toBe(tmp);
    const end = await finish(info.runId);
    expect(end).toMatchObject({ exitCode: 7, signal: null, stopped: false, message: 'exit code 7' });
    const parentPid = Number(stdout(info.runId).find((l) => l.startsWith('parent '))!.split(' ')[1]);
    const children = stdout(info.runId).filter((l) => l.startsWith('child ')).map((l) => l.split(' ').map(Number));
    expect(children).toHaveLength(3);
    const starts = ofType(info.runId, 'proc-start');
    const byPid = new Map(starts.map((s) => [s.pid, s]));
    // The parent is the root or (through the pyenv shim's exec) the same pid as the root.
    expect(byPid.get(parentPid)).toBeDefined();
    for (const [, , pid, ppid] of children) {
      expect(ppid).toBe(parentPid);
      expect(byPid.get(pid!), `child ${pid} in the tree`).toMatchObject({ ppid: parentPid, name: 'python3' });
    }
    // Every process seen to start was seen to end; the root's exit code is in its proc-exit.
    const exits = new Set(ofType(info.runId, 'proc-exit').map((e) => e.pid));
    for (const s of starts) expect(exits.has(s.pid), `exit of ${s.pid}`).toBe(true);
    expect(ofType(info.runId, 'proc-exit').find((e) => e.pid === info.pid)).toMatchObject({ exitCode: 7 });
    expect(runner.runs().find((r) => r.runId === info.runId)).toMatchObject({ running: false, exitCode: 7 });
  });

  it('ends a daemon child when the main program ends, while the ordinary child is waited for', async () => {
    const example = runner.examples().examples.find((e) => e.id === 'daemon')!;
    const info = await runner.runFile({ path: example.path });
    started.push(info.runId);
    const end = await finish(info.runId);
    expect(end.exitCode).toBe(0);
    const line = stdout(info.runId).find((l) => l.startsWith('parent '))!;
    const [, daemonPid, workerPid] = /daemon (\d+), worker (\d+)/.exec(line)!.map(Number);
    // Ended: seen as a zombie (dead, not yet reaped by its parent) or gone.
    const exitAt = (pid: number) => eventsOf(info.runId).find((e) => (e.type === 'proc-zombie' || e.type === 'proc-exit') && e.pid === pid)?.t;
    const lastWords = ofType(info.runId, 'output').find((e) => e.text.startsWith('parent: my code is done'))!.t;
    expect(exitAt(daemonPid!)).toBeDefined();
    expect(exitAt(workerPid!)).toBeDefined();
    // The daemon ended right after the parent's last line, about a second before the worker.
    expect(exitAt(daemonPid!)! - lastWords).toBeLessThan(600);
    expect(exitAt(workerPid!)! - exitAt(daemonPid!)!).toBeGreaterThan(400);
    expect(stdout(info.runId)).toContain(`worker ${workerPid}: end`);
    const daemonLines = stdout(info.runId).filter((l) => l.startsWith('daemon *'));
    const afterParent = ofType(info.runId, 'output').filter((e) => e.text.startsWith('daemon *') && e.t > lastWords + 400);
    expect(daemonLines.length).toBeGreaterThan(1);
    expect(afterParent).toEqual([]);
  });

  it("shows Python's helper processes (forkserver, resource_tracker), named by the catalogue", async () => {
    const catalogue = runner.examples();
    expect(catalogue.python).toBe('python3');
    expect(catalogue.examples.map((e) => e.id)).toEqual(['arguments', 'isolation', 'join', 'daemon', 'heartbeat', 'helpers']);
    for (const e of catalogue.examples) {
      expect(e.source).toContain('if __name__ == "__main__":');
      expect(e.title.zh && e.explanation.zh).toMatch(/[\u4e00-\u9fff]/);
    }
    const info = await runner.runFile({ path: catalogue.examples.find((e) => e.id === 'helpers')!.path });
    started.push(info.runId);
    expect((await finish(info.runId)).exitCode).toBe(0);
    const starts = ofType(info.runId, 'proc-start');
    const execs = ofType(info.runId, 'proc-exec');
    const commandOf = (pid: number) => [...execs.filter((e) => e.pid === pid).map((e) => e.command), starts.find((s) => s.pid === pid)!.command].join('\n');
    const helper = (id: string) => {
      const pattern = new RegExp(catalogue.helpers.find((h) => h.id === id)!.commandPattern);
      return starts.find((s) => pattern.test(commandOf(s.pid)));
    };
    expect(helper('forkserver'), 'a forkserver in the tree').toBeDefined();
    expect(helper('resource-tracker'), 'a resource_tracker in the tree').toBeDefined();
    // The children's parent is the forkserver, as the explanation says. (A worker is a fork of the
    // forkserver and carries its command line: it may match the pattern too, so the parent is one
    // of the processes that match, not necessarily the first seen.)
    const pattern = new RegExp(catalogue.helpers.find((h) => h.id === 'forkserver')!.commandPattern);
    const forkservers = starts.filter((s) => pattern.test(commandOf(s.pid))).map((s) => s.pid);
    const childPpids = stdout(info.runId).filter((l) => l.startsWith('child ')).map((l) => Number(l.split(' ').pop()));
    expect(childPpids).toHaveLength(2);
    expect(childPpids[0]).toBe(childPpids[1]);
    // Not the main program: the forkserver, known by its own command line or by its forks', which
    // carry it (the sampled tree may have seen the forkserver only before its exec).
    const parent = childPpids[0]!;
    expect(parent).not.toBe(info.pid);
    expect(forkservers.includes(parent) || starts.some((s) => s.ppid === parent && forkservers.includes(s.pid)), `parent ${parent}, forkserver-like ${forkservers.join(' ')}`).toBe(true);
  });

  it('Stop ends the whole tree: children that ignore SIGTERM, a setsid descendant, none left', async () => {
    const file = script('stubborn.py', [
      'import os, signal, subprocess, time',
      'from multiprocessing import Process',
      'def stubborn():',
      '    signal.signal(signal.SIGTERM, signal.SIG_IGN)',
      '    time.sleep(300)',
      'if __name__ == "__main__":',
      '    signal.signal(signal.SIGTERM, signal.SIG_IGN)',
      '    subprocess.Popen(["setsid", "sleep", "300"])',
      '    for _ in range(2): Process(target=stubborn).start()',
      '    print("ready", flush=True)',
      '    time.sleep(300)',
      '',
    ].join('\n'));
    const info = await runner.runFile({ path: file });
    started.push(info.runId);
    expect(await until(() => stdout(info.runId).includes('ready') && survivors(info.runId).length >= 4, 10_000)).toBe(true);
    // The setsid sleeper may first be seen as `setsid` and then exec `sleep`: either event names it.
    const names = () => [...ofType(info.runId, 'proc-start'), ...ofType(info.runId, 'proc-exec')].map((s) => s.name);
    expect(await until(() => names().includes('sleep'), 5000), `names seen: ${names().join(' ')}`).toBe(true);
    expect(runner.ownsPid(info.pid)).toBe(true);
    const t0 = performance.now();
    expect(await runner.stop(info.runId)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(4000);
    expect(survivors(info.runId)).toEqual([]);
    expect(runEnd(info.runId)).toMatchObject({ stopped: true, signal: 'SIGKILL' });
    expect(runner.ownsPid(info.pid)).toBe(false);
    expect(await runner.stop(info.runId)).toBe(false);
  });

  it('waits for a descendant that left the tree (double fork, own session) and finds it by its marker', async () => {
    const info = await runner.run({ command: '( setsid sh -c "sleep 1.5; echo orphan done" & ) ; echo root done' });
    started.push(info.runId);
    const end = await finish(info.runId);
    expect(end.exitCode).toBe(0);
    expect(stdout(info.runId)).toEqual(['root done', 'orphan done']);
    const rootExit = ofType(info.runId, 'proc-exit').find((e) => e.pid === info.pid)!;
    expect(end.t - rootExit.t).toBeGreaterThan(1000);
    expect(ofType(info.runId, 'proc-start').some((s) => s.command.includes('sleep 1.5'))).toBe(true);
  });

  it('keeps the first and the last lines of a flood, says how many were skipped, and Stop still works', async () => {
    const info = await runner.run({ command: 'yes "a line of output"' });
    started.push(info.runId);
    const skippedSoFar = () => ofType(info.runId, 'output-skipped').reduce((n, e) => n + e.lines, 0);
    expect(await until(() => skippedSoFar() > 20_000, 10_000)).toBe(true);
    await runner.stop(info.runId);
    const end = runEnd(info.runId)!;
    expect(end.stopped).toBe(true);
    expect(end.droppedLines).toBeGreaterThan(10_000);
    expect(end.droppedBytes).toBeGreaterThan(100_000);
    // What was sent live stays bounded per drain: far fewer lines than the program wrote.
    const sent = ofType(info.runId, 'output').length;
    const skippedLive = ofType(info.runId, 'output-skipped').reduce((n, e) => n + e.lines, 0);
    // Every line was either sent or counted as skipped; the stored transcript skips more (it keeps only the last lines).
    expect(sent + skippedLive).toBeGreaterThan(20_000);
    expect(skippedLive).toBeLessThanOrEqual(end.droppedLines);
    // The stored transcript: 1,000 head lines, one marker, at most 2,000 tail lines.
    const stored = runner.runs().find((r) => r.runId === info.runId)!.events;
    const kept = stored.filter((e) => e.type === 'output');
    expect(kept.length).toBeLessThanOrEqual(3000);
    expect(kept.reduce((n, e) => n + Buffer.byteLength((e as { text: string }).text) + 1, 0)).toBeLessThanOrEqual(1024 * 1024);
    const markers = stored.filter((e) => e.type === 'output-skipped');
    expect(markers).toHaveLength(1);
    expect(kept.length + (markers[0] as { lines: number }).lines).toBe(sent + skippedLive);
    expect(stored.indexOf(markers[0]!)).toBeGreaterThan(stored.indexOf(kept[999]!));
  });

  it('keeps the last line of a long program (the traceback at the end is not lost)', async () => {
    const info = await runner.run({ command: 'seq 1 50000; echo "Traceback: the end"; exit 3' });
    started.push(info.runId);
    const end = await finish(info.runId);
    expect(end.exitCode).toBe(3);
    const stored = runner.runs().find((r) => r.runId === info.runId)!.events;
    const texts = stored.flatMap((e) => (e.type === 'output' ? [e.text] : []));
    expect(texts[0]).toBe('1');
    expect(texts[999]).toBe('1000');
    expect(texts).toContain('50000');
    expect(texts.slice(-2)).toEqual(['50000', 'Traceback: the end']);
    expect(stdout(info.runId).at(-1)).toBe('Traceback: the end');
  });

  it('caps the exec reports of processes that rename themselves in a loop, and Stop still works', async () => {
    // Each child renames itself (prctl PR_SET_NAME: a new comm, as an exec shows it) every millisecond;
    // a fast tree watch sees a new name on every look. Without a cap, the run's events grow forever.
    const fastEvents = new Map<string, PlaygroundEvent[]>();
    const watch = new TreeWatch({ intervalMs: 10 });
    const fast = new PlaygroundRunner({
      defaultCwd: tmp,
      watch,
      onEvent: (runId, event) => (fastEvents.get(runId) ?? fastEvents.set(runId, []).get(runId)!).push(event),
    });
    const file = script('renamer.py', [
      'import ctypes, os, time',
      'libc = ctypes.CDLL(None)',
      'for _ in range(20):',
      '    if os.fork() == 0:',
      '        i = 0',
      '        while True:',
      '            i += 1',
      '            libc.prctl(15, ctypes.c_char_p(b"n%d" % i), 0, 0, 0)',
      '            time.sleep(0.001)',
      'time.sleep(600)',
      '',
    ].join('\n'));
    const info = await fast.runFile({ path: file });
    started.push(info.runId);
    const execs = () => (fastEvents.get(info.runId) ?? []).filter((e) => e.type === 'proc-exec').length;
    try {
      expect(await until(() => execs() >= PROC_EVENT_LIMIT, 20_000), 'the cap reached').toBe(true);
      // Many more renames, each seen by a look of the watch taken after it (a fact, not a pause): none reported.
      const names = () => fast.trackedPids().map((pid) => readComm(pid)).join(' ');
      for (let look = 0; look < 20; look++) {
        const before = names();
        expect(await until(() => names() !== before, 5000), 'a child renamed itself').toBe(true);
        await watch.tick();
      }
      expect(execs()).toBe(PROC_EVENT_LIMIT);
      expect(fast.info(info.runId)!.events.filter((e) => e.type === 'proc-exec')).toHaveLength(PROC_EVENT_LIMIT);
    } finally {
      await fast.stopAll();
    }
    expect((fastEvents.get(info.runId) ?? []).find((e) => e.type === 'run-end')).toMatchObject({ stopped: true });
  });

  it("prints Python's lines as they are printed, and whole even when three processes print at once", async () => {
    const file = script('chorus.py', [
      'import time',
      'from multiprocessing import Process',
      'def sing(tag):',
      '    for i in range(300): print(f"{tag} line {i} " + "x" * 40)',
      'if __name__ == "__main__":',
      '    print("first", flush=False)',
      '    time.sleep(3)  # a block buffer would hold "first" until the end',
      '    ps = [Process(target=sing, args=(t,)) for t in "abc"]',
      '    for p in ps: p.start()',
      '    for p in ps: p.join()',
      '',
    ].join('\n'));
    const info = await runner.runFile({ path: file });
    started.push(info.runId);
    // Well before the 3 s sleep ends (python3 may start slowly: a pyenv shim, a loaded machine).
    expect(await until(() => stdout(info.runId).includes('first'), 2500)).toBe(true);
    await finish(info.runId);
    const lines = stdout(info.runId).slice(1);
    expect(lines).toHaveLength(900);
    expect(lines.filter((l) => !/^[abc] line \d+ x{40}$/.test(l))).toEqual([]);
  });

  it('sends a line of input to the program, and closes its input on request', async () => {
    const info = await runner.run({ command: `python3 -c "import sys; print(input('name? ').upper()); print(len(sys.stdin.read()))"` });
    started.push(info.runId);
    expect(await until(() => ofType(info.runId, 'output').some((e) => e.partial && e.text === 'name? '), 10_000)).toBe(true);
    runner.sendInput(info.runId, 'ada');
    runner.sendInput(info.runId, 'xy', { eof: true });
    const end = await finish(info.runId);
    expect(end.exitCode).toBe(0);
    expect(stdout(info.runId)).toEqual(['name? ', 'ADA', '3']);
    expect(ofType(info.runId, 'input').map((e) => e.text)).toEqual(['ada', 'xy']);
    expect(() => runner.sendInput(info.runId, 'late')).toThrow(/has ended/);
  });

  it('reports the exit code of a command line, and explains 127 when the shell cannot find a command', async () => {
    const a = await runner.run({ command: 'echo out; echo err >&2; exit 3' });
    const b = await runner.run({ command: 'true && no-such-program-xyz' });
    started.push(a.runId, b.runId);
    expect(a.shell).toBe('/bin/sh -c');
    expect(await finish(a.runId)).toMatchObject({ exitCode: 3, message: 'exit code 3' });
    expect(stdout(a.runId)).toEqual(['out']);
    expect(ofType(a.runId, 'output').filter((e) => e.stream === 'stderr').map((e) => e.text)).toEqual(['err']);
    expect(await finish(b.runId)).toMatchObject({ exitCode: 127, message: expect.stringMatching(/127: the shell could not find the command/) });
  });

  it('runs .js with node and .sh with sh', async () => {
    const js = await runner.runFile({ path: script('hello.mjs', 'console.log("from node", process.version)\n') });
    const sh = await runner.runFile({ path: script('hello.sh', 'echo "from sh $0"\n') });
    started.push(js.runId, sh.runId);
    expect(js.shell).toContain('node');
    await finish(js.runId);
    await finish(sh.runId);
    expect(stdout(js.runId)[0]).toBe(`from node ${process.version}`);
    expect(stdout(sh.runId)[0]).toMatch(/^from sh .*hello\.sh$/);
  });

  it('refuses bad requests with a clear message and starts nothing', async () => {
    const before = runner.runs().length;
    const dir = path.join(tmp, 'a-dir');
    script('notes.txt', 'hello');
    writeFileSync(path.join(tmp, 'plain-file'), '');
    rmSync(dir, { recursive: true, force: true });
    const cases: [() => Promise<unknown> | unknown, RegExp][] = [
      [() => runner.run({ command: '' }), /the command is empty/],
      [() => runner.run({ command: '   \t ' }), /the command is empty/],
      [() => runner.run({ command: 'pyhton3 x.py' }), /command not found: pyhton3 — no program "pyhton3" on the PATH; nothing was started/],
      [() => runner.run({ command: './missing.sh' }), /command not found: \.\/missing\.sh — no executable file/],
      [() => runner.run({ command: 'ls', cwd: dir }), /the working directory ".*a-dir" does not exist; nothing was started/],
      [() => runner.run({ command: 'ls', cwd: path.join(tmp, 'plain-file') }), /is not a directory/],
      [() => runner.runFile({ path: path.join(tmp, 'nope.py') }), /the script ".*nope\.py" does not exist/],
      [() => runner.runFile({ path: path.join(tmp, 'notes.txt') }), /no known interpreter for "notes\.txt" \(extension \.txt\)/],
      [() => runner.runFile({ path: tmp }), /is not a file/],
      [() => runner.sendInput('pg-nope', 'x'), /no playground run "pg-nope"/],
    ];
    for (const [call, message] of cases) {
      await expect((async () => call())()).rejects.toThrow(message);
    }
    expect(runner.runs().length).toBe(before);
    expect(await runner.stop('pg-nope')).toBe(false);
  });
});
