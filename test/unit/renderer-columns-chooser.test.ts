// The column chooser's effect on the table's columns: hidden ones are left out, the command
// always stays, and with the default choice the shared (memo-stable) arrays are returned.
import { describe, expect, it } from 'vitest';
import { columnsForWidth, HIDDEN_BY_DEFAULT, HIDEABLE, visibleColumns } from '../../renderer/src/monitor/columns.js';

describe('visibleColumns', () => {
  it('leaves out the hidden columns and keeps the command', () => {
    const cols = visibleColumns(5000, false, new Set(['threads', 'memVsz'] as const)).map((c) => c.key);
    expect(cols).not.toContain('threads');
    expect(cols).not.toContain('memVsz');
    expect(cols).toContain('pid');
    expect(cols[cols.length - 1]).toBe('command');
    expect(HIDEABLE).not.toContain('command');
  });

  it('with the default choice (the optional columns hidden), is columnsForWidth (the same array)', () => {
    expect(visibleColumns(900, false, new Set(HIDDEN_BY_DEFAULT))).toBe(columnsForWidth(900, false));
    expect(visibleColumns(5000, false, new Set()).map((c) => c.key)).toEqual(expect.arrayContaining([...HIDDEN_BY_DEFAULT]));
  });

  it('still narrows a chosen set for a small width', () => {
    const cols = visibleColumns(700, false, new Set(['user'] as const)).map((c) => c.key);
    expect(cols).not.toContain('user');
    expect(cols).not.toContain('memVsz');
    expect(cols).toContain('command');
  });
});
