// The incremental row builder gives exactly what a full buildRows gives, for random tables that
// gain, lose and change rows tick after tick (seeded, so a failure replays), in both views, under
// several sorts and filters; and it does patch (not rebuild) on small deltas, keeping the row
// objects of untouched processes. The header's tally (counts by state, zombies' parents) likewise
// equals a full count after every tick.
import { describe, expect, it } from 'vitest';
import type { ProcInfo } from '../../shared/process.js';
import { IncrementalRows } from '../../renderer/src/monitor/incremental-rows.js';
import { buildRows, type RowQuery } from '../../renderer/src/monitor/row-model.js';
import { proc } from './renderer-fixtures.js';
import { IncrementalTally } from '../../renderer/src/monitor/table-tally.js';
import { findByPid } from '../../renderer/src/monitor/selection.js';
import { zombieParents } from '../../renderer/src/monitor/zombies.js';
import { countStates } from '../../renderer/src/ui/process-states.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const USERS = ['alice', 'bob', 'root'];
const NAMES = ['sleep', 'bash', 'node', 'sshd'];
const STATES = ['S', 'S', 'S', 'R', 'Z', 'T'] as const;
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)];

/** Few distinct values, so ties (broken by pid) are common, as among thousands of idle processes. */
function randomFields(r: () => number): Partial<ProcInfo> {
  const user = pick(r, USERS);
  const name = pick(r, NAMES);
  return {
    user, uid: USERS.indexOf(user) + 1000, name, command: `${name} ${Math.floor(r() * 5)}`, state: pick(r, STATES),
    cpu: r() < 0.7 ? 0 : Math.floor(r() * 4) * 12.5, memRss: Math.floor(r() * 3) * 4096, threads: r() < 0.5 ? 1 : null,
  };
}

function table(r: () => number, size: number): ProcInfo[] {
  const rows: ProcInfo[] = [proc(1, 0, { name: 'init', command: '/sbin/init', user: 'root', uid: 0 })];
  for (let pid = 2; rows.length < size; pid++) rows.push(proc(pid, pick(r, rows).pid, randomFields(r)));
  return rows;
}

/** The next tick as a delta leaves it: unchanged rows the same objects, the rest new ones, in pid order. */
function tick(r: () => number, rows: readonly ProcInfo[], nextPid: { n: number }, structural: boolean): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const p of rows) {
    if (structural && p.pid !== 1 && r() < 0.03) continue; // ended (its children keep a ppid no longer present)
    const roll = r();
    if (roll < 0.05) out.push({ ...p, cpu: Math.floor(r() * 4) * 12.5 });
    else if (roll < 0.07) out.push({ ...p, ...randomFields(r), ppid: structural && r() < 0.3 ? 1 : p.ppid });
    else out.push(p);
  }
  if (structural) for (let i = Math.floor(r() * 4); i > 0; i--) out.push(proc(nextPid.n++, pick(r, out).pid, randomFields(r)));
  return out;
}

const QUERIES: Partial<RowQuery>[] = [
  {},
  { sort: { key: 'command', descending: false } },
  { sort: { key: 'user', descending: true }, filter: 'sleep' },
  { sort: { key: 'threads', descending: false } },
  { sort: { key: 'memRss', descending: true }, quick: 'stopped' },
  { filter: '!bash', uid: 1000 },
  { quick: 'zombies' },
  { filter: '/[' }, // malformed: shown as an error, not applied
  { view: 'tree' },
  { view: 'tree', filter: 'node' },
  { view: 'tree', collapsed: new Set([1]) },
  { view: 'tree', quick: 'zombies', uid: 1001 },
];

const query = (extra: Partial<RowQuery>): RowQuery => ({
  view: 'table', filter: '', quick: 'all', sort: { key: 'cpu', descending: true }, collapsed: new Set(), ...extra,
});

