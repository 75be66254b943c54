// Busy percent per logical CPU from os.cpus() time counters, as deltas between two readings
// (the counters are cumulative since boot). The arithmetic is pure; the tracker keeps the last reading.
import os from 'node:os';

export interface CoreTimes {
  user: number;
  nice: number;
  sys: number;
  idle: number;
  irq: number;
}

/** Busy percent of one core between two readings; with no previous reading, the average since boot. */
export function coreBusyPercent(prev: CoreTimes | undefined, next: CoreTimes): number {
  const busy = (t: CoreTimes) => t.user + t.nice + t.sys + t.irq;
  const busyMs = busy(next) - (prev ? busy(prev) : 0);
  const totalMs = busyMs + next.idle - (prev ? prev.idle : 0);
  if (totalMs <= 0 || busyMs <= 0) return 0;
  return Math.min(100, (busyMs / totalMs) * 100);
}

export interface CpuMeterReading {
  cpuPerCore: number[];
  /** Mean of the cores: 100 means every core busy. */
  cpuTotal: number;
}

/**
 * The per-core lines of /proc/stat ("cpu0 user nice system idle iowait irq …", in clock ticks) as
 * os.cpus() reports them (libuv reads the same lines: sys is system, iowait and softirq are left
 * out), in ms given msPerTick. Pure; null when no core line is found.
 */
export function parseProcStatCores(text: string, msPerTick: number): CoreTimes[] | null {
  const cores: CoreTimes[] = [];
  // The cpu lines come first; the rest (the interrupt counts: kilobytes) is not split.
  for (let at = 0; text.startsWith('cpu', at); ) {
    const end = text.indexOf('\n', at);
    if (end < 0) break; // cut off here: the caller decoded only the beginning
    const line = text.slice(at, end);
    at = end + 1;
    if (line.charCodeAt(3) < 0x30 || line.charCodeAt(3) > 0x39) continue; // the "cpu " total
    const f = line.split(' ');
    const n = (i: number) => Number(f[i]) * msPerTick;
    const t = { user: n(1), nice: n(2), sys: n(3), idle: n(4), irq: n(6) };
    if (![t.user, t.nice, t.sys, t.idle, t.irq].every(Number.isFinite)) return null;
    cores.push(t);
  }
  return cores.length > 0 ? cores : null;
}

/** Keeps the previous os.cpus() reading so each call returns busy percent since the last one. */
export function createCpuMeter(readCores: () => CoreTimes[] = () => os.cpus().map((c) => c.times)): () => CpuMeterReading {
  let prev: CoreTimes[] = [];
  return () => {
    const next = readCores();
    const cpuPerCore = next.map((t, i) => coreBusyPercent(prev[i], t));
    prev = next;
    const cpuTotal = cpuPerCore.length ? cpuPerCore.reduce((a, b) => a + b, 0) / cpuPerCore.length : 0;
    return { cpuPerCore, cpuTotal };
  };
}
