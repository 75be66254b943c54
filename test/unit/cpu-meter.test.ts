// Per-core busy percent from os.cpus() counters.
import { describe, expect, it } from 'vitest';
import { type CoreTimes, coreBusyPercent, createCpuMeter } from '../../main/processes/cpu-meter.js';

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
