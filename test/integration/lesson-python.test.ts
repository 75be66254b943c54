// Every multiprocessing lesson run for real in its Python version (main/lessons/programs/python/,
// run by python3 through the harness) through the LessonRunner: the same checklist as the
// TypeScript version must pass, each run must end by itself within its bound (the endless one
// when stopped) and leave no process behind. join-many is timed alone and checked on the run's
// exact lifecycle events (strace): ten python3 workers alive at once. join-serial starts after it
// and goes on while the rest run, as in lesson-programs.test.ts.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../shared/lessons.js';
import { CHILD_PPID_LINE } from '../../shared/lesson-lines.js';
import type { LifecycleEvent, LifecycleSource } from '../../shared/lifecycle.js';
import { LessonRunner } from '../../main/lessons/lesson-runner.js';
import { runSurvivors } from '../support/lesson-runs.js';

type Observation = Extract<LessonEvent, { type: 'observation' }>;
type Start = Extract<LessonEvent, { type: 'start' }>;

/** The lessons that model multiprocessing, each shipped in Python too (states is TypeScript only). */
const PYTHON_LESSONS = [
  'pid-ppid', 'args', 'isolation', 'concurrency', 'join', 'join-many', 'join-serial',
  'daemon', 'daemon-many', 'heartbeat', 'heartbeat-healthy', 'zombie', 'orphan',
];

interface Finished {
  runId: string;
  events: LessonEvent[];
  wallMs: number;
}

const streams = new Map<string, LessonEvent[]>();
const lifecycle = new Map<string, { source: LifecycleSource | null; events: LifecycleEvent[] }>();
const runner = new LessonRunner({
  // Nine lessons run side by side below to keep the file quick (the app's own cap is tested elsewhere).
  maxRuns: 12,
  onEvent: (runId, _lessonId, event) => (streams.get(runId) ?? streams.set(runId, []).get(runId)!).push(event),
  onLifecycle: (runId, _lessonId, events, source) => {
    const entry = lifecycle.get(runId) ?? lifecycle.set(runId, { source: null, events: [] }).get(runId)!;
    entry.source = source;
    entry.events.push(...events);
  },
});

/** Resolves once `pred` holds on the run's streamed events; rejects after `boundMs`. */
function until(runId: string, pred: (events: LessonEvent[]) => boolean, what: string, boundMs: number): Promise<LessonEvent[]> {
  return new Promise((resolve, reject) => {
    const end = performance.now() + boundMs;
    const poll = (): void => {
      const events = streams.get(runId) ?? [];
      if (pred(events)) resolve(events);
      else if (performance.now() > end) reject(new Error(`${what} did not happen within ${boundMs} ms`));
      else setTimeout(poll, 25);
    };
    poll();
  });
}

async function runPython(lessonId: string, boundMs: number): Promise<Finished> {
  const t0 = performance.now();
  const info = await runner.run(lessonId, 'python');
  expect(info.language).toBe('python');
  try {
    const events = await until(info.runId, (es) => es.some((e) => e.type === 'run-end'), `the end of ${lessonId} (Python)`, boundMs);
    const wallMs = performance.now() - t0;
    console.log(`${lessonId} (Python): ${wallMs} ms from run() to run-end`);
    return { runId: info.runId, events, wallMs };
  } catch (err) {
    await runner.stop(info.runId);
    throw err;
  }
}

function expectAllHeld(lessonId: string, run: Finished, stopped = false): void {
  const meta = runner.list().find((l) => l.id === lessonId)!;
  const verdicts = run.events.filter((e): e is Observation => e.type === 'observation');
  const byId = Object.fromEntries(verdicts.map((v) => [v.id, v]));
  for (const obs of meta.observations) {
    expect(byId[obs.id], `${lessonId} (Python): ${obs.id} was decided`).toBeDefined();
    expect(byId[obs.id]!.ok, `${lessonId} (Python): ${obs.id}: ${byId[obs.id]!.reason.en}`).toBe(true);
  }
  expect(verdicts).toHaveLength(meta.observations.length);
  expect(run.events.at(-1)).toMatchObject({ type: 'run-end', ok: true, stopped });
  expect(runSurvivors(run.runId)).toEqual([]);
  const started = run.events.filter((e): e is Start => e.type === 'start').map((e) => e.pid);
  const ended = new Set(run.events.filter((e) => e.type === 'exit').map((e) => (e as { pid: number }).pid));
  expect(started.filter((p) => !ended.has(p))).toEqual([]);
}

