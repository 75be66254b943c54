// Deltas on the wire: after one full table, each tick sends only the rows that are new, gone or
// changed (and of a changed row only the fields that changed), plus everything else the snapshot
// holds (meters, settings: small). Generic over ProcInfo's keys, so a field added to ProcInfo later
// travels without touching this file. Pure functions, shared by the encoder (main) and the decoder
// (renderer, tests): apply(base, diff(base, next)) equals next.
import { editArray, lowerBound, type Insertion } from './array-edits.js';
import { identityKey, type ProcInfo, type Snapshot } from './process.js';

/** One changed row: its identity, the fields with a new value, and the fields it no longer has. */
export interface RowChange {
  pid: number;
  startTime: number;
  set: Partial<ProcInfo>;
  /** Optional fields that were present and are now absent (say zombieSince after a zombie is gone). */
  unset?: (keyof ProcInfo)[];
}

/** Everything in a Snapshot but its rows, as they are at this tick. */
export type SnapshotHead = Omit<Snapshot, 'processes'>;

/**
 * The change from the snapshot numbered baseSeq to the one numbered head.seq. `seq` comes first so
 * a reader can pick it from the start of the frame, as from a full snapshot.
 */
export interface SnapshotDelta {
  seq: number;
  /** The snapshot this applies to; a client holding any other asks for a full table. */
  baseSeq: number;
  head: SnapshotHead;
  added: ProcInfo[];
  /** Identity keys (identityKey: "pid:startTime") of rows that are gone. */
  removed: string[];
  changed: RowChange[];
}

/** Deep equality for the JSON values a row holds (numbers, strings, booleans, null, arrays, plain objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

/** The fields of `next` that differ from `prev` (undefined counts as absent), or null when none do. */
function rowChange(prev: ProcInfo, next: ProcInfo): RowChange | null {
  let set: Record<string, unknown> | null = null;
  let unset: string[] | undefined;
  const p = prev as unknown as Record<string, unknown>;
  const n = next as unknown as Record<string, unknown>;
  for (const key in n) {
    const v = n[key];
    if (v === undefined) continue;
    if (!sameValue(p[key], v)) (set ??= {})[key] = v;
  }
  for (const key in p) {
    if (p[key] !== undefined && n[key] === undefined) (unset ??= []).push(key);
  }
  if (!set && !unset) return null;
  const change: RowChange = { pid: next.pid, startTime: next.startTime, set: (set ?? {}) as Partial<ProcInfo> };
  if (unset) change.unset = unset as (keyof ProcInfo)[];
  return change;
}

function headOf(s: Snapshot): SnapshotHead {
  const { processes: _rows, ...head } = s;
  return head;
}

/** Rows strictly in byIdentity order (as the monitor publishes them). */
export function inIdentityOrder(rows: readonly ProcInfo[]): boolean {
  for (let i = 1; i < rows.length; i++) if (byIdentity(rows[i - 1], rows[i]) >= 0) return false;
  return true;
}

/** What changed from `base` to `next`. Both are read, never modified. */
export function diffSnapshots(base: Snapshot, next: Snapshot): SnapshotDelta {
  const added: ProcInfo[] = [];
  const removed: string[] = [];
  const changed: RowChange[] = [];
  const note = (old: ProcInfo, p: ProcInfo) => {
    if (old === p) return; // the sampler keeps an unchanged process's row object (StableRows)
    const change = rowChange(old, p);
    if (change) changed.push(change);
  };
  const a = base.processes;
  const b = next.processes;
  if (inIdentityOrder(a) && inIdentityOrder(b)) {
    // Both in table order (the monitor's): one walk side by side, no map of keys per tick.
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      const c = i === a.length ? 1 : j === b.length ? -1 : byIdentity(a[i], b[j]);
      if (c < 0) removed.push(identityKey(a[i++]));
      else if (c > 0) added.push(b[j++]);
      else note(a[i++], b[j++]);
    }
  } else {
    const before = new Map<string, ProcInfo>();
    for (const p of a) before.set(identityKey(p), p);
    for (const p of b) {
      const key = identityKey(p);
      const old = before.get(key);
      if (!old) added.push(p);
      else {
        before.delete(key);
        note(old, p);
      }
    }
    removed.push(...before.keys());
  }
  return { seq: next.seq, baseSeq: base.seq, head: headOf(next), added, removed, changed };
}

/** Order of rows in every snapshot: by pid, then start time (a table order the sampler gives too). */
export const byIdentity = (a: Pick<ProcInfo, 'pid' | 'startTime'>, b: Pick<ProcInfo, 'pid' | 'startTime'>): number =>
  a.pid - b.pid || a.startTime - b.startTime;

/**
 * The snapshot `delta` leads to from `base` (which must be snapshot delta.baseSeq). Rows that did
 * not change keep their object (so a view can skip them by identity); rows come out in the order
 * of `base` with new rows merged by pid, so a base sorted by pid gives a result sorted by pid.
 */
export function applyDelta(base: Snapshot, delta: SnapshotDelta): Snapshot {
  if (base.seq !== delta.baseSeq) throw new Error(`delta from snapshot ${delta.baseSeq} applied to snapshot ${base.seq}`);
  const added = delta.added.length > 1 ? [...delta.added].sort(byIdentity) : delta.added;
  const patched = knownInOrder(base.processes) ? patchInOrder(base.processes, delta, added) : null;
  if (patched) ordered.add(patched);
  return { ...sameHeadValues(base, delta.head), processes: patched ?? mergeWalk(base.processes, delta, added) };
}

