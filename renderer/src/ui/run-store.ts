// The one run store both run pages use (lessons, playground): the runs a page knows about, keyed
// by run id, fed by two sources that overlap — the run's known history (lesson.runs,
// playground.runs, or the answer that started it: every event so far) and the live event stream.
// Pure: an event seen through both is kept once (a multiset union, ui/run-merge), run-end ends the
// run, exact lifecycle batches are kept beside the runs. A page configures what is its own: the
// order of a run's events (by time, or as the runner sent them), how a run's events are bounded,
// how many runs are kept, and the fields a run carries besides its events.
import { addBatches, addKnown, noLifecycle, pruneLifecycle, type LifecycleBatch, type LifecycleRuns } from './lifecycle-store.js';
import type { RunLifecycle } from '../../../shared/lifecycle.js';
import { countKnown, countLive, runEndOf, type SeenCounts } from './run-merge.js';

/** What the store needs of an event: a kind and a time (ms since the run started). */
export interface RunEvent {
  type: string;
  t: number;
}

/** What the store needs of a run's known history. */
export interface RunInfo<E extends RunEvent> {
  runId: string;
  /** Wall-clock ms at which the run started. */
  startedAt: number;
  running: boolean;
  events: readonly E[];
  lifecycle?: RunLifecycle;
}

/** One live event as it came. */
export interface LiveItem<E extends RunEvent> {
  runId: string;
  event: E;
  /** Wall-clock ms at which the page received it. */
  receivedAt: number;
}

/** A run as the store keeps it; X is what the page adds (its lesson id, its command...). */
export type Run<E extends RunEvent, X = {}> = X & {
  runId: string;
  /** Wall-clock ms at which the run started (estimated from the first live event if unknown). */
  startedAt: number;
  running: boolean;
  events: E[];
  /** The run-end event once it came. */
  end: Extract<E, { type: 'run-end' }> | null;
  /** How many times each event was seen per source, to merge without duplicates. */
  seen: ReadonlyMap<string, { live: number; known: number }>;
};

export interface RunsOf<R> {
  runs: Readonly<Record<string, R>>;
  /** Exact lifecycle events per run (traced runs). */
  lifecycle: LifecycleRuns;
}

export interface RunStoreConfig<E extends RunEvent, I extends RunInfo<E>, L extends LiveItem<E>, X> {
  /**
   * 'time': events kept sorted by t (stable: equal times keep arrival order), history merged in
   * place. 'arrival': events kept in the runner's order (appended, never re-sorted, so a flood of
   * output stays linear); a history rebuilds the run in its order, live-only events after it.
   */
  order: 'time' | 'arrival';
  /** Bounds a run's events after every change; what it drops it must forget in `seen` too. */
  bound?(events: E[], seen: SeenCounts): E[];
  /** Runs kept at most: beyond, the oldest finished ones (and their lifecycles) are forgotten. */
  keepRuns?: number;
  /** The page's own fields of a run, from its history. */
  fromInfo(info: I): X;
  /** The page's own fields of a run known only from live events (the first of them). */
  fromLive(first: L): X;
}

export const eventKey = (e: RunEvent): string => JSON.stringify(e);

/** Inserts keeping time order; after every event with the same or an earlier t. */
export function insertSorted<E extends RunEvent>(events: readonly E[], event: E): E[] {
  let i = events.length;
  while (i > 0 && events[i - 1]!.t > event.t) i--;
  const out = events.slice();
  out.splice(i, 0, event);
  return out;
}

/** The latest item by start time (the last given among equal ones), or null. */
export function latestOf<T extends { startedAt: number }>(items: Iterable<T>, pick: (item: T) => boolean = () => true): T | null {
  let best: T | null = null;
  for (const r of items) {
    if (pick(r) && (!best || r.startedAt >= best.startedAt)) best = r;
  }
  return best;
}

/** Run time to draw up to: the clock while running, else the last event's time. */
export function runClockMs(run: Pick<Run<RunEvent>, 'events' | 'running' | 'startedAt'> & { end: RunEvent | null }, now: number): number {
  const last = run.events.length ? run.events[run.events.length - 1]!.t : 0;
  if (!run.running) return Math.max(last, run.end?.t ?? 0);
  return Math.max(last, now - run.startedAt);
}

export interface RunStore<E extends RunEvent, I extends RunInfo<E>, L extends LiveItem<E>, X> {
  readonly empty: RunsOf<Run<E, X>>;
  /** Merges histories; `protect` names a run that is never forgotten (the one on screen). */
  known<S extends RunsOf<Run<E, X>>>(state: S, infos: readonly I[], protect?: string | null): S;
  /** Adds live events (one run's or several runs', in the order they came). */
  live<S extends RunsOf<Run<E, X>>>(state: S, items: readonly L[], protect?: string | null): S;
  /** Adds exact lifecycle batches; one may come before its run's history, so kept by run id. */
  lifecycle<S extends RunsOf<Run<E, X>>>(state: S, batches: readonly LifecycleBatch[]): S;
}

