// The playground runs the page knows about, fed by two sources that overlap: playground.runs /
// playground.run (every event so far, in the runner's order) and the live 'playground.event'
// stream (delivered in batches). Pure reducer: an event seen through both is kept once (a
// multiset union per event), events keep the runner's order (appended, never re-sorted: a flood
// of output stays linear), and run-end ends the run. Like the runner, the page keeps a head and a
// tail of a run's transcript: the lines between are replaced by one "skipped" marker.
import type { PlaygroundEvent, PlaygroundRunInfo } from '../../../shared/playground.js';
import { addBatches, addKnown, noLifecycle, pruneLifecycle, type LifecycleBatch, type LifecycleRuns } from '../ui/lifecycle-store.js';
import { countKnown, countLive, runEndOf } from '../ui/run-merge.js';

export type RunEnd = Extract<PlaygroundEvent, { type: 'run-end' }>;

export interface RunMeta {
  pid: number;
  command: string;
  shell: string;
  cwd: string;
}

export interface PgRun {
  runId: string;
  /** What was run and how; null while only live events are known. */
  meta: RunMeta | null;
  /** Wall-clock ms at which the run started (estimated from the first live event if unknown). */
  startedAt: number;
  running: boolean;
  events: PlaygroundEvent[];
  end: RunEnd | null;
  /** How many times each event was seen per source, to merge without duplicates. */
  seen: ReadonlyMap<string, { live: number; known: number }>;
}

export interface PgState {
  runs: Readonly<Record<string, PgRun>>;
  /** The run the page shows. */
  currentId: string | null;
  /** Exact lifecycle events per run (traced runs), kept beside the runs and forgotten with them. */
  lifecycle: LifecycleRuns;
}

export interface LiveItem {
  runId: string;
  event: PlaygroundEvent;
  receivedAt: number;
}

export type PgAction =
  /** Infos from playground.runs or playground.run; `show` makes the newest of them current. */
  | { type: 'known'; infos: readonly PlaygroundRunInfo[]; show?: boolean }
  | { type: 'live'; items: readonly LiveItem[] }
  /** Batches of 'lifecycle.events' for playground runs. */
  | { type: 'lifecycle'; batches: readonly LifecycleBatch[] }
  | { type: 'show'; runId: string }
  /** Shows no run (until the next one starts). */
  | { type: 'hide' };

export const emptyPg: PgState = { runs: {}, currentId: null, lifecycle: noLifecycle };

/** Runs kept in memory (the runner keeps about as many). */
export const KEEP_RUNS = 12;

const keyOf = (e: PlaygroundEvent): string => JSON.stringify(e);

/** Transcript lines (output and input) the page keeps per run: the first and the last ones. */
export const PAGE_HEAD_LINES = 1000;
export const PAGE_TAIL_LINES = 2000;
/** Compaction runs once this many lines past the limit have arrived (linear cost, amortised). */
const COMPACT_SLACK = 500;

const isTranscript = (e: PlaygroundEvent): boolean => e.type === 'output' || e.type === 'input';

/**
 * Keeps the first PAGE_HEAD_LINES and the last PAGE_TAIL_LINES transcript lines; those between
 * (and any skipped markers among them) become one skipped marker. The dropped events are
 * forgotten by `seen` too, so it does not grow with an endless run.
 */
export function compactTranscript(
  events: PlaygroundEvent[],
  seen: Map<string, { live: number; known: number }>,
  head = PAGE_HEAD_LINES,
  tail = PAGE_TAIL_LINES,
  slack = COMPACT_SLACK,
): PlaygroundEvent[] {
  let n = 0;
  let firstMarker = -1;
  let lastMarker = -1;
  events.forEach((e, i) => {
    if (isTranscript(e)) n++;
    else if (e.type === 'output-skipped') {
      if (firstMarker < 0) firstMarker = i;
      lastMarker = i;
    }
  });
  // A flood drained several times leaves several markers with a few lines between them: those
  // lines are from the middle of the output, so they join one gap (the backend's transcript
  // keeps only the head and the tail too).
  const fold = firstMarker >= 0 && lastMarker > firstMarker;
  if (n <= head + tail + slack && !fold) return events;
  let drop = Math.max(0, n - head - tail);
  const out: PlaygroundEvent[] = [];
  let index = 0;
  let skipped = 0;
  let markerAt = -1;
  for (const [i, e] of events.entries()) {
    const folding = fold && i >= firstMarker && i <= lastMarker;
    const inGap = folding || (index >= head && drop > 0);
    if (inGap && (isTranscript(e) || e.type === 'output-skipped')) {
      if (markerAt < 0) {
        markerAt = out.length;
        out.push(e); // replaced below
      }
      skipped += e.type === 'output-skipped' ? e.lines : 1;
      if (isTranscript(e)) {
        if (drop > 0) drop--;
        index++;
      }
      const k = keyOf(e);
      const s = seen.get(k);
      if (s) {
        const next = { live: Math.max(0, s.live - 1), known: Math.max(0, s.known - 1) };
        if (next.live === 0 && next.known === 0) seen.delete(k);
        else seen.set(k, next);
      }
      continue;
    }
    if (isTranscript(e)) index++;
    out.push(e);
  }
  if (markerAt >= 0) out[markerAt] = { type: 'output-skipped', t: out[markerAt]!.t, lines: skipped };
  return out;
}

