// The rows of the table, kept up to date tick after tick at the cost of what changed rather than
// of the whole table. A delta keeps every row whose fields did not change as the same object
// (shared/snapshot-delta.ts), so the rows of a new snapshot split into those already placed last
// time (same object: same sort position, same filter answer) and the few fresh ones (changed or
// new). The table view drops the gone rows and inserts the fresh matches by binary search; the tree
// view, when no process came, went or changed parent (and no filter answer changed), keeps its
// layout and swaps in the fresh rows. Anything else (another query, many fresh rows, the Zombies
// filter, a port: filter, a tree whose shape changed) is a full buildRows. The result always
// equals buildRows(processes, query) (unit-tested on random tables and deltas), and rows not
// touched keep their RowModel objects, so memoised rows and derived data stay valid.
import { compareProcesses, sortProcesses } from '../../../shared/filter-sort.js';
import { matchesTerms, parseFilter, type FilterTerm } from '../../../shared/filter.js';
import { identityKey, type ProcInfo } from '../../../shared/process.js';
import { buildRows, matchesQuick, type RowModel, type RowQuery, type RowsResult } from './row-model.js';

/** Above this share of fresh rows a full build is as cheap as patching. */
const MAX_FRESH_SHARE = 0.25;

interface Built {
  processes: readonly ProcInfo[];
  /** The objects of `processes`, to tell the rows already placed from the fresh ones. */
  present: Set<ProcInfo>;
  query: RowQuery;
  result: RowsResult;
  /** Whether a row passes the query's filters; null when only a full build can tell (port: terms). */
  matches: ((p: ProcInfo) => boolean) | null;
  /** Tree view: identity → row object, to find the row a fresh one replaces (built on first need). */
  byKey: Map<string, ProcInfo> | null;
}

const sameQuery = (a: RowQuery, b: RowQuery): boolean =>
  a.view === b.view && a.filter === b.filter && a.quick === b.quick && a.sort.key === b.sort.key &&
  a.sort.descending === b.sort.descending && a.uid === b.uid && (a.view === 'table' || a.collapsed === b.collapsed);

/** The filter predicate buildRows applies, or null when it needs the whole table (ports by pid). */
function matcherFor(query: RowQuery): ((p: ProcInfo) => boolean) | null {
  const parsed = parseFilter(query.filter);
  if (parsed.ok && parsed.needsPorts) return null;
  const terms: readonly FilterTerm[] = parsed.ok ? parsed.terms : [];
  const { uid, quick } = query;
  return (p) => (uid === undefined || p.uid === uid) && matchesQuick(p, quick) && matchesTerms(p, terms);
}

export class IncrementalRows {
  private last: Built | null = null;

  /** Full builds and patches so far: for tests. */
  readonly stats = { full: 0, patched: 0 };

  build(processes: readonly ProcInfo[], query: RowQuery): RowsResult {
    const last = this.last;
    if (last && last.processes === processes && sameQuery(last.query, query)) return last.result;
    const present = new Set(processes);
    if (last && last.matches && sameQuery(last.query, query)) {
      const fresh: ProcInfo[] = [];
      for (const p of processes) if (!last.present.has(p)) fresh.push(p);
      if (fresh.length <= processes.length * MAX_FRESH_SHARE) {
        const result = query.view === 'table' ? this.patchTable(last, processes, present, fresh) : this.patchTree(last, processes, fresh);
        if (result) {
          this.stats.patched++;
          this.last = { ...last, processes, present, result };
          return result;
        }
      }
    }
    this.stats.full++;
    const result = buildRows(processes, query);
    const matches = last && sameQuery(last.query, query) ? last.matches : matcherFor(query);
    this.last = { processes, present, query, result, matches, byKey: null };
    return result;
  }

  /** Table view: keep the placed rows still present, insert the fresh matches where the sort puts them. */
  private patchTable(last: Built, processes: readonly ProcInfo[], present: Set<ProcInfo>, fresh: readonly ProcInfo[]): RowsResult | null {
    if (last.query.quick === 'zombies') return null; // parents shown as context: a full build (the list is short)
    const prev = last.result;
    const gone = last.processes.length - (processes.length - fresh.length);
    if (fresh.length === 0 && gone === 0) return prev;
    const kept = gone > 0 || fresh.length > 0 ? prev.rows.filter((r) => present.has(r.proc)) : prev.rows;
    const added = sortProcesses(fresh.filter(last.matches!), last.query.sort.key, last.query.sort.descending);
    const cmp = compareProcesses(last.query.sort.key, last.query.sort.descending);
    const rows: RowModel[] = [];
    let from = 0;
    for (const p of added) {
      // First kept row that sorts after p (the order is total: ties go by pid).
      let lo = from;
      let hi = kept.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cmp(kept[mid].proc, p) < 0) lo = mid + 1;
        else hi = mid;
      }
      for (let i = from; i < lo; i++) rows.push(kept[i]);
      rows.push(tableRow(p));
      from = lo;
    }
    for (let i = from; i < kept.length; i++) rows.push(kept[i]);
    return { rows, matched: rows.length, total: processes.length, filterError: prev.filterError };
  }

  /** Tree view: the same processes with the same parents and filter answers keep the same layout. */
  private patchTree(last: Built, processes: readonly ProcInfo[], fresh: readonly ProcInfo[]): RowsResult | null {
    const prev = last.result;
    if (processes.length !== last.processes.length) return null;
    if (fresh.length === 0) return prev;
    const byKey = last.byKey ?? new Map(last.processes.map((p) => [identityKey(p), p]));
    const replaced = new Map<ProcInfo, ProcInfo>();
    for (const p of fresh) {
      const key = identityKey(p);
      const old = byKey.get(key);
      if (!old || old.ppid !== p.ppid || replaced.has(old) || last.matches!(old) !== last.matches!(p)) return null;
      replaced.set(old, p);
    }
    // Same count, each fresh row replacing a distinct old one: no process came or went.
    for (const [old, p] of replaced) byKey.set(identityKey(old), p);
    last.byKey = byKey;
    const rows = prev.rows.map((r) => {
      const p = replaced.get(r.proc);
      return p ? { ...r, proc: p } : r;
    });
    return { rows, matched: prev.matched, total: prev.total, filterError: prev.filterError };
  }
}

const NO_GUIDES: RowModel['guides'] = [];
const tableRow = (proc: ProcInfo): RowModel => ({
  key: identityKey(proc), proc, depth: 0, guides: NO_GUIDES, hasChildren: false, collapsed: false, matched: true,
});
