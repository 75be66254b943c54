// The lesson runtime against the API table of docs/lesson-runtime.md, on real processes: a fixture program (written
// to a temp dir, importing the compiled runtime) runs one scenario per test under the same
// launcher the runner uses, and every process it creates is checked gone afterwards.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../shared/lessons.js';
import { startLessonProcess, type LessonProcess } from '../../main/lessons/lesson-process.js';
import { programJsPath, runtimeIndexPath } from '../../main/lessons/paths.js';
import { pidsWithEnv, TEST_MARK_ENV, until } from '../support/marked-processes.js';

const FIXTURE = `
import { Process, isMainProgram, sleep } from ${JSON.stringify(pathToFileURL(runtimeIndexPath).href)};

const report = (name, value) => console.log('RESULT ' + JSON.stringify({ name, value }));
const messageOf = (fn) => { try { fn(); return null; } catch (err) { return err.name + ': ' + err.message; } };

export function ids() {
  report('child', { pid: process.pid, ppid: process.ppid, isMain: isMainProgram(import.meta.url) });
}
export function exitWith(code) { process.exit(code); }
export async function sleepFor(ms) { await sleep(ms); }
export async function forever() { for (;;) await sleep(100); }
export function startChild() { new Process({ target: ids }).start(); }
export async function parentOfForever() {
  const p = new Process({ target: forever });
  p.start();
  report('grandchild', p.pid);
  await p.join();
}
export async function beatForever() { for (let i = 0; ; i++) { console.log('beat ' + i); await sleep(100); } }
export async function finishAfter(ms) { await sleep(ms); console.log('finished'); }

const scenarios = {
  async ids() {
    const p = new Process({ target: ids });
    report('before', { pid: p.pid, exitcode: p.exitcode, alive: p.isAlive() });
    p.start();
    report('parent', { pid: process.pid, ppid: process.ppid, childPid: p.pid, isMain: isMainProgram(import.meta.url), alive: p.isAlive() });
    await p.join();
    report('after', { exitcode: p.exitcode, alive: p.isAlive() });
  },
  async exitcodes() {
    const normal = new Process({ target: exitWith, args: [3] });
    const terminated = new Process({ target: forever });
    const killed = new Process({ target: forever });
    for (const p of [normal, terminated, killed]) p.start();
    await sleep(400);
    report('running', { exitcode: terminated.exitcode, alive: terminated.isAlive() });
    terminated.terminate();
    killed.kill();
    for (const p of [normal, terminated, killed]) await p.join();
    report('ended', { pids: [normal.pid, terminated.pid, killed.pid], codes: [normal.exitcode, terminated.exitcode, killed.exitcode], alive: [normal.isAlive(), terminated.isAlive(), killed.isAlive()] });
  },
  async errors() {
    const p = new Process({ target: sleepFor, args: [100] });
    report('daemon-before-start', messageOf(() => { p.daemon = true; p.daemon = false; }));
    p.start();
    report('daemon-after-start', messageOf(() => { p.daemon = true; }));
    report('start-twice', messageOf(() => p.start()));
    await p.join();
    const d = new Process({ target: startChild });
    d.daemon = true;
    d.start();
    await d.join();
    report('daemon-child', { pid: d.pid, exitcode: d.exitcode });
    const hidden = new Process({ target: function notExported() {} });
    hidden.start();
    await hidden.join();
    report('not-exported', { pid: hidden.pid, exitcode: hidden.exitcode });
  },
  async joinTimeout() {
    const p = new Process({ target: sleepFor, args: [5000] });
    p.start();
    const t0 = performance.now();
    await p.join(300);
    report('timed-out', { waitedMs: performance.now() - t0, alive: p.isAlive(), exitcode: p.exitcode });
    p.terminate();
    await p.join(3000);
    report('terminated', { alive: p.isAlive(), exitcode: p.exitcode });
  },
  async endOrder() {
    new Process({ target: beatForever, daemon: true }).start();
    new Process({ target: finishAfter, args: [1000] }).start();
    await sleep(300);
    console.log('main code done');
  },
  async tree() {
    new Process({ target: parentOfForever }).start();
    await sleep(60000);
  },
  async uncaught() {
    new Process({ target: finishAfter, args: [300] }).start();
    throw new Error('main failed on purpose');
  },
};

if (isMainProgram(import.meta.url)) await scenarios[process.argv[2]]();
`;

