// Benchmark helper: CPU time and RSS of a process the benchmark started (through the platform layer).
import { readCpuAndRss } from '../processes/process-files.js';

/** utime + stime of a process in ms, and its RSS in bytes; throws once it is gone. */
export function procUsage(pid: number): { cpuMs: number; rss: number } {
  const u = readCpuAndRss(pid);
  if (!u) throw new Error(`process ${pid} is gone`);
  return { cpuMs: u.cpuMs, rss: u.rssBytes };
}
