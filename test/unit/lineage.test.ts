import { describe, expect, it } from 'vitest';
import { LineageTracker } from '../../main/monitor/lineage.js';
import type { ProcInfo } from '../../shared/process.js';

const proc = (pid: number, ppid: number, state = 'S', startTime = 1000): ProcInfo => ({
  pid, ppid, startTime, name: 'x', command: 'x', user: 'u', uid: 0, state, cpu: 0, cpuTimeMs: 0, memRss: 0, memPercent: 0,
  memVsz: null, threads: 1, kernelThread: false,
});

describe('lineage across samples', () => {
  it('remembers when a process first became a zombie, and forgets it once reaped', () => {
    const t = new LineageTracker();
    t.annotate([proc(5, 4)], 100);
    const z1 = [proc(5, 4, 'Z')];
    t.annotate(z1, 200);
    expect(z1[0].zombieSince).toBe(200);
    const z2 = [proc(5, 4, 'Z')];
    t.annotate(z2, 300);
    expect(z2[0].zombieSince).toBe(200);
    t.annotate([], 400);
    const again = [proc(5, 4, 'Z')];
    t.annotate(again, 500);
    expect(again[0].zombieSince).toBe(500);
  });

  it('records the previous parent of an orphan adopted by pid 1, and keeps it', () => {
    const t = new LineageTracker();
    t.annotate([proc(9, 8)], 100);
    const adopted = [proc(9, 1)];
    t.annotate(adopted, 200);
    expect(adopted[0].previousPpid).toBe(8);
    const later = [proc(9, 1)];
    t.annotate(later, 300);
    expect(later[0].previousPpid).toBe(8);
  });

  it('treats a reused pid (another start time) as another process', () => {
    const t = new LineageTracker();
    t.annotate([proc(9, 8, 'S', 1000)], 100);
    const reused = [proc(9, 3, 'S', 2000)];
    t.annotate(reused, 200);
    expect(reused[0].previousPpid).toBeUndefined();
  });
});
