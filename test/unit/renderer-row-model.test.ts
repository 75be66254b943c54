import { describe, expect, it } from 'vitest';
import { buildRows, type RowQuery } from '../../renderer/src/monitor/row-model.js';
import { DEFAULT_SORT } from '../../renderer/src/monitor/sort-state.js';
import { proc } from './renderer-fixtures.js';

const q = (extra: Partial<RowQuery> = {}): RowQuery => ({
  view: 'table', filter: '', quick: 'all', sort: DEFAULT_SORT, collapsed: new Set(), ...extra,
});

//  1 ─┬─ 10 ─┬─ 100 (node server.js)
//     │      └─ 101 (zombie)
//     └─ 20 ── 200 (stopped)
//  77 (parent missing)
const procs = [
  proc(1, 0, { name: 'init', command: '/sbin/init', user: 'root', cpu: 1 }),
  proc(10, 1, { name: 'bash', command: '-bash', cpu: 5 }),
  proc(100, 10, { name: 'node', command: 'node server.js', cpu: 50 }),
  proc(101, 10, { name: 'sh', command: '[sh] <defunct>', state: 'Z' }),
  proc(20, 1, { name: 'sshd', command: 'sshd: alice', user: 'root', cpu: 2 }),
  proc(200, 20, { name: 'sleep', command: 'sleep 100', state: 'T' }),
  proc(77, 999, { name: 'orphan', command: 'orphan', cpu: 3 }),
];

describe('row model: table view', () => {
  it('sorts busiest first by default and counts matches', () => {
    const r = buildRows(procs, q());
    expect(r.rows.map((x) => x.proc.pid)).toEqual([100, 10, 77, 20, 1, 101, 200]);
    expect(r.matched).toBe(7);
    expect(r.total).toBe(7);
    expect(r.rows[0].key).toBe(`100:${procs[2].startTime}`);
  });

  it('filters like ps aux | grep (pid, name, command, user) and by quick filter', () => {
    expect(buildRows(procs, q({ filter: 'server' })).rows.map((x) => x.proc.pid)).toEqual([100]);
    expect(buildRows(procs, q({ filter: 'root' })).rows.map((x) => x.proc.pid).sort((a, b) => a - b)).toEqual([1, 20]);
    expect(buildRows(procs, q({ filter: '200' })).rows.map((x) => x.proc.pid)).toEqual([200]);
    // The Zombies filter lists each zombie after the parent that has not reaped it (context, not a match).
    const zombies = buildRows(procs, q({ quick: 'zombies' }));
    expect(zombies.rows.map((x) => [x.proc.pid, x.matched])).toEqual([[10, false], [101, true]]);
    expect(zombies.matched).toBe(1);
    expect(buildRows(procs, q({ quick: 'stopped' })).rows.map((x) => x.proc.pid)).toEqual([200]);
    const none = buildRows(procs, q({ filter: 'nothing-matches' }));
    expect(none.rows).toEqual([]);
    expect(none.matched).toBe(0);
  });
});

describe('row model: tree view', () => {
  it('lays out the forest depth first with pstree guides; a process with a missing parent is a root', () => {
    const r = buildRows(procs, q({ view: 'tree' }));
    expect(r.rows.map((x) => [x.proc.pid, x.depth])).toEqual([[1, 0], [10, 1], [100, 2], [101, 2], [20, 1], [200, 2], [77, 0]]);
    const guides = Object.fromEntries(r.rows.map((x) => [x.proc.pid, x.guides.join(' ')]));
    expect(guides[1]).toBe('');
    expect(guides[10]).toBe('tee');
    expect(guides[100]).toBe('pipe tee');
    expect(guides[101]).toBe('pipe elbow');
    expect(guides[20]).toBe('elbow');
    expect(guides[200]).toBe('blank elbow');
    expect(r.rows.find((x) => x.proc.pid === 10)?.hasChildren).toBe(true);
    expect(r.rows.find((x) => x.proc.pid === 100)?.hasChildren).toBe(false);
  });

  it('hides the children of a collapsed node and marks it collapsed', () => {
    const r = buildRows(procs, q({ view: 'tree', collapsed: new Set([10]) }));
    expect(r.rows.map((x) => x.proc.pid)).toEqual([1, 10, 20, 200, 77]);
    expect(r.rows[1].collapsed).toBe(true);
  });

  it('shows a filtered match with its ancestors, the ancestors marked as context only', () => {
    const r = buildRows(procs, q({ view: 'tree', filter: 'server.js' }));
    expect(r.rows.map((x) => [x.proc.pid, x.matched])).toEqual([[1, false], [10, false], [100, true]]);
    expect(r.matched).toBe(1);
    expect(r.rows[2].guides).toEqual(['blank', 'elbow']);
  });
});
