// Ends a set of process trees, described by what survives re-parenting: their process groups and
// their owner tokens. Used by the watchdog when the app is gone and by Stop in the playground.
// SIGTERM first; after a grace period SIGKILL, repeated until nothing is found (a tree that
// forks while being killed is caught by the next round).
import { hasProcFs, scanProcesses, type ScannedProc } from './proc-scan.js';
import { matchesAny } from './owner-marker.js';

export interface SweepTarget {
  /** Process group ids (POSIX). On Linux a group is signalled only while one of its members carries a matching token (a freed id may be reused). */
  groups: readonly number[];
  /** Exact owner tokens. */
  tokens: ReadonlySet<string>;
  /** Token prefixes (every run of one owner). */
  prefixes: readonly string[];
  /** Pids never signalled (the caller itself, its parent). */
  spare?: ReadonlySet<number>;
}

export interface SweepPlan {
  groups: number[];
  pids: number[];
}

/** Pure: which groups and pids of a scan belong to the target. */
export function planSweep(scan: readonly ScannedProc[], target: SweepTarget): SweepPlan {
  const spare = target.spare ?? new Set<number>();
  const wanted = new Set(target.groups);
  const groups = new Set<number>();
  const pids: number[] = [];
  for (const p of scan) {
    if (spare.has(p.pid) || p.state === 'Z' || p.state === 'X') continue;
    if (!matchesAny(p.tokens, target.tokens, target.prefixes)) continue;
    pids.push(p.pid);
    if (wanted.has(p.pgrp)) groups.add(p.pgrp);
  }
  return { groups: [...groups], pids };
}

export function signalQuietly(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false; // gone already, or not ours to signal
  }
}

/** Signals the target once; returns how many groups and processes were found alive. */
export function signalTarget(target: SweepTarget, signal: NodeJS.Signals): number {
  if (!hasProcFs()) {
    // No /proc: the groups are all we can name.
    let n = 0;
    for (const g of target.groups) if (signalQuietly(-g, signal)) n++;
    return n;
  }
  const plan = planSweep(scanProcesses(), target);
  for (const g of plan.groups) signalQuietly(-g, signal);
  for (const pid of plan.pids) signalQuietly(pid, signal);
  return plan.groups.length + plan.pids.length;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface EndOptions {
  graceMs: number;
  /** Pause between checks and between SIGKILL rounds. */
  pollMs?: number;
  /** Most SIGKILL rounds (each one scan). */
  maxKillRounds?: number;
}

/** SIGTERM, then (as soon as all are gone, or after graceMs) SIGKILL rounds until nothing is left. Resolves true when nothing was left. */
export async function endTarget(target: SweepTarget, opts: EndOptions): Promise<boolean> {
  const pollMs = opts.pollMs ?? 50;
  if (signalTarget(target, 'SIGTERM') === 0) return true;
  const deadline = performance.now() + opts.graceMs;
  while (performance.now() < deadline) {
    await sleep(pollMs);
    if (hasProcFs() && planSweep(scanProcesses(), target).pids.length === 0) return true;
  }
  for (let round = 0; round < (opts.maxKillRounds ?? 20); round++) {
    if (signalTarget(target, 'SIGKILL') === 0) return true;
    await sleep(pollMs);
  }
  return !hasProcFs() || planSweep(scanProcesses(), target).pids.length === 0;
}
