// Deltas on the wire: for random tables that gain, lose and change rows tick after tick (seeded, so
// a failure repeats), applying each tick's delta to the previous table gives the next full table,
// also after a JSON round trip (what the wire does); a missed sequence is seen and recovered.
import { describe, expect, it } from 'vitest';
import type { ProcInfo, Snapshot } from '../../shared/process.js';
import { applyDelta, byIdentity, diffSnapshots, type SnapshotDelta } from '../../shared/snapshot-delta.js';
import { SnapshotDecoder } from '../../shared/snapshot-decoder.js';

/** mulberry32: a small seeded generator, so every run sees the same tables. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATES = ['R', 'S', 'D', 'Z', 'T', 'I'];

function makeRow(r: () => number, pid: number, startTime: number): ProcInfo {
  return {
    pid, ppid: Math.floor(r() * 50), startTime, name: `p${Math.floor(r() * 30)}`, command: `/bin/p --n ${Math.floor(r() * 1e6)}`,
    user: r() < 0.5 ? 'root' : 'alice', uid: r() < 0.1 ? null : 1000, state: STATES[Math.floor(r() * STATES.length)],
    cpu: r() < 0.7 ? 0 : r() * 100, cpuTimeMs: Math.floor(r() * 1e5), memRss: Math.floor(r() * 1e8), memPercent: r(),
    memVsz: r() < 0.1 ? null : Math.floor(r() * 1e9), threads: 1 + Math.floor(r() * 8), kernelThread: r() < 0.1,
  };
}

/** The next tick's rows: some gone, some new (pids reused with a new start time too), some changed field by field. */
function nextRows(r: () => number, rows: ProcInfo[], t: number): ProcInfo[] {
  const out: ProcInfo[] = [];
  for (const p of rows) {
    const roll = r();
    if (roll < 0.05) continue; // gone
    if (roll < 0.08) {
      out.push(makeRow(r, p.pid, p.startTime + 1000 + t)); // the pid reused by another process
      continue;
    }
    if (roll < 0.4) {
      const q: ProcInfo = { ...p };
      const mut = q as unknown as Record<string, unknown>;
      if (r() < 0.5) q.cpu = r() * 100;
      if (r() < 0.5) q.cpuTimeMs += Math.floor(r() * 100);
      if (r() < 0.2) q.state = STATES[Math.floor(r() * STATES.length)];
      if (r() < 0.1) q.uid = q.uid === null ? 0 : null;
      if (r() < 0.1) q.zombieSince = t; // an optional field appears…
      if (r() < 0.1) delete q.zombieSince; // …or goes
      if (r() < 0.1) q.previousPpid = p.ppid;
      // A field another engineer adds to ProcInfo later, with an array value: travels as any other.
      if (r() < 0.1) mut.cgroupPath = ['user.slice', `u${Math.floor(r() * 3)}`];
      if (r() < 0.05) delete mut.cgroupPath;
      out.push(q);
      continue;
    }
    out.push(p); // unchanged (often the very same object, as the sampler gives for an idle process)
  }
  const adds = Math.floor(r() * 6);
  for (let i = 0; i < adds; i++) out.push(makeRow(r, 5000 + Math.floor(r() * 5000), 1_700_000_000_000 + t));
  // No duplicate identities (the OS has none); sorted by pid, as the monitor publishes them.
  const seen = new Set<string>();
  return out.filter((p) => !seen.has(`${p.pid}:${p.startTime}`) && seen.add(`${p.pid}:${p.startTime}`)).sort(byIdentity);
}

function snapshotOf(seq: number, processes: ProcInfo[], r: () => number): Snapshot {
  return {
    seq, takenAt: 1_700_000_000_000 + seq * 1000, intervalMs: 1000, paused: false, processes, sampleMs: r() * 10, selfPids: [1234],
    meters: { cpuPerCore: [r() * 100, r() * 100], cpuTotal: r() * 100, memTotal: 8e9, memUsed: r() * 8e9, swapTotal: null, swapUsed: null, load: [r(), r(), r()], uptimeSec: seq },
    capabilities: { platform: 'linux', zombies: true, signals: true, adapter: 'linux-proc' },
    ...(r() < 0.1 ? { samplingError: { message: 'sampling failed: EMFILE', since: seq } } : {}),
  };
}

/** A run of ticks from one seed. */
function ticks(seed: number, count: number, size: number): Snapshot[] {
  const r = rng(seed);
  let rows = Array.from({ length: size }, (_, i) => makeRow(r, 1 + i * 3, 1_600_000_000_000 + i)).sort(byIdentity);
  const out = [snapshotOf(1, rows, r)];
  for (let seq = 2; seq <= count; seq++) {
    rows = nextRows(r, rows, seq);
    out.push(snapshotOf(seq, rows, r));
  }
  return out;
}

