// The playground runs the page knows about: the shared run store (ui/run-store) configured for
// the playground — events kept in the runner's order (appended, never re-sorted: a flood of output
// stays linear), live events applied in batches, the latest KEEP_RUNS runs kept, and each run
// knows what was run. The page adds which run it shows. Like the runner, the page keeps a head and
// a tail of a run's transcript: the lines between are replaced by one "skipped" marker.
import type { PlaygroundEvent, PlaygroundRunInfo } from '../../../shared/playground.js';
import type { LifecycleBatch } from '../ui/lifecycle-store.js';
import { createRunStore, eventKey, latestOf, type LiveItem as RunLiveItem, type Run, type RunsOf } from '../ui/run-store.js';

export { runClockMs } from '../ui/run-store.js';

export type RunEnd = Extract<PlaygroundEvent, { type: 'run-end' }>;

export interface RunMeta {
  pid: number;
  command: string;
  shell: string;
  cwd: string;
}

/** A playground run; `meta` is what was run and how, null while only live events are known. */
export type PgRun = Run<PlaygroundEvent, { meta: RunMeta | null }>;

export interface PgState extends RunsOf<PgRun> {
  /** The run the page shows. */
  currentId: string | null;
}

export type LiveItem = RunLiveItem<PlaygroundEvent>;

export type PgAction =
  /** Infos from playground.runs or playground.run; `show` makes the newest of them current. */
  | { type: 'known'; infos: readonly PlaygroundRunInfo[]; show?: boolean }
  | { type: 'live'; items: readonly LiveItem[] }
  /** Batches of 'lifecycle.events' for playground runs. */
  | { type: 'lifecycle'; batches: readonly LifecycleBatch[] }
  | { type: 'show'; runId: string }
  /** Shows no run (until the next one starts). */
  | { type: 'hide' };

/** Runs kept in memory (the runner keeps about as many). */
export const KEEP_RUNS = 12;

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
      const k = eventKey(e);
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

const store = createRunStore<PlaygroundEvent, PlaygroundRunInfo, LiveItem, { meta: RunMeta | null }>({
  order: 'arrival',
  bound: (events, seen) => compactTranscript(events, seen),
  keepRuns: KEEP_RUNS,
  fromInfo: (info) => ({ meta: { pid: info.pid, command: info.command, shell: info.shell, cwd: info.cwd } }),
  fromLive: () => ({ meta: null }),
});

export const emptyPg: PgState = { ...store.empty, currentId: null };

export function pgReducer(state: PgState, action: PgAction): PgState {
  switch (action.type) {
    case 'known': {
      if (action.infos.length === 0) return state;
      // The newest of them (the first given among equal start times).
      const newest = latestOf([...action.infos].reverse())!;
      const currentId = action.show || state.currentId === null ? newest.runId : state.currentId;
      return { ...store.known(state, action.infos, currentId), currentId };
    }
    case 'live': {
      if (action.items.length === 0) return state;
      return { ...store.live(state, action.items, state.currentId), currentId: state.currentId ?? action.items[0]!.runId };
    }
    case 'lifecycle':
      // A batch may come before the run's info (playground.run answers after the spawn): kept by run id.
      return store.lifecycle(state, action.batches);
    case 'show':
      return state.runs[action.runId] ? { ...state, currentId: action.runId } : state;
    case 'hide':
      // A start that failed: the previous run's result must not read as this command's.
      return state.currentId === null ? state : { ...state, currentId: null };
  }
}