let dir: string;
let fixture: string;

beforeAll(() => {
  for (const file of [runtimeIndexPath, programJsPath('pid-ppid')]) {
    expect(readdirSync(path.dirname(file)), `${file} must be built (npm run build:main)`).toContain(path.basename(file));
  }
  dir = mkdtempSync(path.join(tmpdir(), 'procplay-runtime-'));
  fixture = path.join(dir, 'fixture.mjs');
  writeFileSync(fixture, FIXTURE);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Pids of live processes whose environment carries the mark (zombies have none: they hold nothing). */
const survivors = (mark: string) => pidsWithEnv(TEST_MARK_ENV, mark);

interface Run {
  proc: LessonProcess;
  events: LessonEvent[];
  mark: string;
}

let runs = 0;
async function launch(scenario: string): Promise<Run> {
  const mark = `rt-${process.pid}-${++runs}`;
  const events: LessonEvent[] = [];
  const proc = await startLessonProcess({ programPath: fixture, args: [scenario], marker: { name: TEST_MARK_ENV, token: mark }, onEvent: (e) => events.push(e) });
  return { proc, events, mark };
}

async function runToEnd(scenario: string): Promise<Run> {
  const run = await launch(scenario);
  await run.proc.done;
  expect(survivors(run.mark)).toEqual([]);
  return run;
}

// The programs print arbitrary JSON values; each test reads the fields it knows.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const results = (events: LessonEvent[]): Record<string, any> =>
  Object.fromEntries(
    events.flatMap((e) => (e.type === 'output' && e.text.startsWith('RESULT ') ? [[JSON.parse(e.text.slice(7)).name, JSON.parse(e.text.slice(7)).value]] : [])),
  );
const exitOf = (events: LessonEvent[], pid: number) => events.find((e) => e.type === 'exit' && e.pid === pid) as Extract<LessonEvent, { type: 'exit' }> | undefined;
const startsBy = (events: LessonEvent[], ppid: number) => events.filter((e): e is Extract<LessonEvent, { type: 'start' }> => e.type === 'start' && e.ppid === ppid);

describe('the lesson runtime (multiprocessing.Process on real processes) (Linux)', () => {
  it('start() creates a real child: new pid, ppid = the caller; the guard is true only in the main program', async () => {
    const run = await runToEnd('ids');
    const r = results(run.events);
    expect(r.before).toEqual({ pid: null, exitcode: null, alive: false });
    expect(r.parent.pid).toBe(run.proc.pid);
    expect(r.parent.ppid).toBe(process.pid);
    expect(r.parent.isMain).toBe(true);
    expect(r.parent.alive).toBe(true);
    expect(r.child.pid).toBe(r.parent.childPid);
    expect(r.child.pid).not.toBe(r.parent.pid);
    expect(r.child.ppid).toBe(r.parent.pid);
    expect(r.child.isMain).toBe(false);
    expect(r.after).toEqual({ exitcode: 0, alive: false });
    // The timeline: the start event, the attributed line, the exit and the join wait.
    const [start] = startsBy(run.events, run.proc.pid);
    expect(start).toMatchObject({ pid: r.child.pid, ppid: run.proc.pid, daemon: false });
    const line = run.events.find((e) => e.type === 'output' && e.text.includes('"child"'));
    expect(line).toMatchObject({ pid: r.child.pid, ppid: run.proc.pid, stream: 'stdout' });
    expect(exitOf(run.events, r.child.pid)).toMatchObject({ exitcode: 0, signal: null });
    expect(run.events.some((e) => e.type === 'join-begin' && e.target === r.child.pid && e.timeoutMs === null)).toBe(true);
    expect(run.events.some((e) => e.type === 'join-end' && e.target === r.child.pid && !e.timedOut)).toBe(true);
    expect(exitOf(run.events, run.proc.pid)).toMatchObject({ exitcode: 0 });
  });

  it('exitcode: null while running, the exit status, -15 after terminate(), -9 after kill()', async () => {
    const run = await runToEnd('exitcodes');
    const r = results(run.events);
    expect(r.running).toEqual({ exitcode: null, alive: true });
    expect(r.ended.codes).toEqual([3, -15, -9]);
    expect(r.ended.alive).toEqual([false, false, false]);
    const [normal, terminated, killed] = r.ended.pids as number[];
    expect(exitOf(run.events, normal!)).toMatchObject({ exitcode: 3, signal: null });
    expect(exitOf(run.events, terminated!)).toMatchObject({ exitcode: -15, signal: 'SIGTERM' });
    expect(exitOf(run.events, killed!)).toMatchObject({ exitcode: -9, signal: 'SIGKILL' });
  });

  it('refuses what Python refuses: daemon after start, starting twice, a daemon with children; a target must be exported', async () => {
    const run = await runToEnd('errors');
    const r = results(run.events);
    expect(r['daemon-before-start']).toBeNull();
    expect(r['daemon-after-start']).toMatch(/ProcessUsageError: .*already started/);
    expect(r['start-twice']).toMatch(/ProcessUsageError: cannot start a process twice/);
    expect(r['daemon-child'].exitcode).toBe(1);
    const daemonErr = run.events.filter((e) => e.type === 'output' && e.pid === r['daemon-child'].pid && e.stream === 'stderr');
    expect(daemonErr.map((e) => (e as { text: string }).text).join('\n')).toMatch(/daemonic processes are not allowed to have children/);
    // The daemon started nothing: its only start event is its own.
    expect(startsBy(run.events, r['daemon-child'].pid)).toEqual([]);
    expect(r['not-exported'].exitcode).toBe(1);
    const hiddenErr = run.events.filter((e) => e.type === 'output' && e.pid === r['not-exported'].pid).map((e) => (e as { text: string }).text);
    expect(hiddenErr.join('\n')).toMatch(/"notExported" is not a function exported by/);
  });

  it('join(timeout) returns after the timeout with the child still running', async () => {
    const run = await runToEnd('joinTimeout');
    const r = results(run.events);
    expect(r['timed-out'].alive).toBe(true);
    expect(r['timed-out'].exitcode).toBeNull();
    expect(r['timed-out'].waitedMs).toBeGreaterThanOrEqual(280);
    expect(r['timed-out'].waitedMs).toBeLessThan(2000);
    expect(r.terminated).toEqual({ alive: false, exitcode: -15 });
    expect(run.events.some((e) => e.type === 'join-begin' && e.timeoutMs === 300)).toBe(true);
    expect(run.events.some((e) => e.type === 'join-end' && e.timedOut)).toBe(true);
  });

  it('end of the main program: daemons are terminated first, then the other children are joined, then it exits', async () => {
    const run = await runToEnd('endOrder');
    const main = run.proc.pid;
    const [daemon, worker] = startsBy(run.events, main);
    expect(daemon!.daemon).toBe(true);
    expect(worker!.daemon).toBe(false);
    const done = run.events.find((e) => e.type === 'output' && e.text === 'main code done')!;
    const daemonExit = exitOf(run.events, daemon!.pid)!;
    const workerExit = exitOf(run.events, worker!.pid)!;
    const mainExit = exitOf(run.events, main)!;
    const workerJoin = run.events.find((e) => e.type === 'join-begin' && e.target === worker!.pid)!;
    expect(daemonExit).toMatchObject({ exitcode: -15, signal: 'SIGTERM' });
    expect(daemonExit.t).toBeGreaterThanOrEqual(done.t);
    expect(daemonExit.t - done.t).toBeLessThan(500);
    expect(daemonExit.t).toBeLessThanOrEqual(workerJoin.t); // terminated before the join began
    expect(workerExit.exitcode).toBe(0);
    expect(run.events.some((e) => e.type === 'output' && e.pid === worker!.pid && e.text === 'finished')).toBe(true);
    expect(workerExit.t).toBeGreaterThan(daemonExit.t);
    expect(mainExit.t).toBeGreaterThanOrEqual(workerExit.t);
    expect(mainExit.exitcode).toBe(0);
  });

  it('an error in the main program is printed, its children still finish, and it exits with 1', async () => {
    const run = await runToEnd('uncaught');
    const main = run.proc.pid;
    const [child] = startsBy(run.events, main);
    const err = run.events.filter((e) => e.type === 'output' && e.pid === main && e.stream === 'stderr').map((e) => (e as { text: string }).text);
    expect(err.join('\n')).toMatch(/main failed on purpose/);
    expect(exitOf(run.events, child!.pid)).toMatchObject({ exitcode: 0 });
    expect(exitOf(run.events, main)).toMatchObject({ exitcode: 1 });
    expect(exitOf(run.events, main)!.t).toBeGreaterThanOrEqual(exitOf(run.events, child!.pid)!.t);
  });

  it('stopping the main program (SIGTERM) ends the whole tree, every exit reported', async () => {
    const run = await launch('tree');
    await until(() => results(run.events).grandchild !== undefined, 10_000);
    const grandchild = results(run.events).grandchild as number;
    const [child] = startsBy(run.events, run.proc.pid);
    expect(startsBy(run.events, child!.pid).map((s) => s.pid)).toEqual([grandchild]);
    expect(survivors(run.mark).sort()).toEqual([run.proc.pid, child!.pid, grandchild].sort());
    const t0 = performance.now();
    await run.proc.stop();
    expect(performance.now() - t0).toBeLessThan(2000); // ended by the cascade, not by the SIGKILL fallback
    expect(survivors(run.mark)).toEqual([]);
    for (const pid of [run.proc.pid, child!.pid, grandchild]) expect(exitOf(run.events, pid)).toMatchObject({ exitcode: -15, signal: 'SIGTERM' });
  });

  it('when the main program is killed (SIGKILL), its children notice and end on their own within about a second', async () => {
    const run = await launch('tree');
    await until(() => results(run.events).grandchild !== undefined, 10_000);
    const grandchild = results(run.events).grandchild as number;
    const [child] = startsBy(run.events, run.proc.pid);
    process.kill(run.proc.pid, 'SIGKILL');
    const t0 = performance.now();
    await until(() => survivors(run.mark).length === 0, 5000);
    const goneMs = performance.now() - t0;
    expect(survivors(run.mark)).toEqual([]);
    expect(goneMs).toBeLessThan(1200); // well before the runner's 2 s fallback
    await run.proc.done;
    expect(exitOf(run.events, run.proc.pid)).toMatchObject({ exitcode: -9, signal: 'SIGKILL' });
    expect(exitOf(run.events, child!.pid)).toMatchObject({ exitcode: -15 }); // reported by itself
    expect(exitOf(run.events, grandchild)).toMatchObject({ exitcode: -15 }); // reported by its parent
    expect(run.events.some((e) => e.type === 'output' && e.pid === child!.pid && /parent \d+ is gone/.test(e.text))).toBe(true);
  });

  it('a lesson program run by hand (no runner) prints plainly and leaves nothing behind', () => {
    const mark = `plain-${process.pid}`;
    const result = spawnSync(process.execPath, [programJsPath('pid-ppid')], { env: { ...process.env, [TEST_MARK_ENV]: mark }, encoding: 'utf8', timeout: 10_000 });
    expect(result.status).toBe(0);
    const parentPid = Number(/parent: my pid is (\d+)/.exec(result.stdout)?.[1]);
    const childPpid = Number(/ppid\) is (\d+)/.exec(result.stdout)?.[1]);
    expect(parentPid).toBe(result.pid);
    expect(childPpid).toBe(parentPid);
    expect(result.stdout).not.toContain('"type"');
    expect(survivors(mark)).toEqual([]);
  });
});
