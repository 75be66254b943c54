// The lifecycle events a page keeps per run, fed by two sources that overlap: the run infos
// (playground.runs / lesson.runs carry every event kept so far) and the live 'lifecycle.events'
// batches. The server sends a batch and stores it at the same moment, and one connection keeps
// the order, so an info holds every batch that reached the page before it: a known list at least
// as long as what the page has replaces it, and later batches append. Pure.
import { LIFECYCLE_KEEP, type LifecycleEvent, type LifecycleSource, type RunLifecycle } from '../../../shared/lifecycle.js';

export type LifecycleRuns = Readonly<Record<string, RunLifecycle>>;

export interface LifecycleBatch {
  runId: string;
  source: LifecycleSource;
  events: readonly LifecycleEvent[];
}

export const noLifecycle: LifecycleRuns = {};

/** Appends live batches (in arrival order); past LIFECYCLE_KEEP events a run keeps its first ones, as the server does. */
export function addBatches(runs: LifecycleRuns, batches: readonly LifecycleBatch[]): LifecycleRuns {
  if (!batches.length) return runs;
  const out: Record<string, RunLifecycle> = { ...runs };
  for (const b of batches) {
    const prev = out[b.runId];
    const room = LIFECYCLE_KEEP - (prev?.events.length ?? 0);
    const add = room >= b.events.length ? b.events : b.events.slice(0, Math.max(0, room));
    out[b.runId] = { source: b.source, events: prev && add.length === 0 ? prev.events : [...(prev?.events ?? []), ...add] };
  }
  return out;
}

/** Takes what a run info says, unless the page already has more (live batches that came after it). */
export function addKnown(runs: LifecycleRuns, runId: string, known: RunLifecycle | undefined): LifecycleRuns {
  if (!known) return runs;
  const prev = runs[runId];
  if (prev && prev.events.length > known.events.length) return prev.source || !known.source ? runs : { ...runs, [runId]: { ...prev, source: known.source } };
  return { ...runs, [runId]: { source: known.source ?? prev?.source ?? null, events: known.events } };
}

/** Forgets the runs not in `keep` (the page forgot them). */
export function pruneLifecycle(runs: LifecycleRuns, keep: (runId: string) => boolean): LifecycleRuns {
  const ids = Object.keys(runs);
  if (ids.every(keep)) return runs;
  const out: Record<string, RunLifecycle> = {};
  for (const id of ids) if (keep(id)) out[id] = runs[id]!;
  return out;
}
