// One process's files under Linux /proc, read on demand: the single place outside the sampler that
// opens /proc/PID/*, so the kill check, the lessons, the playground and the supervisor share one
// parser, one error vocabulary (gone or denied → null) and one start-time formula with the table.
// Synchronous on purpose: the kill check reads and signals with no event-loop turn in between.
import fs from 'node:fs';
import { constants } from 'node:os';
import { bootTimeSec, clockTicksPerSec, startTimeMs } from './proc-clock.js';
import { ProcReader } from './proc-reader.js';
import { parseFullStat, parseProcStat, STAT, type ProcStat } from './proc-stat.js';

const reader = new ProcReader();

/** Whether this system has a Linux /proc to read; elsewhere every read below returns null. */
export function hasProcFs(): boolean {
  return process.platform === 'linux' && fs.existsSync('/proc/self/stat');
}

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
  const text = reader.readText(`/proc/${pid}/stat`, true);
  return text === null ? null : parseProcStat(text);
}

/** The start time (epoch ms, as ProcInfo.startTime) of a stat already read. */
export function startTimeOfStat(stat: ProcStat): number {
  return startTimeMs(bootTimeSec(), stat.starttimeTicks, clockTicksPerSec());
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
  const text = reader.readText(`/proc/${pid}/status`);
  const m = text === null ? null : /^Tgid:\s*(\d+)$/m.exec(text);
  return m ? Number(m[1]) : null;
}

/**
 * The environment as NUL-separated KEY=VALUE entries (latin1: bytes kept as they are), or null
 * when gone or denied (another user's process). A zombie's reads empty.
 */
export function readEnviron(pid: number): string | null {
  const raw = reader.readRaw(`/proc/${pid}/environ`);
  return raw === null ? null : raw.toString('latin1');
}

/** The kernel's name of the process (comm, at most 15 bytes), or null when gone. */
export function readComm(pid: number): string | null {
  const text = reader.readText(`/proc/${pid}/comm`, true);
  return text === null ? null : text.trimEnd();
}

/** Every user-space process now, parsed (kernel threads left out; one vanishing mid-scan is simply missing). */
export function scanProcStats(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    const c = entry.charCodeAt(0);
    if (c < 0x30 || c > 0x39) continue;
    const text = reader.readText(`/proc/${entry}/stat`, true);
    if (text === null) continue;
    const st = parseProcStat(text);
    if (st && !st.kernelThread) out.push(st);
  }
  return out;
}

/** CPU time (utime + stime, ms) and resident size (bytes) of one process, or null when gone. */
export function readCpuAndRss(pid: number): { cpuMs: number; rssBytes: number } | null {
  const stat = readProcStat(pid);
  const status = reader.readText(`/proc/${pid}/status`);
  const rss = status === null ? null : /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!stat || !rss) return null;
  return { cpuMs: ((stat.utimeTicks + stat.stimeTicks) * 1000) / clockTicksPerSec(), rssBytes: Number(rss[1]) * 1024 };
}

export interface ExitStatus {
  exitCode: number | null;
  signal: string | null;
}

const signalName = (n: number): string | null =>
  Object.entries(constants.signals as Record<string, number>).find(([, v]) => v === n)?.[0] ?? null;

/** Pure: a wait status as exit code or signal (WIFEXITED / WIFSIGNALED). */
export function decodeWaitStatus(status: number): ExitStatus {
  const sig = status & 0x7f;
  if (sig === 0) return { exitCode: (status >> 8) & 0xff, signal: null };
  return { exitCode: null, signal: signalName(sig) ?? `signal ${sig}` };
}

/** Pure: the exit status in a zombie's stat line, or null if the line is too short (old kernel). */
export function parseZombieStat(line: string): ExitStatus | null {
  const status = parseFullStat(line)?.field(STAT.exitCode);
  return status === undefined || !Number.isInteger(status) || status < 0 ? null : decodeWaitStatus(status);
}

/**
 * How a zombie ended, from the last field of its stat (exit_code, Linux 3.5+): the wait status its
 * parent will collect. For a process one did not spawn, the one chance to learn its exit code.
 */
export function readZombieStatus(pid: number): ExitStatus | null {
  if (process.platform !== 'linux') return null;
  const text = reader.readText(`/proc/${pid}/stat`, true);
  return text === null ? null : parseZombieStat(text);
}
