// The lessons' observation predicates on made-up timelines: each must tick what the lesson
// shows, refuse what it does not (with a reason), wait while the run may still show it, and
// decide when the run is over.
import { describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../shared/lessons.js';
import { findLesson, LESSONS } from '../../main/lessons/catalog/index.js';
import type { RunFacts, Verdict } from '../../main/lessons/observe/observation.js';
import { expectBilingualReason } from '../support/lesson-reasons.js';

const RUNNER = 1;
const MAIN = 100;
const start = (t: number, pid: number, ppid: number, name = 'MainProcess', daemon = false): LessonEvent => ({ type: 'start', t, pid, ppid, name, daemon });
const out = (t: number, pid: number, ppid: number, text: string, stream: 'stdout' | 'stderr' = 'stdout'): LessonEvent => ({ type: 'output', t, pid, ppid, stream, text });
const exit = (t: number, pid: number, exitcode = 0, signal: string | null = null): LessonEvent => ({ type: 'exit', t, pid, exitcode, signal });
const joinBegin = (t: number, target: number): LessonEvent => ({ type: 'join-begin', t, pid: MAIN, target, timeoutMs: null });
const joinEnd = (t: number, target: number): LessonEvent => ({ type: 'join-end', t, pid: MAIN, target, timedOut: false });
const byTime = (events: LessonEvent[]) => [...events].sort((a, b) => a.t - b.t);

function check(lessonId: string, obsId: string, events: LessonEvent[], facts: Partial<RunFacts> = {}): Verdict | null {
  const obs = findLesson(lessonId)!.observations.find((o) => o.id === obsId);
  if (!obs) throw new Error(`no observation ${lessonId}/${obsId}`);
  const verdict = obs.check({ events: byTime(events), ended: true, stoppedAt: null, ...facts });
  // Every verdict a test sees also has its Chinese reason, with the same numbers.
  if (verdict) expectBilingualReason(verdict.reason, `${lessonId}/${obsId}`);
  return verdict;
}

describe('the catalogue', () => {
  it('has unique lesson ids and unique observation ids per lesson', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) expect(new Set(l.observations.map((o) => o.id)).size).toBe(l.observations.length);
  });

  it('every observation waits while nothing happened, and fails with a reason at the end of an empty run', () => {
    for (const lesson of LESSONS) {
      for (const obs of lesson.observations) {
        expect(obs.check({ events: [], ended: false, stoppedAt: null }), `${lesson.id}/${obs.id}`).toBeNull();
        const v = obs.check({ events: [start(0, MAIN, RUNNER)], ended: true, stoppedAt: 50 });
        expect(v?.ok, `${lesson.id}/${obs.id}`).toBe(false);
        expect(v?.reason.en).toMatch(/stopped/);
        expect(v?.reason.zh, `${lesson.id}/${obs.id}`).toMatch(/停止/);
        expectBilingualReason(v!.reason, `${lesson.id}/${obs.id}`);
      }
    }
  });
});

describe('pid-ppid', () => {
  const run = (childPpid: number, childEnds = 3125) => [
    start(0, MAIN, RUNNER),
    out(60, MAIN, RUNNER, `parent: my pid is ${MAIN}`),
    start(61, 101, MAIN, 'Process-1 (showIds)'),
    out(120, 101, childPpid, `child:  my pid is 101, my parent's pid (ppid) is ${childPpid}`),
    exit(childEnds, 101),
    exit(childEnds + 5, MAIN),
  ];
  it("ticks when the child's printed ppid is the parent's pid", () => {
    expect(check('pid-ppid', 'child-ppid-is-parent-pid', run(MAIN))?.ok).toBe(true);
    expect(check('pid-ppid', 'linked-in-table', run(MAIN))?.ok).toBe(true);
  });
  it('says so when the child lived too briefly for the process table to show both', () => {
    expect(check('pid-ppid', 'linked-in-table', run(MAIN, 200))).toMatchObject({ ok: false, reason: { en: expect.stringContaining('too short') } });
  });
  it('fails when they differ', () => {
    expect(check('pid-ppid', 'child-ppid-is-parent-pid', run(1))).toMatchObject({ ok: false, reason: { en: expect.stringContaining('ppid 1') } });
  });
  it('fails when the child outlived its parent', () => {
    const events = run(MAIN).map((e) => (e.type === 'exit' && e.pid === 101 ? { ...e, t: 500 } : e));
    expect(check('pid-ppid', 'linked-in-table', events)?.ok).toBe(false);
  });
});

