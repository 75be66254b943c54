// Ends a set of process trees, described by what survives re-parenting: their process groups and
// their owner tokens. Used by the watchdog (watchdog.ts), when the app that started the trees is
// gone. The order is the runs' own (runs/stop-sequence.ts: SIGTERM, grace, SIGKILL rounds until
// nothing is found); every pid is signalled through a handle pinned to the start time the scan
// read, so a process that ended and whose pid was reused since is not touched.
//
// Why the watchdog does not stop its trees with runs/stop-run.ts's stopRuns, which follows the same
// order: it names them differently, and knows less about them.
//   - What it matches: any token starting with the app's owner prefix, not one run's exact token: a
//     run spawned but not yet registered when the app died is ended too.
//   - Groups: a registration carries a group id and a token, not the root's start time, so a group
//     is signalled only while one of its members carries a matching token (a runner, which pinned
//     its root, also signals a group whose root is gone and whose members cleared their marker).
//   - Without /proc: a runner is its root's parent (the root's pid cannot be reused before the
//     runner reaps it) and signals it and the members it saw by pid; the watchdog is nobody's
//     parent and signals groups only.
//   - It gives up after a number of SIGKILL rounds (each one scan), a runner after a time; and it
//     has no runner telling it that a tree has ended, only its scans.
import type { SignalName } from '../../shared/api.js';
import { ProcessHandle } from '../processes/process-handle.js';
import { signalGroup } from '../processes/process-group.js';
import { runStopSequence } from '../runs/stop-sequence.js';
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
  /** The processes to signal, as scanned: each pinned to its start time. */
  procs: ScannedProc[];
}

/** Pure: which groups and processes of a scan belong to the target. */
export function planSweep(scan: readonly ScannedProc[], target: SweepTarget): SweepPlan {
  const spare = target.spare ?? new Set<number>();
  const wanted = new Set(target.groups);
  const groups = new Set<number>();
  const procs: ScannedProc[] = [];
  for (const p of scan) {
    if (spare.has(p.pid) || p.state === 'Z' || p.state === 'X') continue;
    if (!matchesAny(p.tokens, target.tokens, target.prefixes)) continue;
    procs.push(p);
    if (wanted.has(p.pgrp)) groups.add(p.pgrp);
  }
  return { groups: [...groups], procs };
}

/**
 * Signals a plan once: each group, and each process if its pid still names the one scanned (the
 * handle refuses a pid freed and reused since the scan). Returns how many answered.
 */
export function signalPlan(plan: SweepPlan, signal: SignalName): number {
  let n = 0;
  for (const g of plan.groups) if (signalGroup(g, signal)) n++;
  for (const p of plan.procs) if (new ProcessHandle(p.pid, p.startTime).signal(signal).ok) n++;
  return n;
}

/** Signals the target once; returns how many groups and processes answered. */
export function signalTarget(target: SweepTarget, signal: SignalName): number {
  if (!hasProcFs()) {
    // No /proc: the groups are all we can name.
    let n = 0;
    for (const g of target.groups) if (signalGroup(g, signal)) n++;
    return n;
  }
  return signalPlan(planSweep(scanProcesses(), target), signal);
}

export interface EndOptions {
  graceMs: number;
  /** Pause between checks and between SIGKILL rounds. */
  pollMs?: number;
  /** Most SIGKILL rounds (each one scan). */
  maxKillRounds?: number;
}

/** SIGTERM, then (as soon as all are gone, or after graceMs) SIGKILL rounds until nothing is left. Resolves true when nothing was left. */
export function endTarget(target: SweepTarget, opts: EndOptions): Promise<boolean> {
  return runStopSequence(
    {
      term: () => signalTarget(target, 'SIGTERM') === 0,
      nothingLeft: () => hasProcFs() && planSweep(scanProcesses(), target).procs.length === 0,
      kill: () => signalTarget(target, 'SIGKILL') === 0,
    },
    { graceMs: opts.graceMs, pollMs: opts.pollMs, maxKillRounds: opts.maxKillRounds ?? 20 },
  );
}
