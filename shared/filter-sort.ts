// The column sort of the table and the CLI (the filter language is in filter.ts). Pure.
import type { ProcInfo } from './process.js';

export type SortKey =
  | 'user' | 'pid' | 'ppid' | 'state' | 'nice' | 'priority' | 'cpu' | 'memPercent' | 'memRss' | 'memVsz' | 'threads' | 'startTime'
  | 'cpuTimeMs' | 'ioReadPerSec' | 'ioWritePerSec' | 'cgroup' | 'command';
export const SORT_KEYS: readonly SortKey[] = [
  'user', 'pid', 'ppid', 'state', 'nice', 'priority', 'cpu', 'memPercent', 'memRss', 'memVsz', 'threads', 'startTime', 'cpuTimeMs',
  'ioReadPerSec', 'ioWritePerSec', 'cgroup', 'command',
];

/** The table's order for one column: ties are broken by pid so rows do not jump between refreshes. */
export function compareProcesses(key: SortKey, descending = false): (a: ProcInfo, b: ProcInfo) => number {
  const dir = descending ? -1 : 1;
  return (a: ProcInfo, b: ProcInfo): number => {
    const va = a[key];
    const vb = b[key];
    let c: number;
    // null (unknown) and undefined (not sampled, not available on this OS) sort before every value.
    if (va == null || vb == null) c = va == vb ? 0 : va == null ? -1 : 1;
    else if (typeof va === 'string' && typeof vb === 'string') c = va.localeCompare(vb);
    else c = (va as number) - (vb as number);
    return c !== 0 ? c * dir : a.pid - b.pid;
  };
}

/** Stable sort by one column (see compareProcesses). */
export function sortProcesses(list: readonly ProcInfo[], key: SortKey, descending = false): ProcInfo[] {
  return [...list].sort(compareProcesses(key, descending));
}
