// The lessons' OS-fact observations judged on exact lifecycle events (a traced run): the child's
// ppid from the kernel's fork record, the zombie from exit to reap and who reaped it, the daemon's
// SIGTERM from the main program. What the program printed about these does not decide them, so
// they hold for a program in any language; untraced runs are judged on the printed text as before.
import { describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../shared/lessons.js';
import type { LifecycleEvent, LifecycleSource } from '../../shared/lifecycle.js';
import { findLesson } from '../../main/lessons/catalog/index.js';
import type { RunFacts, Verdict } from '../../main/lessons/observe/observation.js';
import { expectBilingualReason } from '../support/lesson-reasons.js';

const EXACT: LifecycleSource = { exact: true, reason: null };
const RUNNER = 1;
const MAIN = 100;
const REAPER = 101;
const PARENT = 102;
const CHILD = 103;
const start = (t: number, pid: number, ppid: number, name = 'MainProcess', daemon = false): LessonEvent => ({ type: 'start', t, pid, ppid, name, daemon });
const out = (t: number, pid: number, text: string): LessonEvent => ({ type: 'output', t, pid, ppid: 0, stream: 'stdout', text });
const exit = (t: number, pid: number, exitcode = 0, signal: string | null = null): LessonEvent => ({ type: 'exit', t, pid, exitcode, signal });

function check(lessonId: string, obsId: string, events: LessonEvent[], lifecycle: LifecycleEvent[], facts: Partial<RunFacts> = {}): Verdict | null {
  const obs = findLesson(lessonId)!.observations.find((o) => o.id === obsId)!;
  const verdict = obs.check({ events, ended: true, stoppedAt: null, lifecycle: { source: EXACT, events: lifecycle }, ...facts });
  if (verdict) expectBilingualReason(verdict.reason, `${lessonId}/${obsId}`);
  return verdict;
}

describe('zombie, on exact events', () => {
  // The printed lines say only who the family is: the zombie and its reap come from the events.
  const printed = [start(0, MAIN, RUNNER), out(70, PARENT, `parent ${PARENT}: started child ${CHILD}; it ends in 0.3 s`), exit(9100, MAIN)];
  const kernel = (o: { reapBy?: number; how?: 'parent-wait' | 'subreaper' | 'init'; reapAt?: number; parentEnd?: number } = {}): LifecycleEvent[] => {
    const { reapBy = REAPER, how = 'subreaper', reapAt = 8901, parentEnd = 8900 } = o;
    return [
      { type: 'fork', t: 0, pid: MAIN, ppid: RUNNER },
      { type: 'fork', t: 40, pid: REAPER, ppid: MAIN },
      { type: 'fork', t: 60, pid: PARENT, ppid: REAPER },
      { type: 'fork', t: 65, pid: CHILD, ppid: PARENT },
      { type: 'exec', t: 66, pid: PARENT, name: 'sleep', argv: ['sleep', '60'] },
      { type: 'exit', t: 370, pid: CHILD, code: 0, signal: null },
      { type: 'exit', t: parentEnd, pid: PARENT, code: null, signal: 'SIGKILL' },
      { type: 'reap', t: reapAt, pid: CHILD, by: reapBy, how },
    ].sort((a, b) => a.t - b.t) as LifecycleEvent[];
  };

  it('ticks the zombie from its exit to its reap, and the reap by the subreaper after the parent ended, naming it', () => {
    expect(check('zombie', 'child-is-zombie', printed, kernel())).toMatchObject({
      ok: true,
      reason: { en: `pid ${CHILD} exited at 0.4 s while its parent ${PARENT} lived and did not wait: a zombie (state Z) until the subreaper ${REAPER} reaped it at 8.9 s` },
    });
    expect(check('zombie', 'reaped-after-parent-ends', printed, kernel())).toMatchObject({
      ok: true,
      reason: { en: expect.stringContaining(`reaped at 8.9 s by the subreaper ${REAPER}`) },
    });
  });

  it('refuses a reap by the parent itself, or before the parent ended; a child reaped at once was no zombie', () => {
    expect(check('zombie', 'reaped-after-parent-ends', printed, kernel({ reapBy: PARENT, how: 'parent-wait', reapAt: 5000 }))?.ok).toBe(false);
    expect(check('zombie', 'reaped-after-parent-ends', printed, kernel({ reapAt: 8000 }))).toMatchObject({ ok: false, reason: { en: expect.stringContaining('still lived') } });
    expect(check('zombie', 'child-is-zombie', printed, kernel({ reapBy: PARENT, how: 'parent-wait', reapAt: 370.2 }))).toMatchObject({ ok: false, reason: { en: expect.stringContaining('never a zombie for long') } });
  });

  it('waits while the run has not said whether it is traced, or while the exit is too fresh to call', () => {
    const obs = findLesson('zombie')!.observations.find((o) => o.id === 'child-is-zombie')!;
    expect(obs.check({ events: printed, ended: false, stoppedAt: null, lifecycle: { source: null, events: [] } })).toBeNull();
    const fresh = kernel().filter((e) => e.t <= 370);
    expect(obs.check({ events: printed, ended: false, stoppedAt: null, lifecycle: { source: EXACT, events: fresh } })).toBeNull();
    // The printed "state Z" line alone does not decide a traced run.
    const saidZ = [...printed, out(600, MAIN, `zombie ${CHILD} state Z parent ${PARENT}`)];
    expect(obs.check({ events: saidZ, ended: false, stoppedAt: null, lifecycle: { source: EXACT, events: fresh } })).toBeNull();
  });
});

describe('pid-ppid and daemon, on exact events', () => {
  const CHILD1 = 200;
  it("the child's ppid is the parent that forked it, whatever the child printed", () => {
    const events = [start(0, MAIN, RUNNER), start(500, CHILD1, MAIN, 'Process-1'), out(600, CHILD1, 'child: my parent (ppid) is 4242'), exit(4000, CHILD1), exit(4100, MAIN)];
    const fork: LifecycleEvent[] = [{ type: 'fork', t: 0, pid: MAIN, ppid: RUNNER }, { type: 'fork', t: 480, pid: CHILD1, ppid: MAIN }];
    expect(check('pid-ppid', 'child-ppid-is-parent-pid', events, fork)).toMatchObject({ ok: true, reason: { en: expect.stringContaining(`the child's ppid is ${MAIN}`) } });
    const other: LifecycleEvent[] = [{ type: 'fork', t: 480, pid: CHILD1, ppid: 4242 }];
    expect(check('pid-ppid', 'child-ppid-is-parent-pid', events, other)?.ok).toBe(false);
  });

  it("the daemon's death by the main program's SIGTERM, as the kernel saw it; a kill from elsewhere does not count", () => {
    const events = [start(0, MAIN, RUNNER), start(300, CHILD1, MAIN, 'Process-1', true), exit(520, CHILD1, -15, 'SIGTERM'), exit(600, MAIN)];
    const killed = (sender: number | null): LifecycleEvent[] => [
      { type: 'fork', t: 280, pid: CHILD1, ppid: MAIN },
      { type: 'signal', t: 510, sender, target: CHILD1, signal: 'SIGTERM' },
      { type: 'exit', t: 512, pid: CHILD1, code: null, signal: 'SIGTERM' },
    ];
    expect(check('daemon', 'daemon-killed', events, killed(MAIN))).toMatchObject({ ok: true, reason: { en: expect.stringContaining(`the main program ${MAIN} sent SIGTERM to the daemon ${CHILD1}`) } });
    expect(check('daemon', 'daemon-killed', events, killed(null))?.ok).toBe(false);
  });
});

describe('join, on exact events', () => {
  const CHILD1 = 300;
  const events = (joinEnd: number): LessonEvent[] => [
    start(0, MAIN, RUNNER),
    start(400, CHILD1, MAIN, 'Process-1'),
    { type: 'join-begin', t: 450, pid: MAIN, target: CHILD1, timeoutMs: null },
    { type: 'join-end', t: joinEnd, pid: MAIN, target: CHILD1, timedOut: false },
    exit(2000, CHILD1),
    exit(2200, MAIN),
  ];
  const kernel = (by: number): LifecycleEvent[] => [
    { type: 'fork', t: 380, pid: CHILD1, ppid: MAIN },
    { type: 'exit', t: 1990, pid: CHILD1, code: 0, signal: null },
    { type: 'reap', t: 1991, pid: CHILD1, by, how: by === MAIN ? 'parent-wait' : 'subreaper' },
  ];

  it("join is the parent's wait returning the child after its exit", () => {
    expect(check('join', 'join-waits', events(2001), kernel(MAIN))).toMatchObject({ ok: true, reason: { en: `the child ${CHILD1} exited at 2.0 s; its parent ${MAIN}'s wait returned it at 2.0 s` } });
  });

  it('refuses a reap by someone else, or a join that returned before the exit', () => {
    expect(check('join', 'join-waits', events(2001), kernel(4242))?.ok).toBe(false);
    expect(check('join', 'join-waits', events(1000), kernel(MAIN))).toMatchObject({ ok: false, reason: { en: expect.stringContaining('before the child exited') } });
  });
});
