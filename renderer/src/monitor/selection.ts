// Selection by process identity (pid + start time), so it survives refreshes and re-sorts and
// never jumps to a new process that reused the pid. Keyboard movement over the visible rows. Pure.
import { lowerBound } from '../../../shared/array-edits.js';
import { identityKey, type ProcInfo } from '../../../shared/process.js';
import { knownInOrder } from '../../../shared/snapshot-delta.js';

interface Keyed {
  key: string;
}

export function indexOfKey(rows: readonly Keyed[], key: string | null): number {
  if (key === null) return -1;
  for (let i = 0; i < rows.length; i++) if (rows[i].key === key) return i;
  return -1;
}

/**
 * The key selected after moving by delta rows (clamped to the ends). With nothing selected
 * (or the selection filtered out), moving down picks the first row and moving up the last.
 */
export function moveSelection(rows: readonly Keyed[], key: string | null, delta: number): string | null {
  if (rows.length === 0) return key;
  const at = indexOfKey(rows, key);
  // With no selected row in the list (none yet, or filtered out or gone), a move down starts just
  // above the first row and a move up just below the last: ↓ takes the first, ↑ the last, and Home
  // (a move up by the whole list) the first, as it does from anywhere.
  const from = at >= 0 ? at : delta >= 0 ? -1 : rows.length;
  const next = Math.min(rows.length - 1, Math.max(0, from + delta));
  return rows[next].key;
}

/** The process with this identity in the snapshot, if it is still running. */
export function findByKey(processes: readonly ProcInfo[], key: string | null): ProcInfo | undefined {
  if (key === null) return undefined;
  const p = findByPid(processes, Number.parseInt(key, 10));
  return p && identityKey(p) === key ? p : undefined;
}

/**
 * The process holding this pid in the snapshot. Tables come in pid order (as the monitor publishes
 * them), so a binary search finds it reading a dozen rows, not up to 10,000 every tick; a table in
 * another order is searched row by row.
 */
export function findByPid(processes: readonly ProcInfo[], pid: number): ProcInfo | undefined {
  if (!knownInOrder(processes)) return processes.find((p) => p.pid === pid);
  const at = lowerBound(processes, (p) => p.pid < pid);
  return processes[at]?.pid === pid ? processes[at] : undefined;
}

/** The identity of the process currently holding this pid (for "select pid N" from a chip or a lesson). */
export function keyForPid(processes: readonly ProcInfo[], pid: number): string | null {
  const p = findByPid(processes, pid);
  return p ? identityKey(p) : null;
}
