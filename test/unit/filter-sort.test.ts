// What `ps aux | grep TEXT` and a column sort do, for the table and the CLI.
import { describe, expect, it } from 'vitest';
import { filterProcesses, matchesFilter, sortProcesses } from '../../shared/filter-sort.js';
import type { ProcInfo } from '../../shared/process.js';

const proc = (pid: number, extra: Partial<ProcInfo> = {}): ProcInfo => ({
  pid, ppid: 1, startTime: 1000, name: 'sleep', command: 'sleep 60', user: 'alice', uid: 1000, state: 'S', cpu: 0,
  cpuTimeMs: 0, memRss: 0, memPercent: 0, memVsz: null, threads: 1, kernelThread: false, ...extra,
});

describe('filtering', () => {
  it('matches a number against pid and ppid exactly, not as a prefix', () => {
    expect(matchesFilter(proc(4242), '4242')).toBe(true);
    expect(matchesFilter(proc(77, { ppid: 4242 }), '4242')).toBe(true);
    expect(matchesFilter(proc(42421), '4242')).toBe(false);
  });

  it('matches text in name, command or user, case-insensitively; every word must match', () => {
    const p = proc(10, { name: 'python3', command: 'python3 Demo.py --fast', user: 'bob' });
    expect(matchesFilter(p, 'demo')).toBe(true);
    expect(matchesFilter(p, 'BOB')).toBe(true);
    expect(matchesFilter(p, 'python3 fast')).toBe(true);
    expect(matchesFilter(p, 'python3 slow')).toBe(false);
  });

  it('a number also matches inside the command line, as grep would', () => {
    expect(matchesFilter(proc(10, { command: 'kill -9 4242' }), '4242')).toBe(true);
  });

  it('an empty filter keeps everything (a copy, not the same array)', () => {
    const list = [proc(1), proc(2)];
    const out = filterProcesses(list, '   ');
    expect(out).toEqual(list);
    expect(out).not.toBe(list);
  });

  it('treats markup in a command as plain text to match', () => {
    expect(matchesFilter(proc(5, { command: '<img src=x onerror=alert(1)>' }), '<img')).toBe(true);
  });
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