function mergeKnown(view: PgRun | undefined, info: PlaygroundRunInfo): PgRun {
  const seen = new Map(view?.seen ?? []);
  const counts = new Map<string, number>();
  // The known list is the run's history in order; live-only events seen before it follow it.
  const events: PlaygroundEvent[] = [];
  for (const e of info.events) {
    const k = keyOf(e);
    const n = (counts.get(k) ?? 0) + 1;
    counts.set(k, n);
    events.push(e);
  }
  const extraLive = new Map<string, number>();
  for (const e of view?.events ?? []) {
    const k = keyOf(e);
    const n = (extraLive.get(k) ?? 0) + 1;
    extraLive.set(k, n);
    if (n > (counts.get(k) ?? 0)) events.push(e);
  }
  // The events were rebuilt in the history's order above: only the counts are updated here.
  for (const [k, n] of counts) countKnown(seen, k, n);
  const end = runEndOf(events);
  return {
    runId: info.runId,
    meta: { pid: info.pid, command: info.command, shell: info.shell, cwd: info.cwd },
    startedAt: info.startedAt,
    running: info.running && end === null,
    events: compactTranscript(events, seen),
    end,
    seen,
  };
}

function addLive(view: PgRun | undefined, items: readonly LiveItem[]): PgRun {
  const first = items[0]!;
  const base: PgRun = view ?? {
    runId: first.runId,
    meta: null,
    startedAt: first.receivedAt - first.event.t,
    running: true,
    events: [],
    end: null,
    seen: new Map(),
  };
  const seen = new Map(base.seen);
  const events = base.events.slice();
  let end = base.end;
  for (const { event } of items) {
    if (countLive(seen, keyOf(event))) events.push(event);
    if (event.type === 'run-end') end = event;
  }
  return { ...base, events: compactTranscript(events, seen), end, running: end === null, seen };
}

function prune(runs: Record<string, PgRun>, keep: string | null): Record<string, PgRun> {
  const ids = Object.keys(runs);
  if (ids.length <= KEEP_RUNS) return runs;
  const old = Object.values(runs)
    .filter((r) => !r.running && r.runId !== keep)
    .sort((a, b) => a.startedAt - b.startedAt)
    .slice(0, ids.length - KEEP_RUNS);
  const out = { ...runs };
  for (const r of old) delete out[r.runId];
  return out;
}

export function pgReducer(state: PgState, action: PgAction): PgState {
  switch (action.type) {
    case 'known': {
      if (action.infos.length === 0) return state;
      const runs = { ...state.runs };
      let lifecycle = state.lifecycle;
      for (const info of action.infos) {
        runs[info.runId] = mergeKnown(runs[info.runId], info);
        lifecycle = addKnown(lifecycle, info.runId, info.lifecycle);
      }
      const newest = [...action.infos].sort((a, b) => b.startedAt - a.startedAt)[0]!;
      const currentId = action.show || state.currentId === null ? newest.runId : state.currentId;
      const kept = prune(runs, currentId);
      return { runs: kept, currentId, lifecycle: pruneLifecycle(lifecycle, (id) => id in kept) };
    }
    case 'live': {
      if (action.items.length === 0) return state;
      const byRun = new Map<string, LiveItem[]>();
      for (const item of action.items) {
        const list = byRun.get(item.runId);
        if (list) list.push(item);
        else byRun.set(item.runId, [item]);
      }
      const runs = { ...state.runs };
      for (const [runId, items] of byRun) runs[runId] = addLive(runs[runId], items);
      const kept = prune(runs, state.currentId);
      return { runs: kept, currentId: state.currentId ?? action.items[0]!.runId, lifecycle: pruneLifecycle(state.lifecycle, (id) => id in kept) };
    }
    case 'lifecycle':
      // A batch may come before the run's info (playground.run answers after the spawn): kept by run id.
      return action.batches.length ? { ...state, lifecycle: addBatches(state.lifecycle, action.batches) } : state;
    case 'show':
      return state.runs[action.runId] ? { ...state, currentId: action.runId } : state;
    case 'hide':
      // A start that failed: the previous run's result must not read as this command's.
      return state.currentId === null ? state : { ...state, currentId: null };
  }
}

/** Run time to draw up to: the clock while running, else the last event's time. */
export function runClockMs(run: PgRun, now: number): number {
  const last = run.events.length ? run.events[run.events.length - 1]!.t : 0;
  if (!run.running) return Math.max(last, run.end?.t ?? 0);
  return Math.max(last, now - run.startedAt);
}
