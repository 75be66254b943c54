import { describe, expect, it } from 'vitest';
import { findByKey, keyForPid, moveSelection } from '../../renderer/src/monitor/selection.js';
import { nextSort, ariaSort, DEFAULT_SORT } from '../../renderer/src/monitor/sort-state.js';
import { scrollToReveal, visibleRange } from '../../renderer/src/monitor/virtual.js';
import { columnsForWidth, minWidth } from '../../renderer/src/monitor/columns.js';
import { proc } from './renderer-fixtures.js';

const rows = ['a', 'b', 'c', 'd'].map((key) => ({ key }));

describe('selection', () => {
  it('moves by rows and clamps at the ends', () => {
    expect(moveSelection(rows, 'b', 1)).toBe('c');
    expect(moveSelection(rows, 'b', -5)).toBe('a');
    expect(moveSelection(rows, 'c', 10)).toBe('d');
  });

  it('starts at the first row going down and the last going up when nothing visible is selected', () => {
    expect(moveSelection(rows, null, 1)).toBe('a');
    expect(moveSelection(rows, 'gone', -1)).toBe('d');
    // Home and End (a move by the whole list) reach the ends with no selection too.
    expect(moveSelection(rows, 'gone', -rows.length)).toBe('a');
    expect(moveSelection(rows, null, rows.length)).toBe('d');
    expect(moveSelection([], 'x', 1)).toBe('x');
  });

  it('finds a process by identity, so a reused pid is not the selected process', () => {
    const old = proc(42, 1, { startTime: 1000 });
    const reused = proc(42, 1, { startTime: 2000 });
    expect(findByKey([reused], '42:1000')).toBeUndefined();
    expect(findByKey([old, proc(7, 1)], '42:1000')).toBe(old);
    expect(keyForPid([reused], 42)).toBe('42:2000');
    expect(keyForPid([reused], 43)).toBeNull();
  });
});

describe('sort state', () => {
  it('flips direction on the same column; numeric columns start descending, text ascending', () => {
    expect(DEFAULT_SORT).toEqual({ key: 'cpu', descending: true });
    expect(nextSort(DEFAULT_SORT, 'cpu')).toEqual({ key: 'cpu', descending: false });
    expect(nextSort(DEFAULT_SORT, 'memRss')).toEqual({ key: 'memRss', descending: true });
    expect(nextSort(DEFAULT_SORT, 'user')).toEqual({ key: 'user', descending: false });
    expect(nextSort(DEFAULT_SORT, 'command')).toEqual({ key: 'command', descending: false });
    expect(ariaSort(DEFAULT_SORT, 'cpu')).toBe('descending');
    expect(ariaSort(DEFAULT_SORT, 'pid')).toBe('none');
  });
});

describe('virtual window', () => {
  it('renders only the rows in view plus a margin', () => {
    expect(visibleRange(0, 260, 26, 5000, 6)).toEqual({ start: 0, end: 17 });
    expect(visibleRange(26 * 1000, 260, 26, 5000, 6)).toEqual({ start: 994, end: 1017 });
    expect(visibleRange(26 * 5000 - 260, 260, 26, 5000, 6)).toEqual({ start: 4984, end: 5000 });
    expect(visibleRange(0, 260, 26, 0)).toEqual({ start: 0, end: 0 });
  });

  it('scrolls as little as possible to reveal a row', () => {
    expect(scrollToReveal(5, 0, 260, 26)).toBe(0);
    expect(scrollToReveal(20, 0, 260, 26)).toBe(21 * 26 - 260);
    expect(scrollToReveal(2, 26 * 10, 260, 26)).toBe(52);
  });
});

describe('columns for the available width', () => {
  it('shows every column when there is room and gives up VSZ, THR, START … one by one when not', () => {
    const keys = (w: number) => columnsForWidth(w).map((c) => c.key);
    const all = keys(5000);
    expect(all).toHaveLength(12);
    const fullWidth = minWidth(columnsForWidth(5000));
    expect(keys(fullWidth)).toEqual(all);
    expect(keys(fullWidth - 1)).not.toContain('memVsz');
    expect(keys(fullWidth - 1)).toContain('threads');
    const narrow = keys(300);
    expect(narrow).toEqual(['user', 'pid', 'state', 'cpu', 'memPercent', 'command']);
    // At 1024 px with the details pane open (about 700 px left), the parent link and %MEM stay.
    expect(keys(700)).toEqual(expect.arrayContaining(['pid', 'ppid', 'memPercent', 'command']));
    expect(columnsForWidth(fullWidth - 1)).toBe(columnsForWidth(fullWidth - 2)); // same array: memoised rows stay put
  });
});
