// The multiset union both run stores use: an event seen live and in the history is kept once; an
// event printed twice is kept twice, whichever way its copies came.
import { describe, expect, it } from 'vitest';
import { countKnown, countLive, runEndOf, type SeenCounts } from '../../renderer/src/ui/run-merge.js';

describe('run-merge', () => {
  it('keeps an event once when it came live and then in the history', () => {
    const seen: SeenCounts = new Map();
    expect(countLive(seen, 'a')).toBe(true);
    expect(countKnown(seen, 'a', 1)).toBe(0);
  });

  it('adds what the history holds more often than it came live, and no more', () => {
    const seen: SeenCounts = new Map();
    expect(countKnown(seen, 'line', 2)).toBe(2);
    // Live copies of those two add nothing; a third live copy is new.
    expect(countLive(seen, 'line')).toBe(false);
    expect(countLive(seen, 'line')).toBe(false);
    expect(countLive(seen, 'line')).toBe(true);
    // The history catching up with three copies adds nothing either.
    expect(countKnown(seen, 'line', 3)).toBe(0);
    expect(countKnown(seen, 'line', 4)).toBe(1);
  });

  it('finds the run-end event', () => {
    expect(runEndOf([{ type: 'start' }, { type: 'run-end', t: 5 }, { type: 'late' }])).toEqual({ type: 'run-end', t: 5 });
    expect(runEndOf([{ type: 'start' }])).toBeNull();
  });
});