const wire = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('snapshot deltas', () => {
  it('apply(full, delta) equals the next full table, tick after tick, for random tables (60 seeds × 25 ticks)', () => {
    let changedRows = 0;
    let addedRows = 0;
    let removedRows = 0;
    for (let seed = 1; seed <= 60; seed++) {
      const run = ticks(seed, 25, 20 + (seed % 7) * 15);
      let table = run[0];
      let wireTable = wire(run[0]);
      for (let i = 1; i < run.length; i++) {
        const delta = diffSnapshots(run[i - 1], run[i]);
        changedRows += delta.changed.length;
        addedRows += delta.added.length;
        removedRows += delta.removed.length;
        table = applyDelta(table, delta);
        expect(table).toEqual(run[i]);
        // Over the wire: both the table and the delta as JSON (undefined fields vanish, arrays survive).
        wireTable = applyDelta(wireTable, wire(delta));
        expect(wireTable).toStrictEqual(wire(run[i]));
      }
    }
    // The runs exercised every kind of change, many times over.
    expect(Math.min(changedRows, addedRows, removedRows)).toBeGreaterThan(1000);
  });

  it('on a table in pid order, places edits by binary search and keeps every other row object; odd deltas read as the walk reads them', () => {
    const r = rng(7);
    const rows = Array.from({ length: 200 }, (_, i) => makeRow(r, 10 + i * 3, 1000));
    const base: Snapshot = { ...ticks(7, 1, 1)[0], seq: 1, processes: rows };
    const head = { ...base, seq: 2 } as Partial<Snapshot>;
    delete head.processes;
    const delta = (d: Partial<SnapshotDelta>): SnapshotDelta => ({ seq: 2, baseSeq: 1, head: head as SnapshotDelta['head'], added: [], removed: [], changed: [], ...d });
    const fresh = (pid: number) => makeRow(r, pid, 5000);
    // Added before the first row, between two and after the last; one removed; one changed.
    const out = applyDelta(base, delta({
      added: [fresh(599), fresh(11), fresh(1)], removed: [`${rows[5].pid}:1000`],
      changed: [{ pid: rows[9].pid, startTime: 1000, set: { cpu: 42 } }],
    })).processes;
    expect(out.map((p) => p.pid)).toEqual([1, ...rows.slice(0, 1).map((p) => p.pid), 11, ...rows.slice(1, 5).map((p) => p.pid), ...rows.slice(6).map((p) => p.pid), 599].sort((a, b) => a - b));
    expect(out.filter((p) => rows.includes(p))).toHaveLength(198); // all but the removed and the changed row, as the same objects
    expect(out.find((p) => p.pid === rows[9].pid)).toEqual({ ...rows[9], cpu: 42 });
    // A removed key or a change the table does not hold is ignored; a row's second change too; a removed row's change too.
    const odd = applyDelta(base, delta({
      removed: ['4:1000', `${rows[2].pid}:1000`],
      changed: [{ pid: 4, startTime: 1000, set: { cpu: 1 } }, { pid: rows[3].pid, startTime: 1000, set: { cpu: 7 } }, { pid: rows[3].pid, startTime: 1000, set: { cpu: 8 } },
        { pid: rows[2].pid, startTime: 1000, set: { cpu: 9 } }],
    })).processes;
    expect(odd.map((p) => p.pid)).toEqual(rows.filter((_, i) => i !== 2).map((p) => p.pid));
    expect(odd.find((p) => p.pid === rows[3].pid)?.cpu).toBe(7);
    // The same deltas give the same tables when the rows come out of pid order (the walk).
    const shuffled = { ...base, processes: [...rows.slice(100), ...rows.slice(0, 100)] };
    const sortedPids = (s: Snapshot) => s.processes.map((p) => p.pid).sort((a, b) => a - b);
    expect(sortedPids(applyDelta(shuffled, delta({ removed: ['4:1000', `${rows[2].pid}:1000`] })))).toEqual(odd.map((p) => p.pid));
  });

  it('finds the same rows when a table is not in pid order (a listing from elsewhere): sorted, the applied table equals it', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const run = ticks(seed, 6, 50);
      const r = rng(seed * 7919);
      for (let i = 1; i < run.length; i++) {
        const shuffled = { ...run[i], processes: [...run[i].processes].sort(() => r() - 0.5) };
        const delta = diffSnapshots(run[i - 1], shuffled);
        // The same delta as from the table in order, but for the order of its lists.
        const ordered = diffSnapshots(run[i - 1], run[i]);
        expect(new Set(delta.removed)).toEqual(new Set(ordered.removed));
        expect([...delta.added].sort(byIdentity)).toEqual(ordered.added);
        expect([...delta.changed].sort(byIdentity)).toEqual(ordered.changed);
        expect(applyDelta(run[i - 1], delta)).toEqual(run[i]);
      }
    }
  });

  it('sends only what changed: unchanged rows not at all, a changed row only its changed fields', () => {
    const r = rng(7);
    const rows = Array.from({ length: 100 }, (_, i) => makeRow(r, 10 + i, 1_600_000_000_000));
    const base = snapshotOf(1, rows, r);
    const busy = { ...rows[5], cpu: 42.5 };
    const zombie = { ...rows[6], state: 'Z', zombieSince: 5 };
    const next = snapshotOf(2, rows.map((p, i) => (i === 5 ? busy : i === 6 ? zombie : { ...p })), r);
    const delta = diffSnapshots(base, next);
    expect(delta.added).toEqual([]);
    expect(delta.removed).toEqual([]);
    expect(delta.changed).toEqual([
      { pid: busy.pid, startTime: busy.startTime, set: { cpu: 42.5 } },
      { pid: zombie.pid, startTime: zombie.startTime, set: { state: 'Z', zombieSince: 5 } },
    ]);
    const back = diffSnapshots(next, { ...base, seq: 3 });
    expect(back.changed.find((c) => c.pid === zombie.pid)).toMatchObject({ unset: ['zombieSince'] });
    // The applied table keeps unchanged rows' objects, so a view can skip them by identity.
    const applied = applyDelta(base, delta);
    expect(applied.processes[0]).toBe(base.processes[0]);
    expect(applied.processes[5]).not.toBe(base.processes[5]);
    // The wire size: a tenth of the full table or less here (two changed rows of a hundred).
    expect(JSON.stringify(delta).length).toBeLessThan(JSON.stringify(next).length / 10);
  });

  it('keeps the head values that did not change as the same objects (views memoised on them stay put)', () => {
    const [base] = ticks(1, 1, 10);
    const moved = { ...base.meters, memUsed: base.meters.memUsed + 4096 };
    // Through JSON, as on the wire: every object of the head arrives new.
    const next = JSON.parse(JSON.stringify({ ...base, seq: base.seq + 1, meters: moved })) as typeof base;
    const applied = applyDelta(base, JSON.parse(JSON.stringify(diffSnapshots(base, next))));
    expect(applied).toEqual(next);
    expect(applied.capabilities).toBe(base.capabilities);
    expect(applied.selfPids).toBe(base.selfPids);
    expect(applied.meters).not.toBe(base.meters);
    expect(applied.meters.memUsed).toBe(moved.memUsed);
  });

  it('refuses to apply a delta to another table than its base', () => {
    const [a, , c] = ticks(3, 3, 10);
    expect(() => applyDelta(a, diffSnapshots(c, { ...c, seq: 4 }))).toThrow(/delta from snapshot 3 applied to snapshot 1/);
  });
});

