// The portable adapter, for macOS and Windows (and Linux when forced, for the contract test):
// ps-list for the table, pidusage for CPU time and memory, and on unix one `ps` for user and state.
// Slower than /proc, but it needs no per-OS code of ours.
import { execFile } from 'node:child_process';
import os from 'node:os';
import type pidusage from 'pidusage';
import type { PlatformCapabilities, SystemMeters } from '../../shared/process.js';
import { createCpuMeter } from './cpu-meter.js';
import type { ProcessAdapter, RawProc } from './sampler.js';

/** Start times computed as (now - elapsed) jitter by up to this much between samples (macOS etime has 1 s steps). */
export const START_TIME_TOLERANCE_MS = 2000;
const PS_TIMEOUT_MS = 10_000;
const PS_MAX_BUFFER_BYTES = 64 * 1024 * 1024;

export interface PsRow {
  user: string;
  state: string;
}

/**
 * Parses `ps -axo pid=,stat=,user=` output into pid → user and one-letter state.
 * The user is last so that it may be any text; the state is the first letter of STAT.
 */
export function parsePsUserState(stdout: string): Map<number, PsRow> {
  const rows = new Map<number, PsRow>();
  for (const line of stdout.split('\n')) {
    const m = /^\s*(\d+)\s+(\S+)\s+(.*?)\s*$/.exec(line);
    if (m) rows.set(Number(m[1]), { state: m[2][0], user: m[3] });
  }
  return rows;
}

interface StableStart {
  name: string;
  startTime: number;
  seen: number;
}

/**
 * Keeps one start time per process although each sample computes a slightly different one.
 * The first value is kept while the pid shows the same name and a start time within tolerance;
 * otherwise the pid was reused and the new value starts a new identity. (The ppid is not part of
 * the check: a process whose parent dies is re-parented, and it is still the same process.)
 */
export class StableStartTimes {
  private readonly byPid = new Map<number, StableStart>();
  private sampleNo = 0;

  beginSample(): void {
    this.sampleNo++;
  }

  get(pid: number, name: string, computedStartTime: number): number {
    const s = this.byPid.get(pid);
    if (s && s.name === name && Math.abs(s.startTime - computedStartTime) <= START_TIME_TOLERANCE_MS) {
      s.seen = this.sampleNo;
      return s.startTime;
    }
    const startTime = Math.round(computedStartTime);
    this.byPid.set(pid, { name, startTime, seen: this.sampleNo });
    return startTime;
  }

  /** Forgets pids not seen in the current sample. */
  endSample(): void {
    for (const [pid, s] of this.byPid) if (s.seen !== this.sampleNo) this.byPid.delete(pid);
  }
}

function runPs(args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile('ps', args, { encoding: 'utf8', timeout: PS_TIMEOUT_MS, maxBuffer: PS_MAX_BUFFER_BYTES, env: { ...process.env, LC_ALL: 'C' } }, (err, stdout) =>
      // A failed ps only costs us user and state ('?'), not the whole sample.
      resolve(err ? '' : stdout),
    );
  });
}

// ps-list and pidusage are loaded on first use: on Linux this adapter is chosen only when asked
// for, and web mode and the desktop app should not pay for loading them at every start.
const loadPsList = () => import('ps-list').then((m) => m.default);
const loadPidusage = () => import('pidusage').then((m) => m.default);

async function usageOf(pids: number[]): Promise<Record<string, pidusage.Status>> {
  if (pids.length === 0) return {};
  try {
    // Batch call: pidusage skips pids that vanished (its "graceful" mode) and resolves the rest.
    return await (await loadPidusage())(pids);
  } catch {
    return {};
  }
}

export interface PortableAdapterOptions {
  /** The platform to behave as; defaults to process.platform. */
  platform?: NodeJS.Platform;
}

export function createPortableAdapter(options: PortableAdapterOptions = {}): ProcessAdapter {
  const platform = options.platform ?? process.platform;
  const windows = platform === 'win32';
  // procps truncates user names to 8 characters unless given a width; BSD ps has no width syntax.
  const psArgs = ['-axo', platform === 'linux' ? 'pid=,stat=,user:64=' : 'pid=,stat=,user='];
  const starts = new StableStartTimes();
  const cpuMeter = createCpuMeter();
  const capabilities: PlatformCapabilities = { platform, zombies: !windows, signals: !windows, adapter: 'portable' };

  async function listProcesses(): Promise<RawProc[]> {
    const [table, psOut] = await Promise.all([loadPsList().then((psList) => psList()), windows ? Promise.resolve('') : runPs(psArgs)]);
    const psRows = parsePsUserState(psOut);
    const usage = await usageOf(table.map((p) => p.pid));
    starts.beginSample();
    const out: RawProc[] = [];
    for (const p of table) {
      const u = usage[p.pid];
      if (!u) continue; // vanished between the listing and the usage read
      const row = psRows.get(p.pid);
      out.push({
        pid: p.pid,
        ppid: p.ppid,
        startTime: starts.get(p.pid, p.name, u.timestamp - u.elapsed),
        name: p.name,
        command: p.cmd || p.name,
        user: row?.user ?? '',
        uid: p.uid ?? null,
        // Windows has no zombie or stopped state to report: everything listed is running.
        state: windows ? 'R' : (row?.state ?? '?'),
        cpuTimeMs: u.ctime,
        memRss: u.memory,
        memVsz: null,
        threads: null,
        // Only Linux has kernel threads in the table: kthreadd (pid 2) and its children.
        kernelThread: platform === 'linux' && (p.pid === 2 || p.ppid === 2),
      });
    }
    starts.endSample();
    return out;
  }

  async function readMeters(): Promise<SystemMeters> {
    const { cpuPerCore, cpuTotal } = cpuMeter();
    const memTotal = os.totalmem();
    const [l1, l5, l15] = os.loadavg();
    return {
      cpuPerCore,
      cpuTotal,
      memTotal,
      memUsed: memTotal - os.freemem(),
      swapTotal: null,
      swapUsed: null,
      load: windows ? null : [l1, l5, l15],
      uptimeSec: os.uptime(),
    };
  }

  return { name: 'portable', capabilities, listProcesses, readMeters };
}
