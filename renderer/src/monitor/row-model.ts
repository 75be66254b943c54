// Turns one snapshot into the rows the table shows: filtered (text and quick filter), sorted
// (table view) or laid out as a pstree-like forest with guide lines (tree view). Pure, and run
// once per snapshot or query change; the table component only slices the result.
import type { Guide } from '../ui/tree-indent.js';
import { sortProcesses } from '../../../shared/filter-sort.js';
import { matchesTerms, parseFilter } from '../../../shared/filter.js';
import { identityKey, type ProcInfo } from '../../../shared/process.js';
import { buildTree, type TreeNode } from '../../../shared/tree.js';
import type { SortState } from './sort-state.js';

export type ViewMode = 'table' | 'tree';
export type QuickFilter = 'all' | 'zombies' | 'stopped';
export const QUICK_FILTERS: readonly QuickFilter[] = ['all', 'zombies', 'stopped'];

/** One cell of the tree's indentation: a line passing by, nothing, a branch (├) or the last branch (└). */

export interface RowModel {
  /** Identity "pid:startTime": stable across refreshes, new when a pid is reused. */
  key: string;
  proc: ProcInfo;
  depth: number;
  /** Tree view: one guide per level of depth; empty in the table view. */
  guides: readonly Guide[];
  hasChildren: boolean;
  collapsed: boolean;
  /** False for an ancestor shown only to place a filtered match in the tree. */
  matched: boolean;
}

export interface RowQuery {
  view: ViewMode;
  filter: string;
  quick: QuickFilter;
  sort: SortState;
  /** Tree view: pids whose children are hidden. */
  collapsed: ReadonlySet<number>;
  /** The "mine" user filter: only processes of this uid (the app's own); undefined shows everyone's. */
  uid?: number;
}

export interface RowsResult {
  rows: RowModel[];
  /** Processes matching the filters (ancestors shown for context are not counted). */
  matched: number;
  total: number;
  /** The filter text is malformed (a bad regex): shown inline, and the text filter is not applied. */
  filterError?: string;
}

export function matchesQuick(p: ProcInfo, quick: QuickFilter): boolean {
  switch (quick) {
    case 'zombies': return p.state === 'Z';
    case 'stopped': return p.state === 'T' || p.state === 't';
    default: return true;
  }
}

export function buildRows(processes: readonly ProcInfo[], query: RowQuery): RowsResult {
  const parsed = parseFilter(query.filter);
  const terms = parsed.ok ? parsed.terms : [];
  const filterError = parsed.ok ? undefined : parsed.error;
  // port: terms use the listening ports the sampler puts on each row (the same data as the badge).
  const byPid = parsed.ok && parsed.needsPorts ? new Map(processes.map((p) => [p.pid, p])) : null;
  const ctx = { portsOf: (pid: number) => byPid?.get(pid)?.ports };
  const uid = query.uid;
  const filtering = terms.length > 0 || query.quick !== 'all' || uid !== undefined;
  const matches = filtering
    ? processes.filter((p) => (uid === undefined || p.uid === uid) && matchesQuick(p, query.quick) && matchesTerms(p, terms, ctx))
    : (processes as ProcInfo[]);
  if (query.view === 'table') {
    const sorted = sortProcesses(matches, query.sort.key, query.sort.descending);
    // The Zombies filter shows each zombie with the parent that has not reaped it, parent first.
    const rows = query.quick === 'zombies' ? withParentsFirst(sorted, processes) : sorted.map((proc) => tableRow(proc, true));
    return { rows, matched: matches.length, total: processes.length, filterError };
  }
  const matchedPids = filtering ? new Set(matches.map((p) => p.pid)) : null;
  const included = matchedPids ? withAncestors(processes, matchedPids) : processes;
  const rows = flattenWithGuides(buildTree(included), query.collapsed, matchedPids);
  return { rows, matched: matches.length, total: processes.length, filterError };
}

const NO_GUIDES: readonly Guide[] = [];