describe('args', () => {
  const child = (t: number, i: number, n = 5) => out(t, 101, MAIN, `child line ${i} of ${n}: pid 101, ppid ${MAIN}`);
  const stars = (t: number) => [1, 2, 3, 4, 5].map((i) => out(t + i, MAIN, RUNNER, '*'.repeat(i)));
  it('ticks five lines with n = 5 and the stars first', () => {
    const events = [start(0, MAIN, RUNNER), start(50, 101, MAIN), ...stars(51), ...[1, 2, 3, 4, 5].map((i) => child(100 + i, i)), exit(110, 101)];
    expect(check('args', 'child-got-n', events)?.ok).toBe(true);
    expect(check('args', 'parent-first', events)?.ok).toBe(true);
  });
  it('refuses a wrong count and a child that printed first', () => {
    const events = [start(0, MAIN, RUNNER), start(50, 101, MAIN), child(51, 1, 3), ...stars(60), exit(110, 101)];
    expect(check('args', 'child-got-n', events)?.ok).toBe(false);
    expect(check('args', 'parent-first', events)).toMatchObject({ ok: false, reason: { en: expect.stringContaining('after only 0 rows') } });
  });
});

describe('isolation', () => {
  it('ticks 11 in the child and 10 in the parent; refuses shared memory', () => {
    const base = [start(0, MAIN, RUNNER), start(50, 101, MAIN), out(100, 101, MAIN, 'child:  count = 11'), exit(101, 101)];
    expect(check('isolation', 'child-11', base)?.ok).toBe(true);
    expect(check('isolation', 'parent-10', [...base, out(1050, MAIN, RUNNER, 'parent: count = 10')])?.ok).toBe(true);
    expect(check('isolation', 'parent-10', [...base, out(1050, MAIN, RUNNER, 'parent: count = 11')])?.ok).toBe(false);
  });
});

