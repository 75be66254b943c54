import { describe, expect, it } from 'vitest';
import { formatPs } from '../../main/cli/ps-format.js';
import type { ProcInfo } from '../../shared/process.js';

const proc = (pid: number, ppid: number, command: string): ProcInfo => ({
  pid, ppid, startTime: new Date(2026, 10, 28, 9, 5).getTime(), name: command.split(' ')[0], command, user: 'alice', uid: 1000,
  state: 'S', cpu: 12.345, cpuTimeMs: 3_723_000, memRss: 2048 * 1024, memPercent: 1.25, memVsz: null, threads: 3, kernelThread: false,
});

describe('procplay ps output', () => {
  it('prints START and TIME by the rules of the app (shared/format.ts): the time within 24 h, else the date without a space, as ps does', () => {
    const now = new Date(2026, 11, 2, 12, 0).getTime();
    const recent = { ...proc(1, 0, 'init'), startTime: new Date(2026, 11, 1, 18, 30).getTime() }; // yesterday, within 24 h
    const older = { ...proc(2, 1, 'old'), startTime: new Date(2026, 10, 28, 9, 5).getTime() };
    const lines = formatPs([recent, older], { tree: false, nowMs: now, width: Infinity }).split('\n');
    expect(lines[1]).toMatch(/ 18:30 +1:02:03 init$/);
    expect(lines[2]).toMatch(/ Nov28 +1:02:03 old$/);
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
