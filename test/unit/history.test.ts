// The sparkline history store: order, capacity, and memory bounded by the live processes.
import { describe, expect, it } from 'vitest';
import { HistoryStore } from '../../main/processes/history.js';
import type { ProcInfo } from '../../shared/process.js';

const proc = (pid: number, startTime: number, cpu: number, memRss: number): ProcInfo => ({
  pid, ppid: 1, startTime, name: `p${pid}`, command: `p${pid}`, user: 'u', uid: 0, state: 'S', cpu, cpuTimeMs: 0,
  memRss, memPercent: 0, memVsz: null, threads: 1, kernelThread: false,
});

describe('per-process history for sparklines', () => {
  it('returns the samples of one identity, oldest first', () => {
    const h = new HistoryStore({ capacity: 5 });
    h.record([proc(10, 100, 1, 1000)], 0);
    h.record([proc(10, 100, 2, 2000)], 1000);
    expect(h.get(10, 100)).toEqual({ pid: 10, startTime: 100, intervalMs: 1000, cpu: [1, 2], memRss: [1000, 2000] });
  });

  it('keeps at most `capacity` samples per identity, the most recent ones', () => {
    const h = new HistoryStore({ capacity: 300 });
    for (let i = 0; i < 1000; i++) h.record([proc(10, 100, i % 97, 8_000_000_000 + i)], i * 1000);
    const got = h.get(10, 100)!;
    expect(got.cpu).toHaveLength(300);
    expect(got.memRss).toHaveLength(300);
    expect(got.memRss[0]).toBe(8_000_000_700); // exact past 2^32
    expect(got.memRss[299]).toBe(8_000_000_999);
    expect(got.cpu[299]).toBe(999 % 97);
    expect(h.ringBytes).toBe(300 * 12);
  });

  it('holds only identities present in the latest sample, however many came and went', () => {
    const h = new HistoryStore({ capacity: 10 });
    // 2,000 short-lived processes, 20 alive at a time
    for (let tick = 0; tick < 100; tick++) {
      const alive = Array.from({ length: 20 }, (_, i) => proc(tick * 20 + i + 2, tick, 1, 1));
      h.record([proc(1, 0, 0, 1), ...alive], tick * 1000);
      expect(h.size).toBe(21);
    }
    expect(h.get(3, 0)).toBeNull(); // gone long ago
    expect(h.get(1, 0)?.cpu).toHaveLength(10);
    expect(h.ringBytes).toBe(21 * 10 * 12);
  });

  it('does not hand a reused pid the previous process\'s history', () => {
    const h = new HistoryStore();
    h.record([proc(42, 1000, 90, 1)], 0);
    h.record([proc(42, 1000, 95, 1)], 1000);
    h.record([proc(42, 7000, 3, 1)], 2000);
    expect(h.get(42, 1000)).toBeNull();
    expect(h.get(42, 7000)?.cpu).toEqual([3]);
  });

  it('uses the interval it is told, else the time between records', () => {
    const h = new HistoryStore();
    h.record([proc(1, 0, 0, 0)], 10_000);
    h.record([proc(1, 0, 0, 0)], 12_500);
    expect(h.get(1, 0)?.intervalMs).toBe(2500);
    h.record([proc(1, 0, 0, 0)], 13_000, 250);
    expect(h.get(1, 0)?.intervalMs).toBe(250);
  });

  it('refuses a capacity below one sample', () => {
    expect(() => new HistoryStore({ capacity: 0 })).toThrow(RangeError);
  });
});
