// Which pids the monitor marks while a lesson runs. Pure.
import type { Snapshot } from '../../../shared/process.js';
import type { RunView } from './lesson-run-store.js';
import { buildTimeline } from './timeline-model.js';

/** The live processes of every running run; helpers seen only through their output count while they are in the table. */
export function highlightedPids(runs: readonly RunView[], snapshot: Pick<Snapshot, 'processes'> | null): number[] {
  const inTable = new Set(snapshot?.processes.map((p) => p.pid) ?? []);
  const out = new Set<number>();
  for (const r of runs) {
    if (!r.running) continue;
    for (const lane of buildTimeline(r.events, 0).lanes) {
      if (lane.endMs === null && (!lane.implicit || inTable.has(lane.pid))) out.add(lane.pid);
    }
  }
  return [...out].sort((a, b) => a - b);
}
