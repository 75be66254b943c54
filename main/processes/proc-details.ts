// The per-process figures only the metrics export needs (CPU user/system split, I/O bytes, open
// file descriptors, cgroup), read from /proc on demand. The monitor never calls this, so its cost
// per tick does not change when metrics are off. Pure parsers here; the reading is in linux.ts.
import { parseFullStat, STAT } from './proc-stat.js';

/** What the metrics export reads per process beyond the listing; null fields were not readable. */
export interface ProcDetails {
  /** CPU time in user mode, seconds (null where the OS does not split it). */
  userSec: number | null;
  systemSec: number | null;
  /** Bytes this process caused to be fetched from / sent to storage (/proc/PID/io read_bytes, write_bytes). */
  readBytes: number | null;
  writeBytes: number | null;
  openFds: number | null;
  /** Soft limit on open files (RLIMIT_NOFILE), for process-exporter's worst_fd_ratio. */
  fdLimit: number | null;
  /** Page faults (stat minflt, majflt) and context switches (status), counters. */
  minorFaults: number | null;
  majorFaults: number | null;
  ctxVoluntary: number | null;
  ctxNonvoluntary: number | null;
  /** Swapped-out memory (status VmSwap). */
  swapBytes: number | null;
  /** The cgroup (v2 path, or the systemd v1 hierarchy's), only when asked for. */
  cgroup: string | null;
}

export interface DetailsOptions {
  cgroup?: boolean;
}

/** read_bytes and write_bytes of /proc/PID/io (proc(5)), or null when a field is missing. */
export function parseProcIo(text: string): { readBytes: number; writeBytes: number } | null {
  const r = /^read_bytes:\s*(\d+)$/m.exec(text);
  const w = /^write_bytes:\s*(\d+)$/m.exec(text);
  return r && w ? { readBytes: Number(r[1]), writeBytes: Number(w[1]) } : null;
}

/**
 * The cgroup a process is in, from /proc/PID/cgroup: the unified (v2) "0::PATH" entry when it
 * names more than the root, else the v1 systemd hierarchy's path, else the first entry's.
 */
export function parseProcCgroup(text: string): string | null {
  const lines = text.split('\n').filter((l) => l.length > 0);
  const pathOf = (line: string) => line.slice(line.indexOf(':', line.indexOf(':') + 1) + 1);
  const v2 = lines.find((l) => l.startsWith('0::'));
  if (v2 && pathOf(v2) !== '/') return pathOf(v2);
  const systemd = lines.find((l) => l.split(':')[1] === 'name=systemd');
  if (systemd) return pathOf(systemd);
  return v2 ? pathOf(v2) : lines.length > 0 ? pathOf(lines[0]) : null;
}

/** minflt and majflt of a /proc/PID/stat line (proc(5) fields 10 and 12). */
export function parseStatFaults(line: string): { minorFaults: number; majorFaults: number } | null {
  const stat = parseFullStat(line);
  if (!stat) return null;
  const minor = stat.field(STAT.minflt);
  const major = stat.field(STAT.majflt);
  return Number.isFinite(minor) && Number.isFinite(major) ? { minorFaults: minor, majorFaults: major } : null;
}

/** Context switches and swapped memory from /proc/PID/status; a field missing (kernel threads have no VmSwap) is null. */
export function parseProcStatus(text: string): { ctxVoluntary: number | null; ctxNonvoluntary: number | null; swapBytes: number | null } {
  const num = (re: RegExp) => {
    const m = re.exec(text);
    return m ? Number(m[1]) : null;
  };
  const swapKb = num(/^VmSwap:\s*(\d+) kB$/m);
  return {
    ctxVoluntary: num(/^voluntary_ctxt_switches:\s*(\d+)$/m),
    ctxNonvoluntary: num(/^nonvoluntary_ctxt_switches:\s*(\d+)$/m),
    swapBytes: swapKb === null ? null : swapKb * 1024,
  };
}

/** The soft "Max open files" of /proc/PID/limits; null when unlimited or absent. */
export function parseOpenFilesLimit(text: string): number | null {
  const m = /^Max open files\s+(\S+)/m.exec(text);
  return m && /^\d+$/.test(m[1]) ? Number(m[1]) : null;
}