/**
 * Tables known to be strictly in identity order, as the monitor publishes them: checked once per
 * full table (a read of every row), then carried by each delta applied to it in order.
 */
const ordered = new WeakSet<readonly ProcInfo[]>();

/** Whether rows are strictly in identity order; a table seen before (or made by applyDelta) is not read again. */
export function knownInOrder(rows: readonly ProcInfo[]): boolean {
  if (ordered.has(rows)) return true;
  if (!inIdentityOrder(rows)) return false;
  ordered.add(rows);
  return true;
}

/** The index of the row with this identity in rows (strictly in identity order), or -1. */
function indexOfIdentity(rows: readonly ProcInfo[], pid: number, startTime: number): number {
  const i = lowerBound(rows, (r) => (r.pid - pid || r.startTime - startTime) < 0);
  return i < rows.length && rows[i].pid === pid && rows[i].startTime === startTime ? i : -1;
}

/**
 * applyDelta on a table in identity order: binary searches place each edit and the rows between
 * them are copied without being read (shared/array-edits.ts). Null when the delta names a row the
 * table does not hold, or adds one it already holds: the merge walk says what that means.
 */
function patchInOrder(rows: readonly ProcInfo[], delta: SnapshotDelta, added: readonly ProcInfo[]): ProcInfo[] | null {
  const remove: number[] = [];
  for (const key of delta.removed) {
    const colon = key.indexOf(':');
    const i = indexOfIdentity(rows, Number(key.slice(0, colon)), Number(key.slice(colon + 1)));
    if (i < 0) return null;
    remove.push(i);
  }
  remove.sort((x, y) => x - y);
  const gone = new Set(remove);
  const replace = new Map<number, ProcInfo>();
  for (const c of delta.changed) {
    const i = indexOfIdentity(rows, c.pid, c.startTime);
    if (i < 0) return null;
    // A row also removed stays removed; a second change of one row is ignored, as the walk does.
    if (gone.has(i) || replace.has(i)) continue;
    replace.set(i, withChange(rows[i], c));
  }
  const insert: Insertion<ProcInfo>[] = [];
  for (let k = 0; k < added.length; k++) {
    const p = added[k];
    const at = lowerBound(rows, (r) => byIdentity(r, p) < 0);
    if ((at < rows.length && byIdentity(rows[at], p) === 0) || (k > 0 && byIdentity(added[k - 1], p) === 0)) return null;
    insert.push({ at, item: p });
  }
  return editArray(rows, dedupe(remove), insert, replace);
}

/** A row with one change applied: a new object (the old one stays as it was). */
function withChange(p: ProcInfo, c: RowChange): ProcInfo {
  const row = { ...p, ...c.set } as Record<string, unknown>;
  for (const k of c.unset ?? []) delete row[k];
  return row as unknown as ProcInfo;
}

/** Sorted indices without repeats (a key removed twice is removed once). */
function dedupe(sorted: number[]): number[] {
  return sorted.filter((v, i) => i === 0 || sorted[i - 1] !== v);
}

/** applyDelta on any table: one walk over every row, looking each up among the delta's edits. */
function mergeWalk(base: readonly ProcInfo[], delta: SnapshotDelta, added: readonly ProcInfo[]): ProcInfo[] {
  // Looked up by pid (a number) and checked by start time: building each row's "pid:start" key to
  // look it up cost as much as the page's whole update at 10,000 rows.
  const gone = new Map<number, Set<string>>();
  for (const key of delta.removed) {
    const pid = Number(key.slice(0, key.indexOf(':')));
    const set = gone.get(pid);
    if (set) set.add(key);
    else gone.set(pid, new Set([key]));
  }
  const changes = new Map<number, RowChange[]>();
  for (const c of delta.changed) {
    const list = changes.get(c.pid);
    if (list) list.push(c);
    else changes.set(c.pid, [c]);
  }
  const rows: ProcInfo[] = [];
  let a = 0;
  for (const p of base) {
    if (gone.get(p.pid)?.has(identityKey(p))) continue;
    while (a < added.length && byIdentity(added[a], p) < 0) rows.push(added[a++]);
    const c = changes.get(p.pid)?.find((change) => change.startTime === p.startTime);
    if (!c) {
      rows.push(p);
      continue;
    }
    rows.push(withChange(p, c));
  }
  while (a < added.length) rows.push(added[a++]);
  return rows;
}

/**
 * The delta's head, with each value equal to the base's replaced by the base's own object. The head
 * comes fresh from JSON every tick, and a view memoised on, say, `capabilities` or `selfPids` would
 * otherwise see a new object each tick: the monitor's row handlers depended on both, and so every
 * visible row re-rendered every tick.
 */
function sameHeadValues(base: Snapshot, head: SnapshotHead): SnapshotHead {
  const out = { ...head } as Record<string, unknown>;
  const prev = base as unknown as Record<string, unknown>;
  for (const key in out) {
    const v = out[key];
    if (v !== null && typeof v === 'object' && sameValue(prev[key], v)) out[key] = prev[key];
  }
  return out as unknown as SnapshotHead;
}
