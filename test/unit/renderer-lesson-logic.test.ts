// The lesson page's pure logic: merging caught-up and live events, the timeline lanes, the
// axis, per-pid colours, the checklist, and the exit labels.
import { describe, expect, it } from 'vitest';
import type { LessonEvent, LessonRunInfo } from '../../shared/lessons.js';
import { checklist, summary } from '../../renderer/src/lessons/observations.js';
import { hueFor, pidHues } from '../../renderer/src/ui/pid-colors.js';
import { emptyRuns, insertSorted, latestRun, livePids, runClockMs, runsReducer, type RunsState } from '../../renderer/src/lessons/lesson-run-store.js';
import { buildTimeline, exitKind, exitLabel } from '../../renderer/src/lessons/timeline-model.js';
import { axisTicks, niceScale, secondsTick, stamp, tickStep } from '../../renderer/src/ui/time-scale.js';

const start = (t: number, pid: number, ppid: number, name: string, daemon = false): LessonEvent => ({ type: 'start', t, pid, ppid, name, daemon });
const out = (t: number, pid: number, text: string, stream: 'stdout' | 'stderr' = 'stdout'): LessonEvent => ({ type: 'output', t, pid, ppid: 1, stream, text });
const exit = (t: number, pid: number, exitcode: number, signal: string | null = null): LessonEvent => ({ type: 'exit', t, pid, exitcode, signal });

/** daemon-many as it happens: main 10, daemon 11 killed at 1.05 s, normal child 12 done at 3.1 s. */
const daemonMany: LessonEvent[] = [
  start(0, 10, 1, 'MainProcess'),
  start(90, 11, 10, 'Process-1 (stars)', true),
  start(95, 12, 10, 'Process-2 (job)'),
  out(150, 12, 'normal child: start'),
  out(160, 11, '*'),
  out(660, 11, '**'),
  out(1040, 10, 'parent: my code is finished ...'),
  { type: 'join-begin', t: 1041, pid: 10, target: 11, timeoutMs: null },
  exit(1050, 11, -15, 'SIGTERM'),
  { type: 'join-end', t: 1052, pid: 10, target: 11, timedOut: false },
  { type: 'join-begin', t: 1053, pid: 10, target: 12, timeoutMs: null },
  out(3090, 12, 'normal child: end'),
  exit(3100, 12, 0),
  { type: 'join-end', t: 3101, pid: 10, target: 12, timedOut: false },
  exit(3110, 10, 0),
];

const info = (events: LessonEvent[], extra: Partial<LessonRunInfo> = {}): LessonRunInfo => ({
  runId: 'r1', lessonId: 'daemon-many', language: 'typescript', pid: 10, startedAt: 1_000_000, running: true, events, ...extra,
});
const live = (state: RunsState, event: LessonEvent, runId = 'r1', lessonId = 'daemon-many') =>
  runsReducer(state, { type: 'event', runId, lessonId, event, receivedAt: 1_000_000 + event.t + 5 });

