// editArray against the plain definition (walk every index, look each edit up), for random arrays
// and edits; lowerBound against a linear scan.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editArray, lowerBound, type Insertion } from '../../shared/array-edits.js';

function plain<T>(base: readonly T[], remove: readonly number[], insert: readonly Insertion<T>[], replace?: ReadonlyMap<number, T>): T[] {
  const out: T[] = [];
  for (let i = 0; i <= base.length; i++) {
    for (const ins of insert) if (ins.at === i) out.push(ins.item);
    if (i < base.length && !remove.includes(i)) out.push(replace?.get(i) ?? base[i]);
  }
  return out;
}

const edits = fc.array(fc.integer(), { maxLength: 40 }).chain((base) =>
  fc.record({
    base: fc.constant(base),
    remove: fc.uniqueArray(fc.nat({ max: Math.max(0, base.length - 1) }), { maxLength: base.length }).map((r) => (base.length ? r.sort((a, b) => a - b) : [])),
    insert: fc.array(fc.record({ at: fc.nat({ max: base.length }), item: fc.integer() }), { maxLength: 8 }).map((l) => [...l].sort((a, b) => a.at - b.at)),
    replace: fc.array(fc.tuple(fc.nat({ max: Math.max(0, base.length - 1) }), fc.integer()), { maxLength: 5 }).map((l) => new Map(base.length ? l : [])),
  }),
);

describe('array edits', () => {
  it('editArray equals walking every index and looking each edit up; the base is left as it was', () => {
    fc.assert(
      fc.property(edits, ({ base, remove, insert, replace }) => {
        const copy = [...base];
        expect(editArray(base, remove, insert, replace)).toEqual(plain(base, remove, insert, replace));
        expect(base).toEqual(copy);
      }),
      { numRuns: 500 },
    );
  });

  it('lowerBound is the first index not before the probe, on sorted arrays with repeats', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 30 }), fc.integer({ min: -6, max: 6 }), (list, x) => {
        const sorted = [...list].sort((a, b) => a - b);
        const linear = sorted.findIndex((v) => v >= x);
        expect(lowerBound(sorted, (v) => v < x)).toBe(linear < 0 ? sorted.length : linear);
      }),
      { numRuns: 500 },
    );
  });
});
