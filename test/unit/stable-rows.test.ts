// The sampler keeps an unchanged process's row object from one sample to the next, and makes a
// new one for any change, so that identity means "nothing changed" to the delta encoder.
import { describe, expect, it } from 'vitest';
import { StableRows, withComputedFields } from '../../main/processes/create-sampler.js';
import type { RawProc } from '../../main/processes/sampler.js';
import { diffSnapshots } from '../../shared/snapshot-delta.js';
import type { Snapshot } from '../../shared/process.js';

const raw = (pid: number, over: Partial<RawProc> = {}): RawProc => ({
  pid,
  ppid: 1,
  startTime: 1_700_000_000_000 + pid,
  name: `p${pid}`,
  command: `/bin/p${pid} --flag`,
  user: 'root',
  uid: 0,
  state: 'S',
  cpuTimeMs: 10 * pid,
  memRss: 4096 * pid,
  memVsz: 8192 * pid,
  threads: 1,
  kernelThread: false,
  nice: 0,
  priority: 20,
  ioReadPerSec: undefined,
  ioWritePerSec: undefined,
  ioDenied: undefined,
  cgroup: undefined,
  ports: undefined,
  ...over,
});

const MEM = 8 * 2 ** 30;

describe('StableRows', () => {
  it('keeps the object of a process whose row reads the same, equal to a fresh one', () => {
    const stable = new StableRows();
    const first = stable.rows([raw(1), raw(2, { ports: [80, 443] })], [0, 1.5], MEM);
    // New raw objects with the same values (a new ports array too): the rows are kept.
    const second = stable.rows([raw(1), raw(2, { ports: [80, 443] })], [0, 1.5], MEM);
    expect(second[0]).toBe(first[0]);
    expect(second[1]).toBe(first[1]);
    expect(second).toEqual(withComputedFields([raw(1), raw(2, { ports: [80, 443] })], [0, 1.5], MEM));
  });

  it('makes a new object for any change, and leaves the old one as it was', () => {
    const changes: [string, Partial<RawProc>, number, number][] = [
      ['cpu time', { cpuTimeMs: 11 }, 0, MEM],
      ['state', { state: 'Z' }, 0, MEM],
      ['command (exec)', { command: '/bin/other' }, 0, MEM],
      ['ppid (adopted)', { ppid: 77 }, 0, MEM],
      ['ports', { ports: [8080] }, 0, MEM],
      ['io rate', { ioReadPerSec: 5 }, 0, MEM],
      ['start time (pid reused)', { startTime: 5 }, 0, MEM],
      ['%cpu', {}, 3, MEM],
      ['total memory (so %mem)', {}, 0, MEM / 2],
    ];
    for (const [what, over, cpu, mem] of changes) {
      const stable = new StableRows();
      const [before] = stable.rows([raw(1)], [0], MEM);
      const snapshotOfBefore = structuredClone(before);
      const [after] = stable.rows([raw(1, over)], [cpu], mem);
      expect(after, what).not.toBe(before);
      expect(after, what).toEqual(withComputedFields([raw(1, over)], [cpu], mem)[0]);
      expect(before, what).toEqual(snapshotOfBefore);
    }
  });

  it('forgets gone processes: a pid seen again later gets a fresh row', () => {
    const stable = new StableRows();
    const [a] = stable.rows([raw(1)], [0], MEM);
    stable.rows([raw(2)], [0], MEM);
    const [again] = stable.rows([raw(1)], [0], MEM);
    expect(again).not.toBe(a);
    expect(again).toEqual(a);
  });

  it('gives deltas that carry exactly the changed rows', () => {
    const stable = new StableRows();
    const head = { takenAt: 0, intervalMs: 1000, paused: false, meters: {} as Snapshot['meters'], capabilities: {} as Snapshot['capabilities'], selfPids: [], sampleMs: 1 };
    const base: Snapshot = { ...head, seq: 1, processes: stable.rows([raw(1), raw(2), raw(3)], [0, 0, 0], MEM) };
    const next: Snapshot = { ...head, seq: 2, processes: stable.rows([raw(1), raw(2, { cpuTimeMs: 99 }), raw(3)], [0, 5, 0], MEM) };
    const delta = diffSnapshots(base, next);
    expect(delta.changed.map((c) => [c.pid, c.set])).toEqual([[2, { cpu: 5, cpuTimeMs: 99 }]]);
    expect(delta.added).toEqual([]);
    expect(delta.removed).toEqual([]);
  });
});
