// One pass over the process table (Linux) listing every process with its group and its owner
// tokens: what a sweep needs to find the processes of a tree, including those that left it
// (setsid, re-parented). The reads are the platform layer's; here only what the marker means.
// Elsewhere there is no /proc: hasProcFs() is false and callers fall back to process groups.
import { readEnviron, scanProcStats, startTimeOfStat } from '../processes/process-files.js';
import { tokensFromEnviron } from './owner-marker.js';

export { hasProcFs } from '../processes/process-files.js';

export interface ScannedProc {
  pid: number;
  ppid: number;
  pgrp: number;
  /** Epoch ms, as a ProcessHandle pins a process: a pid signalled later is checked to be still this one. */
  startTime: number;
  state: string;
  /** Owner tokens from its environment; empty when unmarked or unreadable (another user's process). */
  tokens: string[];
}

/** Owner tokens of one process (empty when gone, denied or unmarked); `name`: the marker's variable (the owner's by default). */
export function readTokens(pid: number, name?: string): string[] {
  const environ = readEnviron(pid);
  return environ ? tokensFromEnviron(environ, name) : [];
}

/** Every process now, skipping kernel threads. Processes vanishing mid-scan are simply left out. */
export function scanProcesses(): ScannedProc[] {
  return scanProcStats().map((st) => ({ pid: st.pid, ppid: st.ppid, pgrp: st.pgrp, startTime: startTimeOfStat(st), state: st.state, tokens: readTokens(st.pid) }));
}
