// Aggregates processes into named groups with process-exporter's semantics (ncabatoff/process-exporter,
// proc/grouper.go and proc/tracker.go), so its dashboards read our numbers the same way:
// - a process keeps the group it was first seen in (like process-exporter without -recheck);
// - counters (CPU seconds, I/O bytes) are the sum of per-process increases since the previous
//   update, accumulated per group, so they never decrease when a process exits (its last partial
//   increase is lost, as there); a process that started after the first update counts from zero,
//   one that was already running counts from the first update on;
// - a group whose processes are all gone keeps its counters and reports zero for the gauges.
// Groups are capped, so a host that makes thousands of distinct names cannot blow up the series
// count: past the cap a new name takes the slot of the group empty for longest (if it has been empty
// a while; its counters restart, which Prometheus' rate() treats as a reset), else it is counted in
// OVERFLOW_GROUP. A name never moves between groups while it has a slot, so every counter stays monotonic.
import type { ProcInfo } from '../../shared/process.js';
import type { ProcDetails } from '../processes/proc-details.js';

export type GroupBy = 'name' | 'user' | 'cgroup';
export const GROUP_BY: readonly GroupBy[] = ['name', 'user', 'cgroup'];

/** Where processes go once the cap is reached. 17 characters: no comm (15 at most), user or cgroup path can equal it. */
export const OVERFLOW_GROUP = 'procplay:overflow';
export const DEFAULT_MAX_GROUPS = 500;
/** An empty group may give its slot to a new name after this long. */
const EVICT_EMPTY_AFTER_MS = 10 * 60 * 1000;

export interface StateCounts {
  Running: number;
  Sleeping: number;
  Waiting: number;
  Zombie: number;
  Other: number;
}

export interface GroupStat {
  name: string;
  procs: number;
  /** Counters, seconds and bytes; the I/O ones are null while no process of the group was readable. */
  cpuUserSec: number;
  cpuSystemSec: number;
  readBytes: number | null;
  writeBytes: number | null;
  minorFaults: number | null;
  majorFaults: number | null;
  ctxVoluntary: number | null;
  ctxNonvoluntary: number | null;
  residentBytes: number;
  /** Swapped-out memory; null when no process of the group said. */
  swapBytes: number | null;
  /** The highest open-fds / fd-limit ratio among the group's live processes (0 when none could be read). */
  worstFdRatio: number;
  virtualBytes: number;
  threads: number;
  states: StateCounts;
  /** Epoch seconds of the oldest live process; null when the group is empty. */
  oldestStartSec: number | null;
  /** Null when no live process of the group let us count its fds. */
  openFds: number | null;
}

/** process-exporter's mapping of the state letter (proc/read.go GetStates). */
export function stateBucket(state: string): keyof StateCounts {
  switch (state) {
    case 'R':
      return 'Running';
    case 'S':
      return 'Sleeping';
    case 'D':
      return 'Waiting';
    case 'Z':
      return 'Zombie';
    default:
      return 'Other';
  }
}

/** The counters other than CPU: summed from per-process increases like it, null while never readable. */
const COUNTERS = ['readBytes', 'writeBytes', 'minorFaults', 'majorFaults', 'ctxVoluntary', 'ctxNonvoluntary'] as const;
type CounterName = (typeof COUNTERS)[number];
type Counters = Record<CounterName, number | null>;

interface Accum extends Counters {
  cpuUserSec: number;
  cpuSystemSec: number;
  /** When the group last had a live process (epoch ms). */
  lastLiveMs: number;
}

interface Seen extends Counters {
  group: string;
  userSec: number;
  systemSec: number;
}

const noCounters = (): Counters => ({ readBytes: null, writeBytes: null, minorFaults: null, majorFaults: null, ctxVoluntary: null, ctxNonvoluntary: null });
const zeroCounters = (): Counters => ({ readBytes: 0, writeBytes: 0, minorFaults: 0, majorFaults: 0, ctxVoluntary: 0, ctxNonvoluntary: 0 });
const newAccum = (nowMs: number): Accum => ({ cpuUserSec: 0, cpuSystemSec: 0, ...noCounters(), lastLiveMs: nowMs });

export interface GroupOptions {
  groupBy?: GroupBy;
  maxGroups?: number;
}

const emptyStates = (): StateCounts => ({ Running: 0, Sleeping: 0, Waiting: 0, Zombie: 0, Other: 0 });
const roundMicro = (x: number) => Math.round(x * 1e6) / 1e6;
const key = (p: ProcInfo) => `${p.pid}:${p.startTime}`;
const grow = (total: number | null, delta: number | null) => (delta === null ? total : (total ?? 0) + delta);
const increase = (now: number | null, before: number | null) => (now === null ? null : Math.max(0, now - (before ?? now)));

export class GroupAccumulator {
  readonly groupBy: GroupBy;
  private readonly maxGroups: number;
  private firstUpdateMs: number | null = null;
  private seen = new Map<string, Seen>();
  private readonly accum = new Map<string, Accum>();

  constructor(opts: GroupOptions = {}) {
    this.groupBy = opts.groupBy ?? 'name';
    this.maxGroups = Math.max(1, opts.maxGroups ?? DEFAULT_MAX_GROUPS);
  }

  /** The group name a process would get, before the cap. Kernel threads are in no group (process-exporter's `cmdline: .+` leaves them out). */
  groupOf(p: ProcInfo, d: ProcDetails | null): string {
    if (this.groupBy === 'user') return p.user || (p.uid === null ? '?' : String(p.uid));
    if (this.groupBy === 'cgroup') return d?.cgroup ?? '?';
    return p.name;
  }

