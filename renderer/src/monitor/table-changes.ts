// What changed from one table to the next, found the way a delta leaves it: rows that did not change
// are the same objects (shared/snapshot-delta.ts), so one merge walk comparing objects finds the few
// that did, reading no other row. The page's per-tick views (its rows, the state counts, the zombies'
// parents) update from these instead of reading all 10,000 rows each tick.
import type { ProcInfo } from '../../../shared/process.js';
import { byIdentity } from '../../../shared/snapshot-delta.js';

/** What a tick changed: rows new or changed (fresh), rows gone or replaced (stale), and which replaced which. */
export interface TableChanges {
  fresh: ProcInfo[];
  stale: ProcInfo[];
  /** Old row → its changed version (same identity). */
  replaced: Map<ProcInfo, ProcInfo>;
  /** Rows that came or went (not a change of an existing identity). */
  cameOrWent: number;
}

/**
 * One merge walk over two tables in identity order, comparing objects (no hashing of 10,000 rows);
 * null when `next` is not strictly in that order, or when more than `limit` rows are fresh or stale
 * (the caller's "not worth patching"). `prev` must be strictly in identity order.
 */
export function tableChanges(prev: readonly ProcInfo[], next: readonly ProcInfo[], limit = Infinity): TableChanges | null {
  const out: TableChanges = { fresh: [], stale: [], replaced: new Map(), cameOrWent: 0 };
  let i = 0;
  let j = 0;
  // Whether next[j - 1] is prev[i - 1]: then next[j] === prev[i] follows it in order, as prev is in
  // order, and no row need be read to check it (see shared/array-edits.ts for why that matters).
  let inStep = false;
  while (i < prev.length || j < next.length) {
    const a = prev[i];
    const b = next[j];
    if (a === b && inStep) {
      i++;
      j++;
      continue;
    }
    if (j > 0 && j < next.length && byIdentity(next[j - 1], b) >= 0) return null;
    inStep = a === b;
    if (inStep) {
      i++;
      j++;
      continue;
    }
    const c = i === prev.length ? 1 : j === next.length ? -1 : byIdentity(a, b);
    if (c < 0) {
      out.stale.push(a);
      out.cameOrWent++;
      i++;
    } else if (c > 0) {
      out.fresh.push(b);
      out.cameOrWent++;
      j++;
    } else {
      out.stale.push(a);
      out.fresh.push(b);
      out.replaced.set(a, b);
      i++;
      j++;
    }
    if (out.fresh.length + out.stale.length > limit) return null;
  }
  return out;
}