describe('run store', () => {
  it('keeps events in time order whatever order they arrive in', () => {
    let s = emptyRuns;
    for (const e of [daemonMany[2]!, daemonMany[0]!, daemonMany[1]!]) s = live(s, e);
    expect(s.runs.r1!.events.map((e) => e.t)).toEqual([0, 90, 95]);
    expect(insertSorted([out(1, 1, 'a'), out(5, 1, 'b')], out(5, 1, 'c')).map((e) => (e as { text: string }).text)).toEqual(['a', 'b', 'c']);
  });

  it('merges a catch-up with the live stream without duplicates, keeping genuine repeats', () => {
    const repeat = out(700, 11, '*'); // the same line twice at the same time is two lines
    const all = [...daemonMany.slice(0, 6), repeat, { ...repeat }];
    // Live events 4..7 arrive before the catch-up, which holds 0..5 (overlap 4, 5).
    let s = emptyRuns;
    for (const e of all.slice(4)) s = live(s, e);
    s = runsReducer(s, { type: 'known', infos: [info(all.slice(0, 6))] });
    expect(s.runs.r1!.events).toEqual(all);
    // Catching up again with everything changes nothing; a later live event is appended once.
    s = runsReducer(s, { type: 'known', infos: [info(all)] });
    expect(s.runs.r1!.events).toHaveLength(all.length);
    s = live(s, daemonMany[6]!);
    expect(s.runs.r1!.events).toHaveLength(all.length + 1);
  });

  it('ends the run at run-end, from either source', () => {
    const end: LessonEvent = { type: 'run-end', t: 3200, ok: true, stopped: false };
    let s = emptyRuns;
    for (const e of daemonMany) s = live(s, e);
    expect(s.runs.r1!.running).toBe(true);
    expect(livePids(s.runs.r1!.events)).toEqual([]);
    s = live(s, end);
    expect(s.runs.r1!.running).toBe(false);
    expect(s.runs.r1!.end).toEqual(end);
    const fromKnown = runsReducer(emptyRuns, { type: 'known', infos: [info([...daemonMany, end], { running: false })] });
    expect(fromKnown.runs.r1!.running).toBe(false);
    expect(runClockMs(fromKnown.runs.r1!, 9e12)).toBe(3200);
  });

  it('estimates the start of a run known only from live events; the clock runs while live', () => {
    const s = live(emptyRuns, out(500, 10, 'x'));
    expect(s.runs.r1!.startedAt).toBe(1_000_000 + 5);
    expect(runClockMs(s.runs.r1!, 1_000_005 + 2000)).toBe(2000);
  });

  it('lists live pids and picks the latest run of a lesson', () => {
    expect(livePids(daemonMany.slice(0, 9)).sort()).toEqual([10, 12]);
    let s = runsReducer(emptyRuns, { type: 'known', infos: [info([], { runId: 'a', startedAt: 1 }), info([], { runId: 'b', startedAt: 5 }), info([], { runId: 'c', lessonId: 'join', startedAt: 9 })] });
    expect(latestRun(s, 'daemon-many')!.runId).toBe('b');
    expect(latestRun(s, 'nothing')).toBeNull();
    s = runsReducer(s, { type: 'known', infos: [info([], { runId: 'd', startedAt: 7 })] });
    expect(latestRun(s, 'daemon-many')!.runId).toBe('d');
  });
});

