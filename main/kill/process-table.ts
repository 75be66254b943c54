// One snapshot of the process table with just what a Kill tree needs (pid, parent, start time,
// state), read straight from Linux /proc in one pass: a few milliseconds for a thousand
// processes, where asking `ps` per process (tree-kill) took seconds.
import fs from 'node:fs';
import { bootTimeSec, clockTicksPerSec, startTimeMs } from '../processes/proc-clock.js';
import { ProcReader } from '../processes/proc-reader.js';
import { parseProcStat } from '../processes/proc-stat.js';

export interface TableEntry {
  pid: number;
  ppid: number;
  /** Epoch ms, exactly as ProcInfo.startTime and readStartTime() give it. */
  startTime: number;
  state: string;
}

const reader = new ProcReader();

/** Every user-space process now (kernel threads left out); one vanishing mid-scan is simply missing. */
export function scanProcessTable(): TableEntry[] {
  const ticks = clockTicksPerSec();
  const boot = bootTimeSec();
  const out: TableEntry[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    const c = entry.charCodeAt(0);
    if (c < 0x30 || c > 0x39) continue;
    const text = reader.readText(`/proc/${entry}/stat`, true);
    if (text === null) continue;
    const st = parseProcStat(text);
    if (!st || st.kernelThread) continue;
    out.push({ pid: st.pid, ppid: st.ppid, startTime: startTimeMs(boot, st.starttimeTicks, ticks), state: st.state });
  }
  return out;
}
