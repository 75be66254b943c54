// The rows of the table, kept up to date tick after tick at the cost of what changed rather than
// of the whole table. A delta keeps every row whose fields did not change as the same object
// (shared/snapshot-delta.ts), and rows come in identity order, so one merge walk comparing objects
// (table-changes.ts) splits the rows of a new snapshot into those already placed last time (same
// object: same sort position, same filter answer) and the few fresh ones (changed or new). The
// table view finds the stale rows and the fresh matches' places by binary search and copies the
// rows between them unread (shared/array-edits.ts); the tree view, when no process came, went or
// changed parent (and no filter answer changed), keeps its layout and swaps in the fresh rows.
// Anything else (another query, many fresh rows, the Zombies filter, a port: filter, a tree whose
// shape changed) is a full buildRows. The result always equals buildRows(processes, query)
// (unit-tested on random tables and deltas), and rows not touched keep their RowModel objects, so
// memoised rows and derived data stay valid.
import { editArray, lowerBound } from '../../../shared/array-edits.js';
import { compareProcesses, sortProcesses } from '../../../shared/filter-sort.js';
import { matchesTerms, parseFilter, type FilterTerm } from '../../../shared/filter.js';
import { identityKey, type ProcInfo } from '../../../shared/process.js';
import { inIdentityOrder } from '../../../shared/snapshot-delta.js';
import { tableChanges, type TableChanges as Changes } from './table-changes.js';
import { buildRows, matchesQuick, type RowModel, type RowQuery, type RowsResult } from './row-model.js';

/** Above this share of fresh rows a full build is as cheap as patching. */
const MAX_FRESH_SHARE = 0.25;

interface Built {
  /** Strictly in identity order (pid, then start time), as the monitor publishes rows; else not kept. */
  processes: readonly ProcInfo[];
  query: RowQuery;
  result: RowsResult;
  /** Whether a row passes the query's filters; null when only a full build can tell (port: terms). */
  matches: ((p: ProcInfo) => boolean) | null;
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
    const same = last !== null && sameQuery(last.query, query);
    if (same && last.processes === processes) return last.result;
    if (same && last.matches) {
      const changes = tableChanges(last.processes, processes, processes.length * MAX_FRESH_SHARE);
      const result = changes && (query.view === 'table' ? patchTable(last, processes, changes) : patchTree(last, changes));
      if (result) {
        this.stats.patched++;
        this.last = { ...last, processes, result };
        return result;
      }
    }
    this.stats.full++;
    const result = buildRows(processes, query);
    // A table out of identity order cannot be diffed by a merge walk: it is not kept.
    this.last = inIdentityOrder(processes) ? { processes, query, result, matches: same ? last.matches : matcherFor(query) } : null;
    return result;
  }
}

/**
 * Table view: drop the rows of stale processes and insert the fresh matches where the sort puts
 * them, both found by binary search (the rows are in the sort's total order, of which a row's
 * place depends only on its own process, which a delta never changes in place).
 */
function patchTable(last: Built, processes: readonly ProcInfo[], changes: Changes): RowsResult | null {
  if (last.query.quick === 'zombies') return null; // parents shown as context: a full build (the list is short)
  const prev = last.result;
  if (changes.fresh.length === 0 && changes.stale.length === 0) return prev;
  const matches = last.matches!;
  const cmp = compareProcesses(last.query.sort.key, last.query.sort.descending);
  const rows = prev.rows;
  const remove: number[] = [];
  for (const p of changes.stale) {
    if (!matches(p)) continue; // never placed
    const at = lowerBound(rows, (r) => cmp(r.proc, p) < 0);
    if (rows[at]?.proc !== p) return null; // not where the order says: rebuild rather than guess
    remove.push(at);
  }
  remove.sort((x, y) => x - y);
  const added = sortProcesses(changes.fresh.filter(matches), last.query.sort.key, last.query.sort.descending);
  const insert = added.map((p) => ({ at: lowerBound(rows, (r) => cmp(r.proc, p) < 0), item: tableRow(p) }));
  const out = editArray(rows, remove, insert);
  return { rows: out, matched: out.length, total: processes.length, filterError: prev.filterError };
}

/** Tree view: the same processes with the same parents and filter answers keep the same layout. */
function patchTree(last: Built, changes: Changes): RowsResult | null {
  const prev = last.result;
  if (changes.cameOrWent > 0) return null;
  if (changes.replaced.size === 0) return prev;
  const matches = last.matches!;
  for (const [old, p] of changes.replaced) if (old.ppid !== p.ppid || matches(old) !== matches(p)) return null;
  const rows = prev.rows.map((r) => {
    const p = changes.replaced.get(r.proc);
    return p ? { ...r, proc: p } : r;
  });
  return { rows, matched: prev.matched, total: prev.total, filterError: prev.filterError };
}

const NO_GUIDES: RowModel['guides'] = [];
const tableRow = (proc: ProcInfo): RowModel => ({
  key: identityKey(proc), proc, depth: 0, guides: NO_GUIDES, hasChildren: false, collapsed: false, matched: true,
});
