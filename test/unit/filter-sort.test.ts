// The column sort of the table and the CLI (the filter language has its own tests in filter.test.ts).
import { describe, expect, it } from 'vitest';
import { sortProcesses } from '../../shared/filter-sort.js';
import type { ProcInfo } from '../../shared/process.js';

const proc = (pid: number, extra: Partial<ProcInfo> = {}): ProcInfo => ({
  pid, ppid: 1, startTime: 1000, name: 'sleep', command: 'sleep 60', user: 'alice', uid: 1000, state: 'S', cpu: 0,
  cpuTimeMs: 0, memRss: 0, memPercent: 0, memVsz: null, threads: 1, kernelThread: false, ...extra,
});

describe('sorting', () => {
  const list = [proc(3, { cpu: 5, user: 'carol' }), proc(1, { cpu: 50, user: 'alice' }), proc(2, { cpu: 5, user: 'bob' })];

  it('sorts numbers both ways and breaks ties by pid so rows do not jump', () => {
    expect(sortProcesses(list, 'cpu', true).map((p) => p.pid)).toEqual([1, 2, 3]);
    expect(sortProcesses(list, 'cpu', false).map((p) => p.pid)).toEqual([2, 3, 1]);
  });

  it('sorts text by locale and puts unknown values (null) first ascending', () => {
    expect(sortProcesses(list, 'user').map((p) => p.user)).toEqual(['alice', 'bob', 'carol']);
    const withNull = [proc(1, { memVsz: 10 }), proc(2, { memVsz: null })];
    expect(sortProcesses(withNull, 'memVsz').map((p) => p.pid)).toEqual([2, 1]);
  });

  it('does not change the list it was given', () => {
    const before = list.map((p) => p.pid);
    sortProcesses(list, 'pid', true);
    expect(list.map((p) => p.pid)).toEqual(before);
  });
});
