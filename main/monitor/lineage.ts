// What one snapshot cannot tell: since when a process has been a zombie, and who its parent was
// before it was orphaned and adopted. Remembered per identity (pid + start time) across samples.
import type { ProcInfo } from '../../shared/process.js';

interface Seen {
  startTime: number;
  ppid: number;
  previousPpid?: number;
  zombieSince?: number;
  /** The annotate call that last saw this identity: entries not seen in the latest one are dropped. */
  seenAt: number;
}

export class LineageTracker {
  /** By pid, with the start time telling a reused pid from the process that had it. */
  private readonly seen = new Map<number, Seen>();
  private calls = 0;

  /** Adds zombieSince and previousPpid to the processes (in place) and forgets vanished identities. */
  annotate(processes: ProcInfo[], takenAtMs: number): void {
    const call = ++this.calls;
    for (const p of processes) {
      let entry = this.seen.get(p.pid);
      if (!entry || entry.startTime !== p.startTime) {
        entry = { startTime: p.startTime, ppid: p.ppid, seenAt: call };
        this.seen.set(p.pid, entry);
      } else if (entry.ppid !== p.ppid) {
        entry.previousPpid = entry.ppid;
        entry.ppid = p.ppid;
      }
      entry.seenAt = call;
      if (p.state === 'Z') entry.zombieSince ??= takenAtMs;
      else entry.zombieSince = undefined;
      if (entry.zombieSince !== undefined) p.zombieSince = entry.zombieSince;
      if (entry.previousPpid !== undefined) p.previousPpid = entry.previousPpid;
    }
    // Every listed pid has an entry now: as many entries as processes means none is stale (no sweep).
    if (this.seen.size !== processes.length) for (const [pid, entry] of this.seen) if (entry.seenAt !== call) this.seen.delete(pid);
  }
}
