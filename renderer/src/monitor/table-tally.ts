// The header's process counts by state and the parents of zombies, kept up to date tick after tick
// from the rows that changed (table-changes.ts) rather than counted again over every row: at
// 10,000 rows each full count read every process object, twice a tick. Equal to countStates and
// zombieParents of the same table (unit-tested on random tables and deltas).
import type { ProcInfo } from '../../../shared/process.js';
import { inIdentityOrder } from '../../../shared/snapshot-delta.js';
import { addState, countStates, type StateCounts } from '../ui/process-states.js';
import { tableChanges } from './table-changes.js';
import { unreapedBy, zombieParents } from './zombies.js';

export interface TableTally {
  counts: StateCounts;
  /** Parent pid → its zombie children not yet reaped (see zombieParents). */
  zombieParents: ReadonlyMap<number, number>;
}

export class IncrementalTally {
  /** The table last tallied, kept only while strictly in identity order (what the walk needs). */
  private rows: readonly ProcInfo[] | null = null;
  private last: TableTally | null = null;

  update(rows: readonly ProcInfo[]): TableTally {
    const last = this.last;
    if (last && rows === this.rows) return last;
    const changes = last && this.rows ? tableChanges(this.rows, rows) : null;
    let next: TableTally;
    if (last && changes) {
      next = last;
      if (changes.fresh.length > 0 || changes.stale.length > 0) {
        const counts = { ...last.counts, total: rows.length };
        for (const p of changes.stale) addState(counts, p, -1);
        for (const p of changes.fresh) addState(counts, p, 1);
        next = { counts, zombieParents: patchParents(last.zombieParents, changes.stale, changes.fresh) };
      }
      this.rows = rows; // the walk found it in order
    } else {
      next = { counts: countStates(rows), zombieParents: zombieParents(rows) };
      this.rows = inIdentityOrder(rows) ? rows : null;
    }
    this.last = next;
    return next;
  }
}

/** The same map when no zombie came or went (views memoised on it stay put), else an updated copy. */
function patchParents(prev: ReadonlyMap<number, number>, stale: readonly ProcInfo[], fresh: readonly ProcInfo[]): ReadonlyMap<number, number> {
  if (!stale.some(unreapedBy) && !fresh.some(unreapedBy)) return prev;
  const out = new Map(prev);
  for (const p of stale) {
    const parent = unreapedBy(p);
    if (!parent) continue;
    const n = (out.get(parent) ?? 0) - 1;
    if (n > 0) out.set(parent, n);
    else out.delete(parent);
  }
  for (const p of fresh) {
    const parent = unreapedBy(p);
    if (parent) out.set(parent, (out.get(parent) ?? 0) + 1);
  }
  return out;
}
