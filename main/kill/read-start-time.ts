// Reads a live process's identity from Linux /proc, synchronously, for the check made immediately
// before a signal is sent: synchronous so that no other event-loop work can run between the check
// and process.kill (see signal-sender.ts for the window that remains). The parsing and the formula
// are the sampler's own (main/processes), so the value is exactly ProcInfo.startTime.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { getconf, parseBootTimeSec, startTimeMs } from '../processes/linux.js';
import { parseProcStat, type ProcStat } from '../processes/proc-stat.js';

const DEFAULT_CLK_TCK = 100;
const MS_PER_SECOND = 1000;

let clkTckCache: number | null = null;
let bootTimeSecCache: number | null = null;

/** Clock ticks per second, asked once per process (as the sampler does). */
function clkTck(): number {
  clkTckCache ??= getconf('CLK_TCK', DEFAULT_CLK_TCK);
  return clkTckCache;
}

/**
 * Boot time, read once per process like the sampler's: the kernel recomputes btime from the wall
 * clock on every read, so two reads can differ by a second, and so would every start time.
 */
function bootTimeSec(): number {
  if (bootTimeSecCache === null) {
    let text = '';
    try {
      text = readFileSync('/proc/stat', 'utf8');
    } catch {
      // fall through to the uptime estimate, the sampler's fallback too
    }
    bootTimeSecCache = parseBootTimeSec(text) ?? Math.round(Date.now() / MS_PER_SECOND - os.uptime());
  }
  return bootTimeSecCache;
}

/**
 * Reads CLK_TCK and btime now. Called when the kill service is created, i.e. next to the sampler's
 * own one-time read, so both hold the same boot time (a later clock step then moves neither).
 */
export function primeStartTimeReader(): void {
  clkTck();
  bootTimeSec();
}

/** /proc/PID/stat, parsed; null when the process does not exist (or vanished mid-read). */
export function readProcStat(pid: number): ProcStat | null {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return null;
  }
}

/** The process's current start time (epoch ms, as ProcInfo.startTime), or null if there is no such process. */
export function readStartTime(pid: number): number | null {
  // Constants first, the process's own file last: the caller's window before kill() stays minimal.
  const ticksPerSec = clkTck();
  const boot = bootTimeSec();
  const stat = readProcStat(pid);
  return stat ? startTimeMs(boot, stat.starttimeTicks, ticksPerSec) : null;
}
