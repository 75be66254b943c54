import { describe, expect, it } from 'vitest';
import { formatCpuTime, formatPs, formatStart } from '../../main/cli/ps-format.js';
import type { ProcInfo } from '../../shared/process.js';

const proc = (pid: number, ppid: number, command: string): ProcInfo => ({
  pid, ppid, startTime: new Date(2026, 10, 28, 9, 5).getTime(), name: command.split(' ')[0], command, user: 'alice', uid: 1000,
  state: 'S', cpu: 12.345, cpuTimeMs: 3_723_000, memRss: 2048 * 1024, memPercent: 1.25, memVsz: null, threads: 3, kernelThread: false,
});

describe('procplay ps output', () => {
  it('formats cumulative CPU time as ps does', () => {
    expect(formatCpuTime(0)).toBe('0:00');
    expect(formatCpuTime(65_400)).toBe('1:05');
    expect(formatCpuTime(3_723_000)).toBe('1:02:03');
  });

  it('shows HH:MM for today and the date before', () => {
    const start = new Date(2026, 10, 28, 9, 5).getTime();
    expect(formatStart(start, new Date(2026, 10, 28, 18, 0).getTime())).toBe('09:05');
    expect(formatStart(start, new Date(2026, 11, 2).getTime())).toBe('Nov28');
  });

  it('prints the ps aux columns and, with --tree, children indented under parents', () => {
    const text = formatPs([proc(10, 1, 'child --x'), proc(1, 0, 'init')], { tree: true, nowMs: Date.now(), width: Infinity });
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/^USER\s+PID\s+PPID\s+STAT\s+%CPU\s+%MEM\s+RSS\s+VSZ\s+THR\s+START\s+TIME\s+COMMAND$/);
    expect(lines[1]).toMatch(/alice\s+1\s+0\s+S\s+12\.3\s+1\.3\s+2048\s+-\s+3\s+\S+\s+1:02:03 init$/);
    expect(lines[2]).toMatch(/\s10\s+1\s.*\\_ child --x$/);
  });

  it('cuts lines at the terminal width', () => {
    const text = formatPs([proc(1, 0, 'x'.repeat(300))], { tree: false, nowMs: Date.now(), width: 80 });
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
  });
});
