// The tree watch's tick(): a caller gets a look at the table that begins after its call, even while
// another look is under way (a run whose root just exited must see the descendant forked meanwhile).
import { describe, expect, it } from 'vitest';
import { TreeWatch } from '../../main/playground/tree-watch.js';
import { newTree } from '../../main/playground/tree-tracker.js';

describe('TreeWatch.tick', () => {
  it('runs one more look after the one under way, shared by the callers that came meanwhile', async () => {
    const starts: number[] = [];
    let release: (() => void) | null = null;
    let calls = 0;
    const watch = new TreeWatch({
      intervalMs: 60_000,
      tokensOf: () => [],
      list: () => {
        starts.push(++calls);
        return new Promise((resolve) => (release = () => resolve([])));
      },
    });
    const tree = { state: newTree(1, 'x', 'x', 0), token: null, onChanges: () => undefined };
    watch.add(tree);
    try {
      const first = watch.tick();
      expect(starts).toEqual([1]);
      // Two calls while the first look lists: one more look, after it, for both.
      const second = watch.tick();
      const third = watch.tick();
      expect(starts).toEqual([1]);
      release!();
      await first;
      await until(() => starts.length === 2);
      release!();
      await Promise.all([second, third]);
      expect(starts).toEqual([1, 2]);
    } finally {
      watch.remove(tree);
    }
  });
});

async function until(cond: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !cond(); i++) await new Promise((r) => setTimeout(r, 1));
  expect(cond()).toBe(true);
}
