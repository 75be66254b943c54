// What `ps aux | grep TEXT` and a column sort do, for the table and the CLI. Pure.
import type { ProcInfo } from './process.js';

export type SortKey =
  | 'user' | 'pid' | 'ppid' | 'state' | 'cpu' | 'memPercent' | 'memRss' | 'memVsz' | 'threads' | 'startTime' | 'cpuTimeMs' | 'command';
export const SORT_KEYS: readonly SortKey[] = [
  'user', 'pid', 'ppid', 'state', 'cpu', 'memPercent', 'memRss', 'memVsz', 'threads', 'startTime', 'cpuTimeMs', 'command',
];

/**
 * True when the process matches the filter text: a number matches the pid or ppid exactly;
 * any text matches a substring of name, command or user, case-insensitively. Several words must all match.
 */
export function matchesFilter(p: ProcInfo, filter: string): boolean {
  const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return words.every((w) => {
    if (/^\d+$/.test(w) && (String(p.pid) === w || String(p.ppid) === w)) return true;
    return p.name.toLowerCase().includes(w) || p.command.toLowerCase().includes(w) || p.user.toLowerCase().includes(w);
  });
}

export function filterProcesses(list: readonly ProcInfo[], filter: string): ProcInfo[] {
  return filter.trim() ? list.filter((p) => matchesFilter(p, filter)) : [...list];
}

/** Stable sort by one column; ties are broken by pid so rows do not jump between refreshes. */
export function sortProcesses(list: readonly ProcInfo[], key: SortKey, descending = false): ProcInfo[] {
  const dir = descending ? -1 : 1;
  const cmp = (a: ProcInfo, b: ProcInfo): number => {
    const va = a[key];
    const vb = b[key];
    let c: number;
    if (va === null || vb === null) c = va === vb ? 0 : va === null ? -1 : 1;
    else if (typeof va === 'string' && typeof vb === 'string') c = va.localeCompare(vb);
    else c = (va as number) - (vb as number);
    return c !== 0 ? c * dir : a.pid - b.pid;
  };
  return [...list].sort(cmp);
}