export function createRunStore<E extends RunEvent, I extends RunInfo<E>, L extends LiveItem<E>, X>(
  config: RunStoreConfig<E, I, L, X>,
): RunStore<E, I, L, X> {
  type R = Run<E, X>;
  const bound = (events: E[], seen: SeenCounts): E[] => (config.bound ? config.bound(events, seen) : events);

  const mergeKnown = (view: R | undefined, info: I): R => {
    const seen: SeenCounts = new Map(view?.seen ?? []);
    const counts = new Map<string, { event: E; n: number }>();
    for (const e of info.events) {
      const k = eventKey(e);
      const c = counts.get(k);
      if (c) c.n++;
      else counts.set(k, { event: e, n: 1 });
    }
    let events: E[];
    if (config.order === 'time') {
      events = view?.events ?? [];
      for (const [k, { event, n }] of counts) {
        for (let missing = countKnown(seen, k, n); missing > 0; missing--) events = insertSorted(events, event);
      }
    } else {
      // The known list is the run's history in order; live-only events seen before it follow it.
      events = info.events.slice();
      const extraLive = new Map<string, number>();
      for (const e of view?.events ?? []) {
        const k = eventKey(e);
        const n = (extraLive.get(k) ?? 0) + 1;
        extraLive.set(k, n);
        if (n > (counts.get(k)?.n ?? 0)) events.push(e);
      }
      // The events were rebuilt in the history's order above: only the counts are updated here.
      for (const [k, { n }] of counts) countKnown(seen, k, n);
    }
    const end = runEndOf(events);
    return {
      ...config.fromInfo(info),
      runId: info.runId,
      startedAt: info.startedAt,
      running: info.running && end === null,
      events: bound(events, seen),
      end,
      seen,
    } as R;
  };

  const addLive = (view: R | undefined, items: readonly L[]): R => {
    const first = items[0]!;
    const base =
      view ??
      ({
        ...config.fromLive(first),
        runId: first.runId,
        startedAt: first.receivedAt - first.event.t,
        running: true,
        events: [],
        end: null,
        seen: new Map(),
      } as R);
    const seen: SeenCounts = new Map(base.seen);
    let events = config.order === 'time' ? base.events : base.events.slice();
    let end = base.end;
    for (const { event } of items) {
      if (countLive(seen, eventKey(event))) {
        if (config.order === 'time') events = insertSorted(events, event);
        else events.push(event);
      }
      if (event.type === 'run-end') end = event as Extract<E, { type: 'run-end' }>;
    }
    return { ...base, events: bound(events, seen), end, running: end === null, seen };
  };

  /** Forgets the oldest finished runs beyond keepRuns, and their lifecycles. */
  const keep = <S extends RunsOf<R>>(state: S, runs: Record<string, R>, lifecycle: LifecycleRuns, protect: string | null): S => {
    const limit = config.keepRuns;
    if (limit === undefined) return { ...state, runs, lifecycle };
    const ids = Object.keys(runs);
    let kept = runs;
    if (ids.length > limit) {
      const old = Object.values(runs)
        .filter((r) => !r.running && r.runId !== protect)
        .sort((a, b) => a.startedAt - b.startedAt)
        .slice(0, ids.length - limit);
      kept = { ...runs };
      for (const r of old) delete kept[r.runId];
    }
    return { ...state, runs: kept, lifecycle: pruneLifecycle(lifecycle, (id) => id in kept) };
  };

  return {
    empty: { runs: {}, lifecycle: noLifecycle },
    known(state, infos, protect = null) {
      if (infos.length === 0) return state;
      const runs = { ...state.runs };
      let lifecycle = state.lifecycle;
      for (const info of infos) {
        runs[info.runId] = mergeKnown(runs[info.runId], info);
        lifecycle = addKnown(lifecycle, info.runId, info.lifecycle);
      }
      return keep(state, runs, lifecycle, protect);
    },
    live(state, items, protect = null) {
      if (items.length === 0) return state;
      const byRun = new Map<string, L[]>();
      for (const item of items) {
        const list = byRun.get(item.runId);
        if (list) list.push(item);
        else byRun.set(item.runId, [item]);
      }
      const runs = { ...state.runs };
      for (const [runId, list] of byRun) runs[runId] = addLive(runs[runId], list);
      return keep(state, runs, state.lifecycle, protect);
    },
    lifecycle(state, batches) {
      return batches.length ? { ...state, lifecycle: addBatches(state.lifecycle, batches) } : state;
    },
  };
}
