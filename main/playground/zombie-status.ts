// How a zombie ended, read from the last field of /proc/PID/stat (exit_code, Linux 3.5+): the
// wait status its parent will collect. Only the runner's own child (the root) is waited for by
// the runner; for the others this is the one chance to learn their exit code or signal.
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';

export interface ExitStatus {
  exitCode: number | null;
  signal: string | null;
}

/** Fields after "pid (comm) ": exit_code is field 52 of proc(5), the 50th after the comm. */
const EXIT_CODE_INDEX_AFTER_COMM = 52 - 3;

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
  const close = line.lastIndexOf(')');
  if (close < 0) return null;
  const fields = line.slice(close + 1).trim().split(/\s+/);
  const raw = fields[EXIT_CODE_INDEX_AFTER_COMM];
  if (raw === undefined || !/^\d+$/.test(raw)) return null;
  return decodeWaitStatus(Number(raw));
}

export function readZombieStatus(pid: number): ExitStatus | null {
  if (process.platform !== 'linux') return null;
  try {
    return parseZombieStat(readFileSync(`/proc/${pid}/stat`, 'latin1'));
  } catch {
    return null;
  }
}
