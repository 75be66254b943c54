// %CPU per identity from CPU-time deltas, including a reused pid.
import { describe, expect, it } from 'vitest';
import { CpuPercentTracker, cpuPercent } from '../../main/processes/cpu-percent.js';

describe('%CPU from CPU-time deltas', () => {
  it('is the CPU ms used per wall ms, as a percent of one core', () => {
    expect(cpuPercent({ cpuTimeMs: 1000, atMs: 0 }, { cpuTimeMs: 1500, atMs: 1000 })).toBe(50);
    // two threads busy for the whole second: 200 % of one core, like top
    expect(cpuPercent({ cpuTimeMs: 0, atMs: 0 }, { cpuTimeMs: 2000, atMs: 1000 })).toBe(200);
  });

  it('is 0 without a previous reading, and never negative or NaN', () => {
    expect(cpuPercent(undefined, { cpuTimeMs: 5000, atMs: 10 })).toBe(0);
    expect(cpuPercent({ cpuTimeMs: 900, atMs: 0 }, { cpuTimeMs: 800, atMs: 1000 })).toBe(0);
    expect(cpuPercent({ cpuTimeMs: 0, atMs: 1000 }, { cpuTimeMs: 100, atMs: 1000 })).toBe(0);
  });

  it('tracks each identity across samples', () => {
    const t = new CpuPercentTracker();
    expect(t.update([{ pid: 10, startTime: 1, cpuTimeMs: 100 }, { pid: 11, startTime: 1, cpuTimeMs: 0 }], 0)).toEqual([0, 0]);
    expect(t.update([{ pid: 10, startTime: 1, cpuTimeMs: 350 }, { pid: 11, startTime: 1, cpuTimeMs: 10 }], 500)).toEqual([50, 2]);
    expect(t.update([{ pid: 11, startTime: 1, cpuTimeMs: 510 }, { pid: 10, startTime: 1, cpuTimeMs: 350 }], 1500)).toEqual([50, 0]);
  });

  it('treats a reused pid as a new process: no spike from the old one\'s counters', () => {
    const t = new CpuPercentTracker();
    t.update([{ pid: 42, startTime: 1000, cpuTimeMs: 10 }], 0);
    // pid 42 is now another process (later start) that has already used 9 s of CPU in its life:
    // a pid-only delta would claim 899 %; the identity change must give 0 instead.
    expect(t.update([{ pid: 42, startTime: 5000, cpuTimeMs: 9000 }], 1000)).toEqual([0]);
    expect(t.update([{ pid: 42, startTime: 5000, cpuTimeMs: 9250 }], 2000)).toEqual([25]);
    // and a reused pid with a smaller counter is not a negative spike either
    expect(t.update([{ pid: 42, startTime: 9000, cpuTimeMs: 5 }], 3000)).toEqual([0]);
  });

  it('forgets identities that are gone, so memory follows the live processes', () => {
    const t = new CpuPercentTracker();
    t.update(Array.from({ length: 500 }, (_, i) => ({ pid: i + 1, startTime: 1, cpuTimeMs: 0 })), 0);
    expect(t.size).toBe(500);
    t.update([{ pid: 7, startTime: 1, cpuTimeMs: 0 }], 1000);
    expect(t.size).toBe(1);
  });
});
