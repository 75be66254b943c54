// Per-core busy percent from os.cpus() counters.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import { type CoreTimes, coreBusyPercent, createCpuMeter, parseProcStatCores } from '../../main/processes/cpu-meter.js';

const times = (busy: number, idle: number): CoreTimes => ({ user: busy, nice: 0, sys: 0, idle, irq: 0 });

describe('per-core busy percent from os.cpus() counters', () => {
  it('is busy time over total time between two readings', () => {
    expect(coreBusyPercent(times(1000, 1000), times(1250, 1750))).toBe(25);
    expect(coreBusyPercent(times(0, 0), times(0, 0))).toBe(0);
    expect(coreBusyPercent(undefined, times(300, 700))).toBe(30);
  });

  it('returns one value per core, and their mean as the total', () => {
    const readings = [
      [times(0, 0), times(0, 0)],
      [times(100, 0), times(0, 100)],
    ];
    let i = 0;
    const meter = createCpuMeter(() => readings[i++]);
    meter();
    expect(meter()).toEqual({ cpuPerCore: [100, 0], cpuTotal: 50 });
  });

  it('reads this machine: one value per logical CPU, each within 0..100', () => {
    const meter = createCpuMeter();
    meter();
    const r = meter();
    expect(r.cpuPerCore.length).toBeGreaterThan(0);
    for (const v of r.cpuPerCore) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(100);
    }
  });
});

describe('parseProcStatCores', () => {
  it('reads the per-core lines of /proc/stat as os.cpus() does, skipping the total and the rest', () => {
    const text = 'cpu  30 2 20 50 1 0 3 0 0 0\ncpu0 10 1 5 20 1 7 2 0 0 0\ncpu1 20 1 15 30 0 0 1 0 0 0\nintr 5 0 0\nctxt 9\n';
    expect(parseProcStatCores(text, 10)).toEqual([
      { user: 100, nice: 10, sys: 50, idle: 200, irq: 70 },
      { user: 200, nice: 10, sys: 150, idle: 300, irq: 0 },
    ]);
    expect(parseProcStatCores('intr 5\n', 10)).toBeNull();
    expect(parseProcStatCores('cpu0 x y\n', 10)).toBeNull();
  });

  it('agrees with os.cpus() on this machine (Linux): same cores, counters within a second of each other', () => {
    if (process.platform !== 'linux') return;
    const tick = 10; // USER_HZ is 100 on every Linux build Node supports
    const ours = parseProcStatCores(fs.readFileSync('/proc/stat', 'latin1'), tick)!;
    const theirs = os.cpus().map((c) => c.times);
    expect(ours).toHaveLength(theirs.length);
    for (let i = 0; i < ours.length; i++) {
      expect(Math.abs(ours[i]!.user - theirs[i]!.user)).toBeLessThan(1000);
      expect(Math.abs(ours[i]!.idle - theirs[i]!.idle)).toBeLessThan(1000);
    }
  });
});
