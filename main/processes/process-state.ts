// What the OS says about one process right now: its state letter, its parent and its name, as
// `ps` shows them (/proc on Linux, `ps -o` on macOS and BSD). The zombie, orphan and states lessons
// print what they see with it; a process cannot watch its own state this way (reading it, it is
// always running), so they watch others.
import { execFileSync } from 'node:child_process';
import { readProcStat } from './process-files.js';

export interface ProcState {
  pid: number;
  ppid: number;
  /** ps's letter: R running (or ready), S sleeping, D disk wait, T stopped, Z zombie, ... */
  state: string;
  name: string;
  /** Identity beside the pid (a pid can be reused): Linux start time in ticks; 0 elsewhere. */
  startTicks: number;
}


/**
 * Pure: one line of `ps -o ppid=,stat=,comm= -p PID` (macOS, BSD). Its STAT adds flags after the
 * letter ("S+", "Ss"); "I" (idle: asleep for over 20 s) and "U" (uninterruptible) are S and D.
 */
export function parsePsStateLine(pid: number, line: string): ProcState | null {
  const m = /^\s*(\d+)\s+(\S+)\s+(.+?)\s*$/.exec(line);
  if (!m) return null;
  const letter = m[2]![0]!;
  const state = letter === 'I' ? 'S' : letter === 'U' ? 'D' : letter;
  return { pid, ppid: Number(m[1]), state, name: m[3]!.split('/').pop()!, startTicks: 0 };
}

function readLinux(pid: number): ProcState | null {
  const st = readProcStat(pid);
  return st && { pid, ppid: st.ppid, state: st.state, name: st.comm, startTicks: st.starttimeTicks };
}

function readPs(pid: number): ProcState | null {
  try {
    const out = execFileSync('ps', ['-o', 'ppid=,stat=,comm=', '-p', String(pid)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return parsePsStateLine(pid, out.trim().split('\n')[0] ?? '');
  } catch {
    return null; // ps exits 1 when there is no such process
  }
}

/** The process's state now, or null when it does not exist (any more). Null on Windows, which has no such states. */
export function readProcState(pid: number): ProcState | null {
  if (process.platform === 'linux') return readLinux(pid);
  if (process.platform === 'win32') return null;
  return readPs(pid);
}

/** Still the same process: it exists and was not replaced by a new one under the same pid. */
export function sameProcess(before: ProcState, now: ProcState | null): now is ProcState {
  return now !== null && now.startTicks === before.startTicks;
}