const tableRow = (proc: ProcInfo, matched: boolean): RowModel => ({
  key: identityKey(proc), proc, depth: 0, guides: NO_GUIDES, hasChildren: false, collapsed: false, matched,
});

/**
 * Table rows for matches grouped under their parents: each parent present in the list (shown for
 * context, not counted as a match) right before its matching children, the groups in the order
 * their first member has in `sorted`, the members in sorted order.
 */
export function withParentsFirst(sorted: readonly ProcInfo[], processes: readonly ProcInfo[]): RowModel[] {
  const byPid = new Map<number, ProcInfo>();
  for (const p of processes) byPid.set(p.pid, p);
  const matchedPids = new Set(sorted.map((p) => p.pid));
  const groups = new Map<number, ProcInfo[]>();
  for (const p of sorted) {
    const g = groups.get(p.ppid);
    if (g) g.push(p);
    else groups.set(p.ppid, [p]);
  }
  const out: RowModel[] = [];
  const emitted = new Set<number>();
  for (const [ppid, members] of groups) {
    const parent = byPid.get(ppid);
    if (parent && !matchedPids.has(ppid) && !emitted.has(ppid)) {
      out.push(tableRow(parent, false));
      emitted.add(ppid);
    }
    for (const m of members) out.push(tableRow(m, true));
  }
  return out;
}

/** Tree view's "collapse all": every pid that has a child in the list. */
export function parentPids(processes: readonly ProcInfo[]): Set<number> {
  const pids = new Set(processes.map((p) => p.pid));
  const out = new Set<number>();
  for (const p of processes) if (p.ppid !== p.pid && pids.has(p.ppid)) out.add(p.ppid);
  return out;
}

/** The matching processes plus every ancestor present in the list, in the list's order. */
export function withAncestors(processes: readonly ProcInfo[], pids: ReadonlySet<number>): ProcInfo[] {
  const byPid = new Map<number, ProcInfo>();
  for (const p of processes) byPid.set(p.pid, p);
  const keep = new Set<number>();
  for (const pid of pids) {
    let cur = byPid.get(pid);
    while (cur && !keep.has(cur.pid)) {
      keep.add(cur.pid);
      cur = cur.ppid !== cur.pid ? byPid.get(cur.ppid) : undefined;
    }
  }
  return processes.filter((p) => keep.has(p.pid));
}

/**
 * Depth-first rows of the forest with pstree-style guides, skipping the children of collapsed pids.
 * Siblings share their guide arrays (all but the last child have the same ones), so 10,000 rows
 * under a few parents cost a few arrays, not one each.
 */
export function flattenWithGuides(
  roots: readonly TreeNode[],
  collapsed: ReadonlySet<number>,
  matchedPids: ReadonlySet<number> | null,
): RowModel[] {
  const out: RowModel[] = [];
  const visit = (node: TreeNode, depth: number, guides: readonly Guide[], prefix: readonly Guide[], isLast: boolean): void => {
    const pid = node.proc.pid;
    const children = node.children;
    const isCollapsed = children.length > 0 && collapsed.has(pid);
    out.push({
      key: identityKey(node.proc),
      proc: node.proc,
      depth,
      guides,
      hasChildren: children.length > 0,
      collapsed: isCollapsed,
      matched: matchedPids === null || matchedPids.has(pid),
    });
    if (isCollapsed || children.length === 0) return;
    const childPrefix: readonly Guide[] = depth === 0 ? NO_GUIDES : [...prefix, isLast ? 'blank' : 'pipe'];
    const tee: readonly Guide[] = [...childPrefix, 'tee'];
    const elbow: readonly Guide[] = [...childPrefix, 'elbow'];
    const last = children.length - 1;
    for (let i = 0; i <= last; i++) visit(children[i], depth + 1, i === last ? elbow : tee, childPrefix, i === last);
  };
  for (let i = 0; i < roots.length; i++) visit(roots[i], 0, NO_GUIDES, NO_GUIDES, i === roots.length - 1);
  return out;
}