describe('the snapshot decoder', () => {
  it('follows deltas, reports a missed sequence, and recovers with a full table (with deltas that raced it kept)', () => {
    const run = ticks(11, 12, 40);
    const deltas: SnapshotDelta[] = run.slice(1).map((s, i) => wire(diffSnapshots(run[i], s)));
    const d = new SnapshotDecoder();
    // No table yet: a delta is a gap.
    expect(d.delta(deltas[0])).toEqual({ kind: 'gap', have: null, baseSeq: 1 });
    expect(d.full(wire(run[0]))).toEqual(wire(run[1])); // the kept delta 1→2 follows the full table 1
    for (const i of [2, 3]) {
      const out = d.delta(deltas[i - 1]);
      expect(out.kind).toBe('snapshot');
      expect(out.kind === 'snapshot' && out.snapshot).toEqual(wire(run[i]));
    }
    // The delta 4→5 is lost: 5→6 does not follow table 4.
    expect(d.delta(deltas[4])).toEqual({ kind: 'gap', have: 4, baseSeq: 5 });
    // Nor does 6→7, which arrives while the full table is being fetched.
    expect(d.delta(deltas[5]).kind).toBe('gap');
    // The answer is table 5: the kept 5→6 and 6→7 apply on top of it.
    expect(d.full(wire(run[4]))).toEqual(wire(run[6]));
    expect(d.current?.seq).toBe(7);
    for (let i = 6; i < deltas.length; i++) {
      const out = d.delta(deltas[i]);
      expect(out.kind === 'snapshot' && out.snapshot).toEqual(wire(run[i + 1]));
    }
    // A full table older than the one held (an answer that crossed newer ticks) is not taken.
    expect(d.full(wire(run[2]))).toBeNull();
    expect(d.current?.seq).toBe(12);
  });

  it('applies a re-sent table (same seq, a sampling error added) as a delta from itself', () => {
    const [a] = ticks(5, 1, 10);
    const flagged: Snapshot = { ...a, processes: a.processes.map((p) => ({ ...p })), samplingError: { message: 'sampling failed: EMFILE', since: 1 } };
    const d = new SnapshotDecoder();
    d.full(wire(a));
    const out = d.delta(wire(diffSnapshots(a, flagged)));
    expect(out.kind === 'snapshot' && out.snapshot.samplingError?.message).toBe('sampling failed: EMFILE');
  });
});