  /**
   * One update from a listing and its details (same order; a null detail means the process's
   * counters could not be read this time: it counts in the gauges, its counters wait for the next update).
   */
  update(processes: readonly ProcInfo[], details: readonly (ProcDetails | null)[], nowMs: number): GroupStat[] {
    const first = this.firstUpdateMs === null;
    if (first) this.firstUpdateMs = nowMs;
    const firstMs = this.firstUpdateMs as number;
    const live = new Map<string, GroupStat>();
    const nextSeen = new Map<string, Seen>();

    for (let i = 0; i < processes.length; i++) {
      const p = processes[i];
      if (p.kernelThread) continue;
      const d = details[i] ?? null;
      const id = key(p);
      const before = this.seen.get(id);
      const group = before?.group ?? this.slotFor(this.groupOf(p, d), nowMs);
      let g = live.get(group);
      if (!g) {
        g = { name: group, procs: 0, cpuUserSec: 0, cpuSystemSec: 0, ...noCounters(), residentBytes: 0, swapBytes: null, worstFdRatio: 0, virtualBytes: 0, threads: 0, states: emptyStates(), oldestStartSec: null, openFds: null };
        live.set(group, g);
      }
      g.procs++;
      g.residentBytes += p.memRss;
      g.virtualBytes += p.memVsz ?? 0;
      g.threads += p.threads ?? 0;
      g.states[stateBucket(p.state)]++;
      const startSec = Math.floor(p.startTime / 1000);
      if (g.oldestStartSec === null || startSec < g.oldestStartSec) g.oldestStartSec = startSec;
      if (d?.openFds != null) g.openFds = (g.openFds ?? 0) + d.openFds;
      if (d?.swapBytes != null) g.swapBytes = (g.swapBytes ?? 0) + d.swapBytes;
      if (d?.openFds != null && d.fdLimit) g.worstFdRatio = Math.max(g.worstFdRatio, d.openFds / d.fdLimit);

      if (!d || d.userSec === null || d.systemSec === null) {
        if (before) nextSeen.set(id, before);
        continue;
      }
      const now: Seen = { group, userSec: d.userSec, systemSec: d.systemSec, readBytes: d.readBytes, writeBytes: d.writeBytes, minorFaults: d.minorFaults, majorFaults: d.majorFaults, ctxVoluntary: d.ctxVoluntary, ctxNonvoluntary: d.ctxNonvoluntary };
      nextSeen.set(id, now);
      // The increase since the last update; a new process counts whole if it started after our first update.
      const base: Seen | null = before ?? (!first && p.startTime > firstMs ? { group, userSec: 0, systemSec: 0, ...zeroCounters() } : null);
      g.cpuUserSec += base ? Math.max(0, now.userSec - base.userSec) : 0;
      g.cpuSystemSec += base ? Math.max(0, now.systemSec - base.systemSec) : 0;
      for (const c of COUNTERS) g[c] = grow(g[c], base ? increase(now[c], base[c]) : now[c] === null ? null : 0);
    }
    this.seen = nextSeen;

    // Add the increases to each group's history; empty groups report their counters alone.
    const out: GroupStat[] = [];
    for (const g of live.values()) {
      const a = this.accum.get(g.name) ?? newAccum(nowMs);
      // Rounded to microseconds: tick counts divided by CLK_TCK would otherwise print as 0.009999999999999787.
      a.cpuUserSec = roundMicro(a.cpuUserSec + g.cpuUserSec);
      a.cpuSystemSec = roundMicro(a.cpuSystemSec + g.cpuSystemSec);
      for (const c of COUNTERS) a[c] = grow(a[c], g[c]);
      a.lastLiveMs = nowMs;
      this.accum.set(g.name, a);
      const totals: Counters = noCounters();
      for (const c of COUNTERS) totals[c] = a[c];
      out.push({ ...g, ...totals, cpuUserSec: a.cpuUserSec, cpuSystemSec: a.cpuSystemSec });
    }
    for (const [name, a] of this.accum) {
      if (live.has(name)) continue;
      const totals: Counters = noCounters();
      for (const c of COUNTERS) totals[c] = a[c];
      out.push({ name, procs: 0, cpuUserSec: a.cpuUserSec, cpuSystemSec: a.cpuSystemSec, ...totals, residentBytes: 0, swapBytes: null, worstFdRatio: 0, virtualBytes: 0, threads: 0, states: emptyStates(), oldestStartSec: null, openFds: null });
    }
    return out;
  }

  /** The group a new process joins: its own name if it has (or can get) a slot, else OVERFLOW_GROUP. */
  private slotFor(name: string, nowMs: number): string {
    if (this.accum.has(name) || this.accum.size < this.maxGroups) {
      if (!this.accum.has(name)) this.accum.set(name, newAccum(nowMs));
      return name;
    }
    let oldest: string | null = null;
    let oldestMs = nowMs - EVICT_EMPTY_AFTER_MS;
    for (const [n, a] of this.accum) {
      if (n !== OVERFLOW_GROUP && a.lastLiveMs < oldestMs) {
        oldest = n;
        oldestMs = a.lastLiveMs;
      }
    }
    if (oldest === null) {
      if (!this.accum.has(OVERFLOW_GROUP)) this.accum.set(OVERFLOW_GROUP, newAccum(nowMs));
      return OVERFLOW_GROUP;
    }
    this.accum.delete(oldest);
    this.accum.set(name, newAccum(nowMs));
    return name;
  }

  get groupCount(): number {
    return this.accum.size;
  }
}
