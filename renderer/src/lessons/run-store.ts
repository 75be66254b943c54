// The lesson runs the page knows about, fed by two sources that overlap: lesson.runs / lesson.run
// (every event so far) and the live 'lesson.event' stream. Pure reducer: an event seen through
// both is kept once (a multiset union), events stay in time order, and run-end ends the run.
import type { LessonEvent, LessonRunInfo } from '../../../shared/lessons.js';
import { addBatches, addKnown, noLifecycle, type LifecycleBatch, type LifecycleRuns } from '../ui/lifecycle-store.js';
import { countKnown, countLive, runEndOf, type SeenCounts } from '../ui/run-merge.js';

export interface RunView {
  runId: string;
  lessonId: string;
  /** Wall-clock ms at which the run started (estimated from the first live event if unknown). */
  startedAt: number;
  running: boolean;
  /** Sorted by t (stable: equal times keep arrival order). */
  events: LessonEvent[];
  /** The run-end event once it came. */
  end: Extract<LessonEvent, { type: 'run-end' }> | null;
  /** How many times each event was seen per source, to merge without duplicates. */
  seen: ReadonlyMap<string, { live: number; known: number }>;
}

export interface RunsState {
  runs: Readonly<Record<string, RunView>>;
  /** Exact lifecycle events per run (traced runs). */
  lifecycle: LifecycleRuns;
}

export type RunsAction =
  | { type: 'known'; infos: readonly LessonRunInfo[] }
  | { type: 'event'; runId: string; lessonId: string; event: LessonEvent; receivedAt: number }
  | { type: 'lifecycle'; batch: LifecycleBatch };

export const emptyRuns: RunsState = { runs: {}, lifecycle: noLifecycle };

export const eventKey = (e: LessonEvent): string => JSON.stringify(e);

/** Inserts keeping time order; after every event with the same or an earlier t. */
export function insertSorted(events: readonly LessonEvent[], event: LessonEvent): LessonEvent[] {
  let i = events.length;
  while (i > 0 && events[i - 1]!.t > event.t) i--;
  const out = events.slice();
  out.splice(i, 0, event);
  return out;
}

function mergeKnown(view: RunView | undefined, info: LessonRunInfo): RunView {
  const seen: SeenCounts = new Map(view?.seen ?? []);
  let events = view?.events ?? [];
  const counts = new Map<string, { event: LessonEvent; n: number }>();
  for (const e of info.events) {
    const k = eventKey(e);
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { event: e, n: 1 });
  }
  for (const [k, { event, n }] of counts) {
    for (let missing = countKnown(seen, k, n); missing > 0; missing--) events = insertSorted(events, event);
  }
  const end = runEndOf(events);
  return {
    runId: info.runId,
    lessonId: info.lessonId,
    startedAt: info.startedAt,
    running: info.running && end === null,
    events,
    end,
    seen,
  };
}

function addLive(view: RunView | undefined, a: Extract<RunsAction, { type: 'event' }>): RunView {
  const base: RunView = view ?? {
    runId: a.runId,
    lessonId: a.lessonId,
    startedAt: a.receivedAt - a.event.t,
    running: true,
    events: [],
    end: null,
    seen: new Map(),
  };
  const seen: SeenCounts = new Map(base.seen);
  const events = countLive(seen, eventKey(a.event)) ? insertSorted(base.events, a.event) : base.events;
  const end = a.event.type === 'run-end' ? a.event : base.end;
  return { ...base, events, end, running: end === null, seen };
}

export function runsReducer(state: RunsState, action: RunsAction): RunsState {
  switch (action.type) {
    case 'known': {
      const runs = { ...state.runs };
      let lifecycle = state.lifecycle;
      for (const info of action.infos) {
        runs[info.runId] = mergeKnown(runs[info.runId], info);
        lifecycle = addKnown(lifecycle, info.runId, info.lifecycle);
      }
      return { runs, lifecycle };
    }
    case 'event':
      return { ...state, runs: { ...state.runs, [action.runId]: addLive(state.runs[action.runId], action) } };
    case 'lifecycle':
      return { ...state, lifecycle: addBatches(state.lifecycle, [action.batch]) };
  }
}

/** The latest run of a lesson (by start time), or null. */
export function latestRun(state: RunsState, lessonId: string): RunView | null {
  let best: RunView | null = null;
  for (const r of Object.values(state.runs)) {
    if (r.lessonId === lessonId && (!best || r.startedAt >= best.startedAt)) best = r;
  }
  return best;
}

/** Pids of a run's processes that have started and not yet exited. */
export function livePids(events: readonly LessonEvent[]): number[] {
  const live = new Set<number>();
  for (const e of events) {
    if (e.type === 'start') live.add(e.pid);
    else if (e.type === 'exit') live.delete(e.pid);
  }
  return [...live];
}

/** Run time to draw up to: the clock while running, else the last event's time. */
export function runClockMs(view: RunView, now: number): number {
  const last = view.events.length ? view.events[view.events.length - 1]!.t : 0;
  if (!view.running) return Math.max(last, view.end?.t ?? 0);
  return Math.max(last, now - view.startedAt);
}