const lines = (events: LessonEvent[], pid?: number) =>
  events.filter((e) => e.type === 'output' && (pid === undefined || e.pid === pid)).map((e) => (e as { text: string }).text);
const mainPid = (events: LessonEvent[]) => (events.find((e) => e.type === 'start') as Start).pid;
const childrenOf = (events: LessonEvent[], ppid: number) => events.filter((e): e is Start => e.type === 'start' && e.ppid === ppid);

let serial: Promise<Finished>;

describe('the lessons in Python, run for real (Linux, python3, strace)', () => {
  it('every multiprocessing lesson has a Python program, listed with the lesson; states has none', () => {
    const lessons = runner.list();
    for (const id of PYTHON_LESSONS) {
      const file = path.join(process.cwd(), 'main/lessons/programs/python', `${id}.py`);
      const lesson = lessons.find((l) => l.id === id)!;
      expect(lesson.pythonSource, id).toBe(readFileSync(file, 'utf8'));
      expect(lesson.pythonSource).toContain('if __name__ == "__main__":');
      // Standard library only: every import names a module Python ships.
      for (const m of lesson.pythonSource!.matchAll(/^import (\w+)/gm)) expect(['ctypes', 'multiprocessing', 'os', 'random', 'time']).toContain(m[1]);
    }
    expect(lessons.find((l) => l.id === 'states')!.pythonSource).toBeNull();
    expect(existsSync(path.join(process.cwd(), 'main/lessons/programs/python/states.py'))).toBe(false);
  });

  it('refuses a Python run of a lesson without a Python program, starting nothing', async () => {
    await expect(runner.run('states', 'python')).rejects.toThrow(/no Python program/);
    expect(runner.runs()).toEqual([]);
  });

  it('join-many: ten python3 workers alive at once, all done within 4 s', async () => {
    const many = await runPython('join-many', 15_000);
    serial = runPython('join-serial', 30_000);
    expectAllHeld('join-many', many);
    const root = mainPid(many.events);
    const kids = childrenOf(many.events, root);
    expect(kids).toHaveLength(10);
    expect(kids.map((k) => k.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Process-${i + 1} (mail)`));

    // The same from the kernel's side: the root's last program is python3, which forks ten
    // children (no exec: the "fork" start method), and none of them ends before the tenth exists.
    const trace = lifecycle.get(many.runId)!;
    expect(trace.source).toMatchObject({ exact: true });
    const execs = trace.events.filter((e): e is Extract<LifecycleEvent, { type: 'exec' }> => e.type === 'exec' && e.pid === root);
    const python = execs.at(-1)!;
    expect(python.name).toMatch(/^python3/);
    const forks = trace.events.filter((e): e is Extract<LifecycleEvent, { type: 'fork' }> => e.type === 'fork' && e.ppid === root && e.t >= python.t);
    expect(forks.map((f) => f.pid).sort()).toEqual(kids.map((k) => k.pid).sort());
    const workers = new Set(forks.map((f) => f.pid));
    expect(trace.events.some((e) => e.type === 'exec' && workers.has(e.pid))).toBe(false);
    const exits = trace.events.filter((e): e is Extract<LifecycleEvent, { type: 'exit' }> => e.type === 'exit' && workers.has(e.pid));
    expect(exits).toHaveLength(10);
    const lastFork = Math.max(...forks.map((f) => f.t));
    expect(Math.min(...exits.map((e) => e.t))).toBeGreaterThan(lastFork);
  }, 20_000);

  it('pid-ppid, args, isolation, join, daemon, concurrency (twice), zombie and orphan pass their checklists', async () => {
    const ids = ['pid-ppid', 'args', 'isolation', 'join', 'daemon', 'concurrency', 'concurrency', 'zombie', 'orphan'];
    const runs = await Promise.all(ids.map((id) => runPython(id, 25_000)));
    runs.forEach((run, i) => expectAllHeld(ids[i]!, run));
    const [pidPpid, args, isolation, join, daemon, c1, c2, zombie, orphan] = runs as Finished[] as [Finished, Finished, Finished, Finished, Finished, Finished, Finished, Finished, Finished];

    const p = mainPid(pidPpid.events);
    expect(lines(pidPpid.events, childrenOf(pidPpid.events, p)[0]!.pid).join()).toContain(`(ppid) is ${p}`);
    expect(lines(args.events, childrenOf(args.events, mainPid(args.events))[0]!.pid)).toHaveLength(5);
    expect(lines(isolation.events, mainPid(isolation.events))).toEqual(['parent: count = 10']);
    expect(lines(join.events)).toEqual(['mail 1: may I have a raise?', 'mail 2: the raise should be 60,000 a month']);
    expect(lines(daemon.events).some((l) => l.includes('daemon child: end'))).toBe(false);
    const order = (run: Finished) => lines(run.events).flatMap((l) => (/^number (\d+)/.exec(l) ? [Number(/^number (\d+)/.exec(l)![1])] : []));
    expect(order(c1).slice().sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(order(c1)).not.toEqual(order(c2));
    // The reaper is the Python main program itself (a child subreaper), which collected the zombie.
    const zMain = mainPid(zombie.events);
    expect(lines(zombie.events, zMain).some((l) => new RegExp(`^subreaper ${zMain}: collected \\d+ \\(an orphan I adopted\\)`).test(l))).toBe(true);
    // The orphan printed its ppid itself: first its parent's pid, then the main program's.
    const oMain = mainPid(orphan.events);
    const ppids = lines(orphan.events).flatMap((l) => {
      const m = CHILD_PPID_LINE.exec(l);
      return m ? [Number(m[2])] : [];
    });
    expect(ppids.at(-1)).toBe(oMain);
    expect(ppids[0]).not.toBe(oMain);
  }, 40_000);

  it('heartbeat passes its checklist; the worker\'s traceback names the Python line', async () => {
    const beat = await runPython('heartbeat', 15_000);
    expectAllHeld('heartbeat', beat);
    const source = readFileSync(path.join(process.cwd(), 'main/lessons/programs/python/heartbeat.py'), 'utf8').split('\n');
    const raiseLine = source.findIndex((l) => l.includes('raise RuntimeError("the log disk failed")')) + 1;
    const worker = childrenOf(beat.events, mainPid(beat.events)).find((s) => s.name.includes('analyse_logs'))!;
    expect(lines(beat.events, worker.pid).join('\n')).toContain(`heartbeat.py", line ${raiseLine}, in analyse_logs`);
    expect(lines(beat.events, mainPid(beat.events))).toContain('parent: server state abnormal (worker exit code 1) ...');
  }, 20_000);

  it('heartbeat-healthy runs until stopped, and stop ends the whole Python tree', async () => {
    const info = await runner.run('heartbeat-healthy', 'python');
    // Stopped once the steady heartbeat was seen and the worker reported a round of work (the
    // worker's observation is decided at the end, on what it printed before the stop).
    const worked = (es: LessonEvent[]) => es.some((e) => e.type === 'output' && /analysing the logs/.test(e.text));
    await until(info.runId, (es) => worked(es) && es.some((e) => e.type === 'observation' && e.id === 'steady-heartbeat'), 'a steady heartbeat and a round of work', 15_000);
    expect(await runner.stop(info.runId)).toBe(true);
    const events = streams.get(info.runId)!;
    expectAllHeld('heartbeat-healthy', { runId: info.runId, events, wallMs: 0 }, true);
    for (const s of events.filter((e): e is Start => e.type === 'start')) {
      expect(events.find((e) => e.type === 'exit' && e.pid === s.pid)).toMatchObject({ exitcode: -15, signal: 'SIGTERM' });
    }
    expect(events.some((e) => e.type === 'output' && /abnormal/.test(e.text))).toBe(false);
  }, 25_000);

  it('join-serial: the same children joined inside the loop take over 9 s, one after another', async () => {
    const run = await serial;
    expect(run.wallMs).toBeGreaterThan(9000);
    expectAllHeld('join-serial', run);
    const kids = childrenOf(run.events, mainPid(run.events));
    expect(kids).toHaveLength(10);
    kids.slice(1).forEach((kid, i) => {
      const previousExit = run.events.find((e) => e.type === 'exit' && e.pid === kids[i]!.pid)!;
      expect(kid.t).toBeGreaterThanOrEqual(previousExit.t);
    });
  }, 30_000);

  // Last and alone: its checklist times the daemon's end from the run's start ("about 1 s"), and
  // the start of python3 under strace is what a busy machine slows most.
  it('daemon-many passes its checklist: the daemon\'s stars stop at about 1 s', async () => {
    const many = await runPython('daemon-many', 15_000);
    expectAllHeld('daemon-many', many);
    const stars = childrenOf(many.events, mainPid(many.events)).find((s) => s.daemon)!;
    expect(lines(many.events, stars.pid).length).toBeGreaterThanOrEqual(1);
    expect(lines(many.events, stars.pid).length).toBeLessThanOrEqual(4);
  }, 20_000);
});
