// What one snapshot cannot tell: since when a process has been a zombie, and who its parent was
// before it was orphaned and adopted. Remembered per identity (pid + start time) across samples.
import { identityKey, type ProcInfo } from '../../shared/process.js';

interface Seen {
  ppid: number;
  previousPpid?: number;
  zombieSince?: number;
}

export class LineageTracker {
  private seen = new Map<string, Seen>();

  /** Adds zombieSince and previousPpid to the processes (in place) and forgets vanished identities. */
  annotate(processes: ProcInfo[], takenAtMs: number): void {
    const next = new Map<string, Seen>();
    for (const p of processes) {
      const key = identityKey(p);
      const before = this.seen.get(key);
      const entry: Seen = { ppid: p.ppid, previousPpid: before?.previousPpid, zombieSince: before?.zombieSince };
      if (before && before.ppid !== p.ppid) entry.previousPpid = before.ppid;
      if (p.state === 'Z') entry.zombieSince ??= takenAtMs;
      else entry.zombieSince = undefined;
      if (entry.zombieSince !== undefined) p.zombieSince = entry.zombieSince;
      if (entry.previousPpid !== undefined) p.previousPpid = entry.previousPpid;
      next.set(key, entry);
    }
    this.seen = next;
  }
}
