// The clock facts behind Linux start times (ticks per second, boot time) and the page size,
// read once per Node process and shared: the sampler and the kill guard must compute the very
// same start time for a process, or a kill would be refused as "a different process".
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

const DEFAULT_CLK_TCK = 100;
const DEFAULT_PAGE_BYTES = 4096;
const MS_PER_SECOND = 1000;
const GETCONF_TIMEOUT_MS = 2000;

/** A sysconf value via getconf (Node has no sysconf), with a fallback if getconf is missing. */
export function getconf(name: string, fallback: number): number {
  try {
    const out = execFileSync('getconf', [name], { encoding: 'utf8', timeout: GETCONF_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'ignore'] });
    const n = Number(out.trim());
    return Number.isInteger(n) && n > 0 ? n : fallback;
  } catch {
    return fallback;
  }
}

/** Boot time, epoch seconds, from the btime line of /proc/stat. */
export function parseBootTimeSec(procStatText: string): number | null {
  const m = /^btime\s+(\d+)/m.exec(procStatText);
  return m ? Number(m[1]) : null;
}

/**
 * Epoch ms of a start time given in clock ticks since boot. Integer inputs and one rounding make
 * it exact and repeatable: the same process gets the same number on every tick (it is half its identity).
 */
export function startTimeMs(bootTimeSec: number, starttimeTicks: number, clkTck: number): number {
  return bootTimeSec * MS_PER_SECOND + Math.round((starttimeTicks * MS_PER_SECOND) / clkTck);
}

let clkTckCache: number | null = null;
let pageBytesCache: number | null = null;
let bootTimeSecCache: number | null = null;

/** CLK_TCK: the unit of the times in /proc/PID/stat (100 on nearly every Linux). */
export function clockTicksPerSec(): number {
  clkTckCache ??= getconf('CLK_TCK', DEFAULT_CLK_TCK);
  return clkTckCache;
}

/** The unit of rss in /proc/PID/stat. */
export function pageSizeBytes(): number {
  pageBytesCache ??= getconf('PAGESIZE', DEFAULT_PAGE_BYTES);
  return pageBytesCache;
}

/**
 * Boot time, epoch seconds, read once: the kernel derives btime from the wall clock, so a clock
 * step between two reads would shift every start time (and so every identity) by whole seconds.
 */
export function bootTimeSec(procStatPath = '/proc/stat'): number {
  if (bootTimeSecCache === null) {
    let text = '';
    try {
      text = fs.readFileSync(procStatPath, 'utf8');
    } catch {
      // no /proc/stat: estimate from uptime below
    }
    bootTimeSecCache = parseBootTimeSec(text) ?? Math.round(Date.now() / MS_PER_SECOND - os.uptime());
  }
  return bootTimeSecCache;
}
