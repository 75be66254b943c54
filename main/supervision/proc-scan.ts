// One pass over /proc (Linux) listing every process with its group and its owner tokens: what a
// sweep needs to find the processes of a tree, including those that left it (setsid, re-parented).
// Elsewhere there is no /proc: hasProcFs() is false and callers fall back to process groups.
import fs from 'node:fs';
import { ProcReader } from '../processes/proc-reader.js';
import { parseProcStat } from '../processes/proc-stat.js';
import { tokensFromEnviron } from './owner-marker.js';

export interface ScannedProc {
  pid: number;
  ppid: number;
  pgrp: number;
  starttimeTicks: number;
  state: string;
  /** Owner tokens from its environment; empty when unmarked or unreadable (another user's process). */
  tokens: string[];
}

const PROC = '/proc';

export function hasProcFs(): boolean {
  return process.platform === 'linux' && fs.existsSync(`${PROC}/self/stat`);
}

const reader = new ProcReader();

/** Owner tokens of one process (empty when gone, denied or unmarked). */
export function readTokens(pid: number): string[] {
  const raw = reader.readRaw(`${PROC}/${pid}/environ`);
  return raw ? tokensFromEnviron(raw.toString('latin1')) : [];
}

/** Every process now, skipping kernel threads. Processes vanishing mid-scan are simply left out. */
export function scanProcesses(): ScannedProc[] {
  const out: ScannedProc[] = [];
  for (const entry of fs.readdirSync(PROC)) {
    const c = entry.charCodeAt(0);
    if (c < 0x30 || c > 0x39) continue;
    const text = reader.readText(`${PROC}/${entry}/stat`, true);
    if (text === null) continue;
    const st = parseProcStat(text);
    if (!st || st.kernelThread) continue;
    out.push({ pid: st.pid, ppid: st.ppid, pgrp: st.pgrp, starttimeTicks: st.starttimeTicks, state: st.state, tokens: readTokens(st.pid) });
  }
  return out;
}
