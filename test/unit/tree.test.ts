import { describe, expect, it } from 'vitest';
import { ancestorChain, buildTree, descendantsOf, flattenTree } from '../../shared/tree.js';
import type { ProcInfo } from '../../shared/process.js';

const proc = (pid: number, ppid: number, extra: Partial<ProcInfo> = {}): ProcInfo => ({
  pid, ppid, startTime: 1000 + pid, name: `p${pid}`, command: `p${pid}`, user: 'u', uid: 0, state: 'S', cpu: 0,
  cpuTimeMs: 0, memRss: 0, memPercent: 0, memVsz: null, threads: 1, kernelThread: false, ...extra,
});

describe('tree building', () => {
  it('links children under parents, ordered by pid', () => {
    const roots = buildTree([proc(1, 0), proc(30, 1), proc(20, 1), proc(31, 30)]);
    expect(roots.map((r) => r.proc.pid)).toEqual([1]);
    expect(roots[0].children.map((c) => c.proc.pid)).toEqual([20, 30]);
    expect(roots[0].children[1].children[0].proc.pid).toBe(31);
    expect(roots[0].children[1].children[0].depth).toBe(2);
  });

  it('makes a process whose parent is missing a root, and keeps pid 0 children (init, kthreadd) as roots', () => {
    const roots = buildTree([proc(1, 0), proc(2, 0), proc(50, 2, { kernelThread: true }), proc(77, 999)]);
    expect(roots.map((r) => r.proc.pid)).toEqual([1, 2, 77]);
    expect(roots[1].children.map((c) => c.proc.pid)).toEqual([50]);
  });

  it('breaks an impossible cycle instead of looping', () => {
    const roots = buildTree([proc(5, 6), proc(6, 5)]);
    expect(flattenTree(roots).map((n) => n.proc.pid).sort()).toEqual([5, 6]);
  });

  it('flattens depth first and hides collapsed children', () => {
    const roots = buildTree([proc(1, 0), proc(2, 1), proc(3, 2), proc(4, 1)]);
    expect(flattenTree(roots).map((n) => n.proc.pid)).toEqual([1, 2, 3, 4]);
    expect(flattenTree(roots, new Set([2])).map((n) => n.proc.pid)).toEqual([1, 2, 4]);
  });

  it('gives the ancestor chain up to pid 1 and all descendants', () => {
    const list = [proc(1, 0), proc(2, 1), proc(3, 2), proc(4, 3), proc(5, 2)];
    expect(ancestorChain(4, list).map((p) => p.pid)).toEqual([4, 3, 2, 1]);
    expect(descendantsOf(2, list).map((p) => p.pid).sort()).toEqual([3, 4, 5]);
  });
});
