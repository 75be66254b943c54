// Reads a live process's identity from Linux /proc, synchronously, for the check made immediately
// before a signal is sent: synchronous so that no other event-loop work can run between the check
// and process.kill (see signal-sender.ts for the window that remains). The parsing and the formula
// are the sampler's own (main/processes), so the value is exactly ProcInfo.startTime.
import { readFileSync } from 'node:fs';
import { bootTimeSec, clockTicksPerSec, startTimeMs } from '../processes/proc-clock.js';
import { parseProcStat, type ProcStat } from '../processes/proc-stat.js';

/**
 * Reads CLK_TCK and btime now, through the sampler's own once-per-process cache, so the kill
 * check and the table always agree on every start time (a later clock step moves neither).
 */
export function primeStartTimeReader(): void {
  clockTicksPerSec();
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
  const ticksPerSec = clockTicksPerSec();
  const boot = bootTimeSec();
  const stat = readProcStat(pid);
  return stat ? startTimeMs(boot, stat.starttimeTicks, ticksPerSec) : null;
}

/**
 * The process (thread group) a Linux task id belongs to, from /proc/ID/status, or null if there is
 * no such task. A thread's id is not listed in /proc, yet kill() on it signals its whole process.
 */
export function readThreadGroupId(pid: number): number | null {
  try {
    const m = /^Tgid:\s*(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}
