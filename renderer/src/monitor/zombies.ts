// Zombies and orphans as the monitor shows them: which parents have not reaped their zombie
// children, which rows get the "not reaping" badge, what the clean-up button of a zombie can do,
// and how an orphan was adopted. Pure.
import type { ProcInfo } from '../../../shared/process.js';

/** Parent pid → how many zombie children it has not collected (reaped) with wait(). */
export function zombieParents(processes: readonly ProcInfo[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const p of processes) {
    const parent = unreapedBy(p);
    if (parent) out.set(parent, (out.get(parent) ?? 0) + 1);
  }
  return out;
}

/** The pid of the parent that has not reaped this process, if it is a zombie with one (else 0). */
export function unreapedBy(p: ProcInfo): number {
  return p.state === 'Z' && p.ppid > 0 && p.ppid !== p.pid ? p.ppid : 0;
}

const NONE: ReadonlyMap<number, number> = new Map();

/**
 * The rows that carry the "not reaping" badge: every parent of a zombie while the Zombies quick
 * filter is on, and the parent of the selected process when that one is a zombie.
 */
export function notReapingBadges(
  parents: ReadonlyMap<number, number>,
  zombiesFilter: boolean,
  selected: ProcInfo | null | undefined,
): ReadonlyMap<number, number> {
  if (zombiesFilter) return parents;
  if (selected && selected.state === 'Z' && parents.has(selected.ppid)) {
    return new Map([[selected.ppid, parents.get(selected.ppid) ?? 1]]);
  }
  return NONE;
}

/** What the details pane of a zombie can offer to clean it up. */
export type CleanupPlan =
  /** End the parent: the zombie is handed to the reaper (pid 1 or a subreaper), which collects it. */
  | { kind: 'end-parent'; parent: ProcInfo }
  /** The parent is pid 1 (init, or the reaper it was handed to): it normally reaps; it is never signalled. */
  | { kind: 'init' }
  /** The parent is Process Playground itself, which reaps its own children. */
  | { kind: 'self'; parentPid: number }
  /** The parent is not in the table (pid 0, another namespace, or it just ended). */
  | { kind: 'no-parent'; parentPid: number };

export function cleanupPlan(zombie: ProcInfo, processes: readonly ProcInfo[], selfPids: ReadonlySet<number>): CleanupPlan {
  const ppid = zombie.ppid;
  if (ppid === 1) return { kind: 'init' };
  if (selfPids.has(ppid)) return { kind: 'self', parentPid: ppid };
  const parent = ppid > 0 && ppid !== zombie.pid ? processes.find((p) => p.pid === ppid) : undefined;
  return parent ? { kind: 'end-parent', parent } : { kind: 'no-parent', parentPid: ppid };
}

export interface OrphanInfo {
  /** The parent that ended. */
  previousPpid: number;
  /** The process that adopted it. */
  adopter: number;
  /** pid 1 (init) or a subreaper (any other adopter, e.g. systemd --user or a container's init). */
  by: 'init' | 'subreaper';
}

/** How an orphan was adopted, when the app saw its parent change; null otherwise. */
export function orphanInfo(p: ProcInfo): OrphanInfo | null {
  if (p.previousPpid === undefined || p.previousPpid === p.ppid) return null;
  return { previousPpid: p.previousPpid, adopter: p.ppid, by: p.ppid === 1 ? 'init' : 'subreaper' };
}

/** Milliseconds the process has been a zombie at time `now`, or null when unknown or not a zombie. */
export function zombieAgeMs(p: ProcInfo, now: number): number | null {
  if (p.state !== 'Z' || p.zombieSince === undefined) return null;
  return Math.max(0, now - p.zombieSince);
}
