// Benchmark helper: CPU time and RSS of a process the benchmark started, read from Linux /proc.
import { readFileSync } from 'node:fs';

const CLK_TCK = 100; // Linux's USER_HZ on every platform Node supports

/** utime + stime of a process in ms, and its RSS in bytes, from /proc. */
export function procUsage(pid: number): { cpuMs: number; rss: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpuMs: ((Number(stat[11]) + Number(stat[12])) * 1000) / CLK_TCK, rss: rssKb * 1024 };
}