describe('concurrency', () => {
  const run = (order: number[], parentLast = 70) => {
    const events: LessonEvent[] = [start(0, MAIN, RUNNER)];
    for (let n = 1; n <= 10; n++) events.push(start(50 + n, 100 + n, MAIN, `Process-${n} (work)`));
    events.push(out(parentLast, MAIN, RUNNER, `parent: pid ${MAIN}`));
    order.forEach((n, i) => events.push(out(200 + i * 100, 100 + n, MAIN, `number ${n}: pid ${100 + n}`), exit(201 + i * 100, 100 + n)));
    events.push(exit(2000, MAIN));
    return events;
  };
  it('ticks a shuffled finishing order, the parent done first, and the parent waiting', () => {
    const events = run([3, 1, 2, 4, 5, 6, 7, 8, 10, 9]);
    expect(check('concurrency', 'order-differs', events)?.ok).toBe(true);
    expect(check('concurrency', 'parent-done-first', events)?.ok).toBe(true);
    expect(check('concurrency', 'parent-waits', events)?.ok).toBe(true);
  });
  it('refuses the start order, a parent that printed last, and a parent that left early', () => {
    expect(check('concurrency', 'order-differs', run([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))?.ok).toBe(false);
    expect(check('concurrency', 'parent-done-first', run([3, 1, 2, 4, 5, 6, 7, 8, 10, 9], 1500))?.ok).toBe(false);
    const early = run([3, 1, 2, 4, 5, 6, 7, 8, 10, 9]).map((e) => (e.type === 'exit' && e.pid === MAIN ? { ...e, t: 500 } : e));
    expect(check('concurrency', 'parent-waits', early)?.ok).toBe(false);
  });
  it('waits until all ten have printed', () => {
    expect(check('concurrency', 'order-differs', run([3, 1]).slice(0, 14), { ended: false })).toBeNull();
  });
});

describe('join', () => {
  const base = [start(0, MAIN, RUNNER), start(50, 101, MAIN), joinBegin(51, 101)];
  it('ticks the child first and a join that outlasted the child', () => {
    const events = [...base, out(100, 101, MAIN, 'mail 1: may I have a raise?'), exit(102, 101), joinEnd(103, 101), out(104, MAIN, RUNNER, 'mail 2: the raise')];
    expect(check('join', 'child-then-parent', events)?.ok).toBe(true);
    expect(check('join', 'join-waits', events)?.ok).toBe(true);
  });
  it('refuses the parent first and a join that returned early', () => {
    const events = [...base, joinEnd(60, 101), out(61, MAIN, RUNNER, 'mail 2: the raise'), out(100, 101, MAIN, 'mail 1: may I have a raise?'), exit(102, 101)];
    expect(check('join', 'child-then-parent', events)?.ok).toBe(false);
    expect(check('join', 'join-waits', events)?.ok).toBe(false);
  });
});

describe('join-many and join-serial', () => {
  const children = (gapMs: number) => {
    const events: LessonEvent[] = [start(0, MAIN, RUNNER)];
    for (let i = 0; i < 10; i++) events.push(start(60 + i * gapMs, 101 + i, MAIN, `Process-${i + 1} (mail)`), exit(60 + i * gapMs + 1050, 101 + i));
    return events;
  };
  it('together: about one second, overlapping', () => {
    expect(check('join-many', 'about-one-second', children(5))?.ok).toBe(true);
    expect(check('join-many', 'overlap', children(5))?.ok).toBe(true);
    expect(check('join-serial', 'about-ten-seconds', children(5))?.ok).toBe(false);
    expect(check('join-serial', 'one-after-another', children(5))?.ok).toBe(false);
  });
  it('serial: about ten seconds, one after another', () => {
    expect(check('join-serial', 'about-ten-seconds', children(1060))?.ok).toBe(true);
    expect(check('join-serial', 'one-after-another', children(1060))?.ok).toBe(true);
    expect(check('join-many', 'about-one-second', children(1060))?.ok).toBe(false);
    expect(check('join-many', 'overlap', children(1060))?.ok).toBe(false);
  });
});

describe('daemon and daemon-many', () => {
  it('daemon: killed by a signal, no "end"; refuses a daemon that finished', () => {
    const killed = [start(0, MAIN, RUNNER), start(50, 101, MAIN, 'Process-1 (task)', true), out(55, MAIN, RUNNER, 'parent: my code is finished ...'), exit(60, 101, -15, 'SIGTERM'), exit(65, MAIN)];
    expect(check('daemon', 'daemon-killed', killed)?.ok).toBe(true);
    expect(check('daemon', 'no-end', killed)).toMatchObject({ ok: true, reason: { en: expect.stringContaining('neither') } });
    const survived = [start(0, MAIN, RUNNER), start(50, 101, MAIN, 'Process-1 (task)', true), out(100, 101, MAIN, 'daemon child: start'), out(1100, 101, MAIN, 'daemon child: end'), exit(1101, 101)];
    expect(check('daemon', 'daemon-killed', survived)?.ok).toBe(false);
    expect(check('daemon', 'no-end', survived, { ended: false })?.ok).toBe(false); // decided at once
  });

  // The main program's code ends at codeEnd (its last line); the normal child started at 51.
  const many = (daemonEnd: number, normalEnd: number, mainEnd: number, codeEnd = 1050) => [
    start(0, MAIN, RUNNER),
    start(50, 101, MAIN, 'Process-1 (stars)', true),
    start(51, 102, MAIN, 'Process-2 (job)'),
    out(codeEnd, MAIN, RUNNER, 'parent: my code is finished ...'),
    exit(daemonEnd, 101, -15, 'SIGTERM'),
    out(normalEnd - 2, 102, MAIN, 'normal child: end'),
    exit(normalEnd, 102),
    exit(mainEnd, MAIN),
  ];
  it('daemon-many: the daemon ends with the main code, the normal child after its 3 s, main last', () => {
    const events = many(1100, 3100, 3110);
    for (const id of ['daemon-at-1s', 'normal-at-3s', 'main-stays']) expect(check('daemon-many', id, events)?.ok, id).toBe(true);
    // The reason in both languages: the same pid, signal and times.
    expect(check('daemon-many', 'daemon-at-1s', events)?.reason).toEqual({
      en: "the daemon pid 101 was ended by SIGTERM (-15) at 1.1 s, as the main program's code finished (1.1 s)",
      zh: '守护进程 pid 101 在第 1.1 秒被 SIGTERM (-15) 结束，正是主程序代码执行完的时候（第 1.1 秒）',
    });
    expect(check('daemon-many', 'normal-at-3s', events)?.reason.zh).toContain('pid 102 在第 3.1 秒完成');
  });
  it('daemon-many: a slow start moves every moment, and the checks follow the program, not the clock', () => {
    // Everything 1.5 s late (a loaded machine): still the lesson's behaviour.
    const late = many(2600, 4600, 4610, 2550).map((e) => (e.type === 'start' && e.pid !== MAIN ? { ...e, t: e.t + 1500 } : e));
    for (const id of ['daemon-at-1s', 'normal-at-3s', 'main-stays']) expect(check('daemon-many', id, late)?.ok, id).toBe(true);
  });
  it('daemon-many: refuses a daemon that outlived the main code, a short-lived normal child and a main that left before it', () => {
    expect(check('daemon-many', 'daemon-at-1s', many(3000, 3100, 3110))?.ok).toBe(false);
    expect(check('daemon-many', 'normal-at-3s', many(1100, 1500, 3110))?.ok).toBe(false);
    expect(check('daemon-many', 'main-stays', many(1100, 3100, 1200))?.ok).toBe(false);
  });
});

describe('heartbeat and heartbeat-healthy', () => {
  const beats = (from: number, to: number) => {
    const events: LessonEvent[] = [];
    for (let t = from; t <= to; t += 1000) events.push(out(t, 101, MAIN, 'to the monitoring server: I am alive~'));
    return events;
  };
  const failing = (beatEnd: number) => [
    start(0, MAIN, RUNNER),
    start(50, 101, MAIN, 'Process-1 (heartbeat)', true),
    start(51, 102, MAIN, 'Process-2 (analyseLogs)'),
    ...beats(100, Math.min(beatEnd, 3100)),
    exit(3100, 102, 1),
    out(3101, MAIN, RUNNER, 'parent: server state abnormal (worker exit code 1) ...'),
    exit(beatEnd, 101, -15, 'SIGTERM'),
    exit(beatEnd + 5, MAIN),
  ];
  it('heartbeat: beats while the worker lives, the failure is reported, the beats stop right after', () => {
    const events = failing(3105);
    for (const id of ['heartbeats-while-working', 'worker-fails', 'heartbeat-stops']) expect(check('heartbeat', id, events)?.ok, id).toBe(true);
  });
  it('heartbeat: refuses a heartbeat that went on for long after the failure', () => {
    expect(check('heartbeat', 'heartbeat-stops', failing(6000))?.ok).toBe(false);
  });
  it('heartbeat-healthy: steady beats and a worker that ended only by the stop', () => {
    const events = [
      start(0, MAIN, RUNNER), start(50, 101, MAIN, 'Process-1 (heartbeat)', true), start(51, 102, MAIN, 'Process-2 (analyseLogs)'),
      ...beats(100, 2100), out(1100, 102, MAIN, 'server 5: analysing the logs (round 1)'),
    ];
    expect(check('heartbeat-healthy', 'steady-heartbeat', events, { ended: false })?.ok).toBe(true);
    expect(check('heartbeat-healthy', 'worker-keeps-working', events, { ended: false })).toBeNull();
    expect(check('heartbeat-healthy', 'worker-keeps-working', events, { stoppedAt: 2500 })?.ok).toBe(true);
    const crashed = [...events, exit(2200, 102, 1)];
    expect(check('heartbeat-healthy', 'worker-keeps-working', crashed, { ended: false })?.ok).toBe(false);
  });
});
