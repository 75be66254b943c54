import { describe, expect, it } from 'vitest';
import { columnsForWidth, minWidth, TREE_COMMAND_MIN_WIDTH } from '../../renderer/src/monitor/columns.js';
import { buildRows, type RowQuery, withParentsFirst } from '../../renderer/src/monitor/row-model.js';
import { DEFAULT_SORT } from '../../renderer/src/monitor/sort-state.js';
import { FOLD_DEPTH, FULL_LEVELS, indentParts, indentWidth, TAIL_LEVELS } from '../../renderer/src/ui/tree-indent.js';
import { cleanupPlan, notReapingBadges, orphanInfo, zombieAgeMs, zombieParents } from '../../renderer/src/monitor/zombies.js';
import { formatDateTime, formatElapsed } from '../../shared/format.js';
import type { Guide } from '../../renderer/src/ui/tree-indent.js';
import { proc } from './renderer-fixtures.js';

//  1 ─┬─ 10 (bash) ─┬─ 100 (Z)
//     │             └─ 101 (Z)
//     ├─ 20 (make) ── 200 (Z)
//     └─ 30 (adopted orphan, was under 25)
//  2 (Z, parent 1)
const procs = [
  proc(1, 0, { name: 'init' }),
  proc(2, 1, { state: 'Z', command: '[p2] <defunct>', zombieSince: 500 }),
  proc(10, 1, { name: 'bash', cpu: 3 }),
  proc(100, 10, { state: 'Z', command: '[p100] <defunct>', zombieSince: 1000 }),
  proc(101, 10, { state: 'Z', command: '[p101] <defunct>', zombieSince: 2000, cpu: 1 }),
  proc(20, 1, { name: 'make' }),
  proc(200, 20, { state: 'Z', command: '[p200] <defunct>' }),
  proc(30, 1, { previousPpid: 25 }),
];

const q = (extra: Partial<RowQuery> = {}): RowQuery => ({
  view: 'table', filter: '', quick: 'all', sort: DEFAULT_SORT, collapsed: new Set(), ...extra,
});

describe('zombies in the monitor', () => {
  it('counts the zombie children each parent has not reaped', () => {
    expect([...zombieParents(procs)].sort((a, b) => a[0] - b[0])).toEqual([[1, 1], [10, 2], [20, 1]]);
    expect(zombieParents([proc(5, 5, { state: 'Z' }), proc(6, 0, { state: 'Z' })]).size).toBe(0);
  });

  it('badges every such parent under the Zombies filter, else only the selected zombie\'s parent', () => {
    const parents = zombieParents(procs);
    expect(notReapingBadges(parents, true, null)).toBe(parents);
    expect([...notReapingBadges(parents, false, procs[3])]).toEqual([[10, 2]]);
    expect(notReapingBadges(parents, false, procs[2]).size).toBe(0); // bash selected: not a zombie
    expect(notReapingBadges(parents, false, undefined).size).toBe(0);
  });

  it('the Zombies filter shows each zombie right after its parent, in the table and the tree', () => {
    const table = buildRows(procs, q({ quick: 'zombies', sort: { key: 'pid', descending: false } }));
    expect(table.rows.map((r) => [r.proc.pid, r.matched])).toEqual([
      [1, false], [2, true], [10, false], [100, true], [101, true], [20, false], [200, true],
    ]);
    expect(table.matched).toBe(4);
    // Sorted by %CPU (busiest first): 101's group comes first, and a parent is listed once.
    const byCpu = withParentsFirst([procs[4], procs[1], procs[3]], procs);
    expect(byCpu.map((r) => r.proc.pid)).toEqual([10, 101, 100, 1, 2]);
    // With a text filter too: only the matching zombie, still with its parent.
    expect(buildRows(procs, q({ quick: 'zombies', filter: '200' })).rows.map((r) => r.proc.pid)).toEqual([20, 200]);
    // A zombie whose parent is not in the list is shown alone.
    expect(withParentsFirst([proc(9, 8, { state: 'Z' })], []).map((r) => r.proc.pid)).toEqual([9]);
    const tree = buildRows(procs, q({ view: 'tree', quick: 'zombies' }));
    expect(tree.rows.map((r) => [r.proc.pid, r.depth, r.matched])).toEqual([
      [1, 0, false], [2, 1, true], [10, 1, false], [100, 2, true], [101, 2, true], [20, 1, false], [200, 2, true],
    ]);
  });

  it('offers to end the parent, except when it is pid 1, the app, or not in the table', () => {
    expect(cleanupPlan(procs[3], procs, new Set())).toEqual({ kind: 'end-parent', parent: procs[2] });
    expect(cleanupPlan(procs[1], procs, new Set())).toEqual({ kind: 'init' });
    expect(cleanupPlan(procs[3], procs, new Set([10]))).toEqual({ kind: 'self', parentPid: 10 });
    expect(cleanupPlan(proc(7, 77, { state: 'Z' }), procs, new Set())).toEqual({ kind: 'no-parent', parentPid: 77 });
    expect(cleanupPlan(proc(7, 0, { state: 'Z' }), [proc(0, 0)], new Set())).toEqual({ kind: 'no-parent', parentPid: 0 });
  });

  it('knows how long a zombie has been one, and says it live', () => {
    expect(zombieAgeMs(procs[3], 13_500)).toBe(12_500);
    expect(zombieAgeMs(procs[3], 0)).toBe(0);
    expect(zombieAgeMs(procs[6], 5000)).toBeNull(); // first-seen time unknown
    expect(zombieAgeMs(proc(3, 1, { zombieSince: 5 }), 10)).toBeNull(); // not a zombie (any more)
    expect(formatElapsed(12_500, 'en')).toBe('12 s');
    expect(formatElapsed(185_000, 'en')).toBe('3 min 05 s');
    expect(formatElapsed(2 * 3600_000 + 4 * 60_000, 'en')).toBe('2 h 04 min');
    expect(formatElapsed(3 * 86400_000 + 4 * 3600_000, 'en')).toBe('3 d 4 h');
    expect(formatElapsed(185_000, 'zh')).toBe('3 分 05 秒');
    expect(formatElapsed(-5, 'en')).toBe('0 s');
    expect(formatElapsed(Number.NaN, 'zh')).toBe('0 秒');
  });

  it('tells how an orphan was adopted: by pid 1 or by a subreaper', () => {
    expect(orphanInfo(procs[7])).toEqual({ previousPpid: 25, adopter: 1, by: 'init' });
    expect(orphanInfo(proc(31, 40, { previousPpid: 25 }))).toEqual({ previousPpid: 25, adopter: 40, by: 'subreaper' });
    expect(orphanInfo(procs[2])).toBeNull();
  });
});