describe('incremental rows', () => {
  it('equal a full buildRows after every tick (random tables and deltas, every query, with and without rows coming and going)', () => {
    let patched = 0;
    for (let seed = 1; seed <= 8; seed++) {
      for (const [qi, extra] of QUERIES.entries()) {
        const r = rng(seed * 100 + qi);
        const q = query(extra);
        const builder = new IncrementalRows();
        let rows = table(r, 60 + Math.floor(r() * 200));
        const nextPid = { n: rows.length + 10 };
        for (let t = 0; t < 25; t++) {
          expect(builder.build(rows, q), `seed ${seed}, query ${qi}, tick ${t}`).toEqual(buildRows(rows, q));
          rows = tick(r, rows, nextPid, t % 3 !== 0);
        }
        patched += builder.stats.patched;
      }
    }
    expect(patched).toBeGreaterThan(800);
  });

  it('patches a small delta, keeping the row objects of untouched processes (table and tree)', () => {
    for (const view of ['table', 'tree'] as const) {
      const r = rng(7);
      const q = query({ view });
      const builder = new IncrementalRows();
      const before = table(r, 500);
      const first = builder.build(before, q);
      const changed = before.map((p) => (p.pid === 42 ? { ...p, cpu: 99 } : p));
      const second = builder.build(changed, q);
      expect(builder.stats).toEqual({ full: 1, patched: 1 });
      expect(second).toEqual(buildRows(changed, q));
      const reused = second.rows.filter((row) => first.rows.includes(row)).length;
      expect(reused).toBe(499);
      // Nothing changed at all: the very same result.
      expect(builder.build([...changed], q)).toBe(second);
    }
  });

  it('rebuilds fully when the query changes or the tree changes shape', () => {
    const r = rng(3);
    const builder = new IncrementalRows();
    const rows = table(r, 100);
    builder.build(rows, query({ view: 'tree' }));
    builder.build(rows, query({ view: 'tree', filter: 'sleep' }));
    const moved = rows.map((p) => (p.pid === 50 ? { ...p, ppid: 1 } : p));
    const result = builder.build(moved, query({ view: 'tree', filter: 'sleep' }));
    expect(result).toEqual(buildRows(moved, query({ view: 'tree', filter: 'sleep' })));
    expect(builder.stats).toEqual({ full: 3, patched: 0 });
  });

  it('a table not in identity order (not as published) is built fully, and still right', () => {
    const r = rng(11);
    const builder = new IncrementalRows();
    const rows = table(r, 120);
    const shuffled = [...rows].reverse();
    for (const view of ['table', 'tree'] as const) {
      expect(builder.build(shuffled, query({ view }))).toEqual(buildRows(shuffled, query({ view })));
      const changed = shuffled.map((p) => (p.pid === 7 ? { ...p, cpu: 50 } : p));
      expect(builder.build(changed, query({ view }))).toEqual(buildRows(changed, query({ view })));
      expect(builder.build(rows, query({ view }))).toEqual(buildRows(rows, query({ view })));
    }
    expect(builder.stats.patched).toBe(0);
  });
});

describe('the incremental tally (state counts, zombies\' parents) and lookups by pid', () => {
  it('equals countStates and zombieParents after every tick, keeping the parents map while no zombie comes or goes', () => {
    let kept = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const r = rng(seed * 7919);
      const tally = new IncrementalTally();
      let rows = table(r, 40 + Math.floor(r() * 300));
      const nextPid = { n: rows.length + 10 };
      let prev = tally.update(rows);
      for (let t = 0; t < 30; t++) {
        rows = tick(r, rows, nextPid, t % 2 === 0);
        const now = tally.update(rows);
        expect(now.counts, `seed ${seed}, tick ${t}`).toEqual(countStates(rows));
        expect(new Map([...now.zombieParents].sort((a, b) => a[0] - b[0]))).toEqual(new Map([...zombieParents(rows)].sort((a, b) => a[0] - b[0])));
        if (now.zombieParents === prev.zombieParents) kept++;
        prev = now;
      }
    }
    expect(kept).toBeGreaterThan(5); // ticks where no zombie changed kept the same map object (18 of 360 here)
  });

  it('counts a table out of pid order in full, and still right', () => {
    const r = rng(5);
    const tally = new IncrementalTally();
    const rows = table(r, 120);
    const shuffled = [...rows.slice(60), ...rows.slice(0, 60)];
    tally.update(rows);
    expect(tally.update(shuffled).counts).toEqual(countStates(shuffled));
    const next = tick(r, shuffled, { n: 500 }, true);
    expect(tally.update(next).counts).toEqual(countStates(next));
  });

  it('findByPid finds every pid of a table in pid order, and in any other order, and nothing for a pid not there', () => {
    const rows = table(rng(9), 300);
    const shuffled = [...rows].reverse();
    for (const p of rows) {
      expect(findByPid(rows, p.pid)).toBe(p);
      expect(findByPid(shuffled, p.pid)).toBe(p);
    }
    expect(findByPid(rows, 10_000)).toBeUndefined();
    expect(findByPid(rows, 0)).toBeUndefined();
    expect(findByPid([], 1)).toBeUndefined();
  });
});
