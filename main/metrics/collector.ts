// Turns the app's own sampler output into what the exporters publish: per-group figures
// (groups.ts), the host's process and zombie counts, and one entry per live process the app
// started (playground and lesson runs). Both the Prometheus endpoint and the OTLP push read it.
import type { Snapshot } from '../../shared/process.js';
import type { ProcDetails } from '../processes/proc-details.js';
import type { Sampler } from '../processes/sampler.js';
import { GroupAccumulator, type GroupBy, type GroupOptions, type GroupStat } from './groups.js';

export interface MetricsSource {
  /** A recent snapshot (the monitor's latest if fresh, else a new one). */
  snapshot(): Promise<Snapshot>;
  /** The sampler's detail reader; absent on adapters that cannot split CPU or read I/O. */
  readDetails?: Sampler['readDetails'];
  /** Pids of the live processes the app started. */
  ownedPids(): readonly number[];
}

export interface OwnedProc {
  pid: number;
  /** Epoch seconds, as the start_time label. */
  startTimeSec: number;
  name: string;
  userSec: number;
  systemSec: number | null;
  residentBytes: number;
  virtualBytes: number | null;
  threads: number | null;
  openFds: number | null;
  readBytes: number | null;
  writeBytes: number | null;
}

/** Host-wide counts by the hostmetrics `processes` scraper's status names. */
export type HostStatus = 'running' | 'sleeping' | 'blocked' | 'zombies' | 'stopped' | 'idle' | 'unknown';

export interface MetricsView {
  takenAt: number;
  groupBy: GroupBy;
  groups: GroupStat[];
  host: { processes: number; zombies: number; byStatus: Record<HostStatus, number> };
  owned: OwnedProc[];
}

export function hostStatus(state: string): HostStatus {
  switch (state) {
    case 'R':
      return 'running';
    case 'S':
      return 'sleeping';
    case 'D':
      return 'blocked';
    case 'Z':
      return 'zombies';
    case 'T':
    case 't':
      return 'stopped';
    case 'I':
      return 'idle';
    default:
      return 'unknown';
  }
}

const NO_DETAILS: ProcDetails = {
  userSec: null,
  systemSec: null,
  readBytes: null,
  writeBytes: null,
  openFds: null,
  fdLimit: null,
  minorFaults: null,
  majorFaults: null,
  ctxVoluntary: null,
  ctxNonvoluntary: null,
  swapBytes: null,
  cgroup: null,
};

export class ProcessMetrics {
  private readonly groups: GroupAccumulator;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly source: MetricsSource,
    opts: GroupOptions = {},
  ) {
    this.groups = new GroupAccumulator(opts);
  }

  get groupBy(): GroupBy {
    return this.groups.groupBy;
  }

  /** One update. Calls run one at a time: each one's counter increases are relative to the previous. */
  collect(): Promise<MetricsView> {
    const next = this.queue.then(() => this.collectNow());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async collectNow(): Promise<MetricsView> {
    const snap = await this.source.snapshot();
    const procs = snap.processes;
    const details: (ProcDetails | null)[] = this.source.readDetails
      ? this.source.readDetails(procs, { cgroup: this.groups.groupBy === 'cgroup' })
      : // No split where the adapter gives only the total (macOS, Windows): it is all reported as user time.
        procs.map((p) => ({ ...NO_DETAILS, userSec: p.cpuTimeMs / 1000, systemSec: 0 }));
    const groups = this.groups.update(procs, details, snap.takenAt);

    const byStatus: Record<HostStatus, number> = { running: 0, sleeping: 0, blocked: 0, zombies: 0, stopped: 0, idle: 0, unknown: 0 };
    for (const p of procs) byStatus[hostStatus(p.state)]++;

    const owned: OwnedProc[] = [];
    const ownedPids = new Set(this.source.ownedPids());
    for (let i = 0; i < procs.length && ownedPids.size > 0; i++) {
      const p = procs[i];
      if (!ownedPids.has(p.pid)) continue;
      const d = details[i];
      owned.push({
        pid: p.pid,
        startTimeSec: Math.round(p.startTime / 10) / 100,
        name: p.name,
        userSec: d?.userSec ?? p.cpuTimeMs / 1000,
        systemSec: d ? d.systemSec : null,
        residentBytes: p.memRss,
        virtualBytes: p.memVsz,
        threads: p.threads,
        openFds: d?.openFds ?? null,
        readBytes: d?.readBytes ?? null,
        writeBytes: d?.writeBytes ?? null,
      });
    }
    return { takenAt: snap.takenAt, groupBy: this.groups.groupBy, groups, host: { processes: procs.length, zombies: byStatus.zombies, byStatus }, owned };
  }
}
