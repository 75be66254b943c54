// A few edits to a long sorted array (rows replaced, removed, inserted), made by copying the runs
// between them. The page keeps tables of 10,000 rows of which a handful change per tick; reading a
// field of every row to find them (a Map or Set lookup per row) touched 10,000 objects scattered in
// memory, and at that size cost as much as the rest of the page's tick, with spikes ten times that
// when those objects were out of the CPU's caches. Binary searches find the edits; copying the
// array's slots between them reads no row. Pure.

/** The first index in `rows` whose element does not sort before the probe (`before(row)` is false). */
export function lowerBound<T>(rows: readonly T[], before: (row: T) => boolean): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(rows[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface Insertion<T> {
  /** Placed just before base[at] (at === base.length: at the end). */
  at: number;
  item: T;
}

/**
 * base with `replace` applied (index → new element), the indices in `remove` dropped (ascending,
 * unique, below base.length) and each insertion placed before the element it names (ascending by
 * `at`; several at one index keep their order). base itself is not changed. One new array, filled
 * in place: at 10,000 rows each array a tick allocates is garbage the next tick collects.
 */
export function editArray<T>(
  base: readonly T[],
  remove: readonly number[],
  insert: readonly Insertion<T>[],
  replace?: ReadonlyMap<number, T>,
): T[] {
  if (remove.length === 0 && insert.length === 0) {
    const out = base.slice();
    if (replace) for (const [i, item] of replace) out[i] = item;
    return out;
  }
  const replaced = replace && replace.size > 0 ? [...replace.keys()].sort((x, y) => x - y) : [];
  const n = base.length;
  const out = new Array<T>(n - remove.length + insert.length);
  let o = 0;
  let i = 0;
  let r = 0;
  let k = 0;
  let p = 0;
  for (;;) {
    const nextInsert = k < insert.length ? insert[k].at : Infinity;
    const nextRemove = r < remove.length ? remove[r] : Infinity;
    const nextReplace = p < replaced.length ? replaced[p] : Infinity;
    const stop = Math.min(nextInsert, nextRemove, nextReplace, n);
    while (i < stop) out[o++] = base[i++];
    if (nextInsert === i) out[o++] = insert[k++].item;
    else if (nextRemove === i) {
      r++;
      if (nextReplace === i) p++;
      i++;
    } else if (nextReplace === i) {
      out[o++] = replace!.get(i)!;
      p++;
      i++;
    } else break; // i === n, nothing left to insert
  }
  out.length = o;
  return out;
}
