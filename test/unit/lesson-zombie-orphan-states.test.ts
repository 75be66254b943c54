// The zombie, orphan and states lessons' observation predicates on made-up timelines (tick what
// the lesson shows, refuse what it does not, wait while the run goes on), and the pure parsers
// behind them: the family's "@PID PPID text" lines, the reaper's first line, ps's STAT column.
import { describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../shared/lessons.js';
import { findLesson } from '../../main/lessons/catalog/index.js';
import type { RunFacts, Verdict } from '../../main/lessons/observe/observation.js';
import { expectBilingualReason } from '../support/lesson-reasons.js';
import { parseFamilyLine, readReaperLine } from '../../main/lessons/reaper/family.js';
import { describeState, parsePsStateLine, sameProcess } from '../../main/lessons/reaper/proc-state.js';

const RUNNER = 1;
const MAIN = 100;
const REAPER = 101;
const PARENT = 102;
const CHILD = 103;
const start = (t: number, pid: number, ppid: number, name = 'MainProcess'): LessonEvent => ({ type: 'start', t, pid, ppid, name, daemon: false });
const out = (t: number, pid: number, text: string): LessonEvent => ({ type: 'output', t, pid, ppid: 0, stream: 'stdout', text });
const exit = (t: number, pid: number, exitcode = 0, signal: string | null = null): LessonEvent => ({ type: 'exit', t, pid, exitcode, signal });

function check(lessonId: string, obsId: string, events: LessonEvent[], facts: Partial<RunFacts> = {}): Verdict | null {
  const obs = findLesson(lessonId)!.observations.find((o) => o.id === obsId);
  if (!obs) throw new Error(`no observation ${lessonId}/${obsId}`);
  const verdict = obs.check({ events: [...events].sort((a, b) => a.t - b.t), ended: true, stoppedAt: null, ...facts });
  // Every verdict a test sees also has its Chinese reason, with the same numbers.
  if (verdict) expectBilingualReason(verdict.reason, `${lessonId}/${obsId}`);
  return verdict;
}

describe('zombie', () => {
  const zombieRun = (opts: { goneAt?: number; parentEndedAt?: number; collected?: boolean; reaper?: number } = {}) => {
    const { goneAt = 9000, parentEndedAt = 8900, collected = true, reaper = REAPER } = opts;
    return [
      start(0, MAIN, RUNNER),
      start(50, REAPER, MAIN, 'subreaper (python3)'),
      out(60, MAIN, `main: the reaper is pid ${reaper}: a subreaper this lesson started`),
      out(70, PARENT, `parent ${PARENT}: started child ${CHILD}; it ends in 0.3 s`),
      out(100, MAIN, `child ${CHILD} state S (sleeping: blocked) parent ${PARENT}`),
      out(600, MAIN, `zombie ${CHILD} state Z parent ${PARENT} (sleep, state S: alive, not calling wait()): a zombie for 0 s`),
      ...(collected ? [out(parentEndedAt - 10, REAPER, `subreaper ${REAPER}: collected ${CHILD} (an orphan I adopted), exit code 0`)] : []),
      out(parentEndedAt, MAIN, `parent ${PARENT} ended`),
      out(goneAt, MAIN, `zombie ${CHILD} is gone: the subreaper ${REAPER} collected its exit status`),
      exit(goneAt + 50, REAPER),
      exit(goneAt + 60, MAIN),
    ];
  };

  it('ticks a zombie seen as Z under its parent, which vanished after the parent ended and the subreaper collected it', () => {
    expect(check('zombie', 'child-is-zombie', zombieRun())).toMatchObject({ ok: true, reason: { en: expect.stringContaining(`pid ${CHILD} showed state Z with parent ${PARENT} at 0.6 s`) } });
    expect(check('zombie', 'reaped-after-parent-ends', zombieRun())).toMatchObject({ ok: true, reason: { en: expect.stringContaining(`the subreaper ${REAPER} adopted it`) } });
    expect(check('zombie', 'child-is-zombie', zombieRun())?.reason.zh).toContain(`pid ${CHILD} 在第 0.6 秒显示为状态 Z，父进程是 ${PARENT}`);
    expect(check('zombie', 'reaped-after-parent-ends', zombieRun())?.reason.zh).toContain(`子进程收养者 ${REAPER}`);
  });

  it('with pid 1 as the reaper, vanishing after the parent ended is enough', () => {
    const events = zombieRun({ collected: false, reaper: 1 });
    expect(check('zombie', 'reaped-after-parent-ends', events)).toMatchObject({ ok: true, reason: { en: expect.stringContaining('pid 1 collected it') } });
  });

  it('refuses a zombie that vanished while its parent lived, and a subreaper that never said it collected it', () => {
    expect(check('zombie', 'reaped-after-parent-ends', zombieRun({ goneAt: 5000, parentEndedAt: 8900 }))).toMatchObject({ ok: false, reason: { en: expect.stringContaining('still lived') } });
    expect(check('zombie', 'reaped-after-parent-ends', zombieRun({ collected: false }))).toMatchObject({ ok: false, reason: { en: expect.stringContaining('never said it collected') } });
  });

  it('refuses a child that was gone without ever being a zombie of its parent', () => {
    const events = zombieRun().filter((e) => !(e.type === 'output' && e.text.startsWith('zombie ') && e.text.includes('state Z')));
    expect(check('zombie', 'child-is-zombie', events)).toMatchObject({ ok: false, reason: { en: expect.stringContaining('without ever being seen as a zombie') } });
    const adoptedOnly = zombieRun().map((e) => (e.type === 'output' ? { ...e, text: e.text.replace(`state Z parent ${PARENT}`, `state Z parent ${REAPER}`) } : e));
    expect(check('zombie', 'child-is-zombie', adoptedOnly)?.ok).toBe(false);
  });

  it('waits while the run goes on, and says why on Windows', () => {
    const early = zombieRun().slice(0, 5);
    expect(check('zombie', 'child-is-zombie', early, { ended: false })).toBeNull();
    expect(check('zombie', 'reaped-after-parent-ends', zombieRun().slice(0, 7), { ended: false })).toBeNull();
    const windows = [start(0, MAIN, RUNNER), out(10, MAIN, 'main: Windows has no zombie state: a process that ends ...'), exit(20, MAIN)];
    expect(check('zombie', 'child-is-zombie', windows)).toMatchObject({ ok: false, reason: { en: expect.stringMatching(/^Windows has no zombie state/) } });
  });
});

describe('orphan', () => {
  const orphanRun = (afterPpid = REAPER) => [
    start(0, MAIN, RUNNER),
    start(50, REAPER, MAIN, 'subreaper (python3)'),
    out(60, MAIN, `main: the reaper is pid ${REAPER}: a subreaper this lesson started`),
    out(70, PARENT, `parent ${PARENT}: started child ${CHILD}; I end in 1.5 s without waiting for it`),
    out(80, CHILD, `child ${CHILD}: my ppid is ${PARENT}`),
    out(580, CHILD, `child ${CHILD}: my ppid is ${PARENT}`),
    out(1570, PARENT, `parent ${PARENT}: ending now, while my child ${CHILD} still runs`),
    out(1600, MAIN, `parent ${PARENT} ended`),
    out(1650, CHILD, `child ${CHILD}: my ppid is ${afterPpid}`),
    out(2150, CHILD, `child ${CHILD}: my ppid is ${afterPpid}`),
    exit(4100, REAPER),
    exit(4200, MAIN),
  ];

  it("ticks the child's ppid going from its parent to the reaper, and the child running on", () => {
    expect(check('orphan', 'ppid-becomes-reaper', orphanRun())).toMatchObject({ ok: true, reason: { en: expect.stringContaining(`ppid ${PARENT} at 0.1 s, then ppid ${REAPER} (the reaper) at 1.6 s`) } });
    expect(check('orphan', 'child-outlives-parent', orphanRun())?.ok).toBe(true);
  });

  it('refuses an adoption by anyone but the announced reaper, and a child that ended with its parent', () => {
    expect(check('orphan', 'ppid-becomes-reaper', orphanRun(999))).toMatchObject({ ok: false, reason: { en: expect.stringContaining('printed ppid 999') } });
    const diedWithParent = orphanRun().filter((e) => !(e.type === 'output' && e.pid === CHILD && e.t > 1600));
    expect(check('orphan', 'child-outlives-parent', diedWithParent)).toMatchObject({ ok: false, reason: { en: expect.stringContaining('printed nothing after its parent ended') } });
    expect(check('orphan', 'ppid-becomes-reaper', diedWithParent)?.ok).toBe(false);
  });

  it('waits while the run goes on', () => {
    expect(check('orphan', 'ppid-becomes-reaper', orphanRun().slice(0, 6), { ended: false })).toBeNull();
    expect(check('orphan', 'child-outlives-parent', orphanRun().slice(0, 7), { ended: false })).toBeNull();
  });
});

describe('states', () => {
  const W = 104;
  const stateLine = (t: number, s: string) => out(t, MAIN, `worker ${W} state ${s} (${describeState(s)})`);
  const statesRun = (extra: LessonEvent[] = []) => [
    start(0, MAIN, RUNNER),
    start(40, W, MAIN, 'worker (work)'),
    stateLine(100, 'R'), // starting up: not yet computing
    out(150, W, 'worker: round 1: computing for 1 s'),
    out(1150, W, 'worker: round 1: sleeping for 1 s'),
    stateLine(1200, 'S'),
    out(2150, W, 'worker: round 2: computing for 1 s'),
    stateLine(2200, 'R'),
    ...extra,
  ];

  it('ticks R while computing and S while sleeping, not the R of starting up', () => {
    expect(check('states', 'seen-running', statesRun())).toMatchObject({ ok: true, reason: { en: expect.stringContaining('state R at 2.2 s') } });
    expect(check('states', 'seen-sleeping', statesRun())).toMatchObject({ ok: true, reason: { en: expect.stringContaining('state S at 1.2 s') } });
    expect(check('states', 'seen-running', statesRun().slice(0, 6))?.ok).toBe(false);
  });

  it('ticks a stop and a continue, saying who stopped it', () => {
    const byYou = statesRun([stateLine(3000, 'T'), stateLine(5000, 'R')]);
    expect(check('states', 'stopped-then-continued', byYou)).toMatchObject({ ok: true, reason: { en: 'you stopped it: T at 3.0 s, then R again at 5.0 s' } });
    expect(check('states', 'stopped-then-continued', byYou)?.reason.zh).toBe('你挂起了它：第 3.0 秒显示为 T，第 5.0 秒又回到 R');
    const byMain = statesRun([out(2900, MAIN, 'main: nobody stopped the worker: I send it SIGSTOP for 2 s'), stateLine(3000, 'T'), stateLine(5000, 'S')]);
    expect(check('states', 'stopped-then-continued', byMain)?.reason.en).toMatch(/^the main program stopped it/);
  });

  it('refuses a worker never stopped, or stopped and never continued; waits meanwhile', () => {
    expect(check('states', 'stopped-then-continued', statesRun())).toMatchObject({ ok: false, reason: { en: expect.stringContaining('never seen stopped') } });
    expect(check('states', 'stopped-then-continued', statesRun([stateLine(3000, 'T')]))).toMatchObject({ ok: false, reason: { en: expect.stringContaining('never seen to go on') } });
    expect(check('states', 'stopped-then-continued', statesRun([stateLine(3000, 'T')]), { ended: false })).toBeNull();
    expect(check('states', 'stopped-then-continued', statesRun([stateLine(3000, 'T')]), { stoppedAt: 4000 })?.reason.en).toMatch(/stopped before/);
  });
});

describe('the family and state parsers', () => {
  it('reads "@PID PPID text" lines and nothing else', () => {
    expect(parseFamilyLine('@380 339 parent 380: started child 381')).toEqual({ pid: 380, ppid: 339, text: 'parent 380: started child 381' });
    expect(parseFamilyLine('@380 339 ')).toEqual({ pid: 380, ppid: 339, text: '' });
    for (const line of ['parent 380', '@x 1 y', '@1 text', ' @1 2 x']) expect(parseFamilyLine(line)).toBeNull();
  });

  it("reads who the reaper is from the subreaper's first line", () => {
    expect(readReaperLine('subreaper 339: ready: I adopt the orphans')).toEqual({ subreaper: true, reaperPid: 339 });
    expect(readReaperLine('no subreaper: this system refused one, orphans go to pid 1')).toEqual({ subreaper: false, reaperPid: 1 });
    expect(readReaperLine('subreaper 339: collected 381')).toBeNull();
  });

  it("reads ps's STAT column as the state letter (macOS flags dropped, I and U mapped)", () => {
    expect(parsePsStateLine(42, '  41 Z+   /bin/sleep')).toEqual({ pid: 42, ppid: 41, state: 'Z', name: 'sleep', startTicks: 0 });
    expect(parsePsStateLine(42, '1 Ss launchd')?.state).toBe('S');
    expect(parsePsStateLine(42, '1 I sleep')?.state).toBe('S');
    expect(parsePsStateLine(42, '1 U sleep')?.state).toBe('D');
    expect(parsePsStateLine(42, '1 T my prog')?.name).toBe('my prog');
    expect(parsePsStateLine(42, '')).toBeNull();
  });

  it('names each state, and tells a reused pid from the same process', () => {
    expect(['R', 'S', 'D', 'T', 'Z', '?'].map(describeState)).toEqual(['running or ready', 'sleeping: blocked', 'blocked on disk', 'stopped', 'zombie, <defunct>', 'unknown']);
    const before = { pid: 5, ppid: 1, state: 'S', name: 'sleep', startTicks: 100 };
    expect(sameProcess(before, { ...before, state: 'Z' })).toBe(true);
    expect(sameProcess(before, { ...before, startTicks: 200 })).toBe(false);
    expect(sameProcess(before, null)).toBe(false);
  });
});