describe('timeline model', () => {
  it('draws one lane per process with its start, end, daemon flag and how it ended', () => {
    const m = buildTimeline([...daemonMany].reverse(), 3200);
    expect(m.lanes.map((l) => l.pid)).toEqual([10, 11, 12]);
    const [main, daemon, normal] = m.lanes;
    expect(main).toMatchObject({ name: 'MainProcess', startMs: 0, endMs: 3110, depth: 0, implicit: false });
    expect(daemon).toMatchObject({ daemon: true, startMs: 90, endMs: 1050, depth: 1, exit: { exitcode: -15, signal: 'SIGTERM' } });
    expect(normal).toMatchObject({ daemon: false, endMs: 3100, exit: { exitcode: 0, signal: null } });
    expect(main!.joins).toEqual([
      { from: 1041, to: 1052, target: 11, timedOut: false },
      { from: 1053, to: 3101, target: 12, timedOut: false },
    ]);
    expect(daemon!.ticks).toEqual([{ t: 160, stream: 'stdout' }, { t: 660, stream: 'stdout' }]);
    expect(m.durationMs).toBe(3200);
  });

  it('keeps a running lane open and an unfinished join open; grows with the clock', () => {
    const m = buildTimeline(daemonMany.slice(0, 11), 1500);
    const main = m.lanes[0]!;
    expect(main.endMs).toBeNull();
    expect(main.joins[1]).toEqual({ from: 1053, to: null, target: 12, timedOut: false });
    expect(m.durationMs).toBe(1500);
    expect(buildTimeline(daemonMany.slice(0, 11), 2500).durationMs).toBe(2500);
  });

  it('gives a lane to a process seen only through its output', () => {
    const m = buildTimeline([start(0, 10, 1, 'MainProcess'), out(300, 77, '@77 says hi')], 400);
    expect(m.lanes.find((l) => l.pid === 77)).toMatchObject({ implicit: true, startMs: 300, endMs: null });
  });

  it('reads exits as code or signal', () => {
    expect(exitLabel({ exitcode: 0, signal: null })).toBe('exit 0');
    expect(exitLabel({ exitcode: 1, signal: null })).toBe('exit 1');
    expect(exitLabel({ exitcode: -15, signal: 'SIGTERM' })).toBe('SIGTERM (-15)');
    expect(exitLabel({ exitcode: -9, signal: 'SIGKILL' })).toBe('SIGKILL (-9)');
    expect(exitKind({ exitcode: 0, signal: null })).toBe('ok');
    expect(exitKind({ exitcode: 2, signal: null })).toBe('error');
    expect(exitKind({ exitcode: -9, signal: 'SIGKILL' })).toBe('signal');
  });

  it('lays out a readable seconds axis', () => {
    expect(axisTicks(3200, 640)).toEqual([0, 500, 1000, 1500, 2000, 2500, 3000]);
    expect(axisTicks(10_500, 640)).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
    expect(tickStep(1000, 10)).toBe(100);
    for (const d of [800, 3000, 12_000, 61_000, 3_600_000]) {
      const ticks = axisTicks(d, 500);
      expect(ticks.length).toBeGreaterThanOrEqual(2);
      expect(ticks.length).toBeLessThanOrEqual(500 / 64 + 1);
    }
    expect(secondsTick(0)).toBe('0 s');
    expect(secondsTick(1500)).toBe('1.5 s');
    expect(secondsTick(250)).toBe('0.25 s');
    expect(stamp(1234)).toBe('+1.23 s');
    expect(stamp(-5)).toBe('+0.00 s');
  });

  it('rounds the scale up so compared runs share it and bars never touch the edge', () => {
    expect(niceScale(200)).toBe(1000);
    expect(niceScale(3100)).toBeGreaterThanOrEqual(3100);
    expect(niceScale(3100) % 500).toBe(0);
    for (const d of [1001, 2500, 9999, 10_400, 59_000, 200_000]) expect(niceScale(d)).toBeGreaterThan(d);
  });
});

describe('pid colours', () => {
  it('gives each process its own hue, by order of appearance, the same for the same events', () => {
    const hues = pidHues([...daemonMany].reverse());
    expect(hues.get(10)).toBe(hueFor(0));
    expect(hues.get(11)).toBe(hueFor(1));
    expect(hues.get(12)).toBe(hueFor(2));
    const distinct = new Set(Array.from({ length: 10 }, (_, i) => hueFor(i)));
    expect(distinct.size).toBe(10);
    for (let i = 0; i < 20; i++) expect(Math.abs(hueFor(i) - hueFor(i + 1))).toBeGreaterThan(30);
  });
});

describe('checklist', () => {
  const obs = [
    { id: 'a', text: { en: 'A', zh: '甲' } },
    { id: 'b', text: { en: 'B', zh: '乙' } },
    { id: 'c', text: { en: 'C', zh: '丙' } },
  ];
  it('is pending until the runner decides, then ok or failed with the reason', () => {
    expect(checklist(obs, []).map((i) => i.status)).toEqual(['pending', 'pending', 'pending']);
    const items = checklist(obs, [
      { type: 'observation', t: 1100, id: 'b', ok: true, reason: { en: 'held at 1.1 s', zh: '在第 1.1 秒成立' } },
      { type: 'observation', t: 3200, id: 'c', ok: false, reason: { en: 'the daemon ended by itself', zh: '守护进程是自己结束的' } },
    ]);
    expect(items.map((i) => [i.id, i.status, i.reason?.en ?? null])).toEqual([
      ['a', 'pending', null],
      ['b', 'ok', 'held at 1.1 s'],
      ['c', 'failed', 'the daemon ended by itself'],
    ]);
    // Both languages travel with the verdict; the checklist shows the UI's.
    expect(items.map((i) => i.reason?.zh ?? null)).toEqual([null, '在第 1.1 秒成立', '守护进程是自己结束的']);
    expect(summary(items)).toEqual({ ok: 1, failed: 1, pending: 1 });
  });
});