describe('polish', () => {
  it('prints the full start time with a 24-hour clock that fits', () => {
    const ms = new Date(2026, 10, 28, 13, 13, 5).getTime();
    expect(formatDateTime(ms, 'en-US')).toBe('Nov 28, 2026, 13:13:05');
    expect(formatDateTime(ms, 'zh-CN')).toBe('2026年11月28日 13:13:05');
    expect(formatDateTime(new Date(2026, 0, 2, 0, 7, 9).getTime(), 'en-US')).toBe('Jan 2, 2026, 00:07:09');
  });

  it('narrows the tree indentation past the first levels and folds very deep chains', () => {
    const guides = (n: number): Guide[] => Array.from({ length: n }, (_, i) => (i === n - 1 ? 'elbow' : 'blank'));
    expect(indentWidth(indentParts(guides(3)))).toBe(3 * 16);
    const deep = indentParts(guides(FULL_LEVELS + 4));
    expect(deep.filter((p) => p.kind === 'guide' && p.narrow)).toHaveLength(4);
    expect(indentWidth(deep)).toBe(FULL_LEVELS * 16 + 4 * 10);
    // Unfolded up to FOLD_DEPTH; past it, the middle is one "+N" marker and the width stops growing.
    expect(indentParts(guides(FOLD_DEPTH)).some((p) => p.kind === 'more')).toBe(false);
    const folded = indentParts(guides(60));
    expect(folded.filter((p) => p.kind === 'guide')).toHaveLength(FULL_LEVELS + TAIL_LEVELS);
    expect(folded.find((p) => p.kind === 'more')).toEqual({ kind: 'more', levels: 60 - FULL_LEVELS - TAIL_LEVELS });
    expect(folded[folded.length - 1]).toEqual({ kind: 'guide', guide: 'elbow', narrow: true });
    expect(indentWidth(folded)).toBe(indentWidth(indentParts(guides(500))));
    expect(indentWidth(folded)).toBeLessThan(TREE_COMMAND_MIN_WIDTH - 120); // leaves the command room
  });

  it('gives the tree view\'s command column the room of the least essential columns', () => {
    const width = 1040; // just room for every column in the table view
    const table = columnsForWidth(width).map((c) => c.key);
    const tree = columnsForWidth(width, true).map((c) => c.key);
    expect(table).toContain('memVsz');
    expect(tree).not.toContain('memVsz');
    expect(tree).toContain('command');
    expect(minWidth(columnsForWidth(width, true), true)).toBeLessThanOrEqual(width);
  });
});
