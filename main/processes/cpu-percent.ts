// %CPU of each process from CPU-time deltas between two samples, the way top computes it
// (ps instead divides lifetime CPU by lifetime, which hides a process that just got busy).
// Pure arithmetic plus a small per-identity memory of the previous reading; no I/O.

export interface CpuReading {
  cpuTimeMs: number;
  /** When the reading was taken, milliseconds on a monotonic clock. */
  atMs: number;
}

/**
 * Percent of one core used between two readings of the same process. Never negative (a counter
 * cannot go back; if it seems to, the readings are not comparable) and 0 without a previous reading.
 */
export function cpuPercent(prev: CpuReading | undefined, next: CpuReading): number {
  if (!prev) return 0;
  const wallMs = next.atMs - prev.atMs;
  if (!(wallMs > 0)) return 0;
  const pct = ((next.cpuTimeMs - prev.cpuTimeMs) / wallMs) * 100;
  return pct > 0 ? pct : 0;
}

interface Previous extends CpuReading {
  startTime: number;
  /** Sample number when last seen, to forget identities that are gone. */
  seen: number;
}

/**
 * Remembers the last reading per identity (pid + start time). A pid reused by a new process has
 * another start time, so it starts from 0 instead of showing the old process's delta as a spike.
 * The first sighting of an identity reads 0%, like top's first screen.
 */
export class CpuPercentTracker {
  private readonly prev = new Map<number, Previous>();
  private sampleNo = 0;

  /** Returns %CPU for each process, in the order given, and forgets identities not in this list. */
  update(procs: ReadonlyArray<{ pid: number; startTime: number; cpuTimeMs: number }>, atMs: number): number[] {
    const n = ++this.sampleNo;
    const out = new Array<number>(procs.length);
    for (let i = 0; i < procs.length; i++) {
      const p = procs[i];
      const last = this.prev.get(p.pid);
      const same = last !== undefined && last.startTime === p.startTime;
      out[i] = cpuPercent(same ? last : undefined, { cpuTimeMs: p.cpuTimeMs, atMs });
      if (same) {
        last.cpuTimeMs = p.cpuTimeMs;
        last.atMs = atMs;
        last.seen = n;
      } else {
        this.prev.set(p.pid, { startTime: p.startTime, cpuTimeMs: p.cpuTimeMs, atMs, seen: n });
      }
    }
    // Every listed pid has an entry now: as many entries as processes means none is stale (no sweep).
    if (this.prev.size !== procs.length) for (const [pid, last] of this.prev) if (last.seen !== n) this.prev.delete(pid);
    return out;
  }

  /** %CPU of one reading since the last sample of the same identity, without remembering it (0 if unknown). */
  peek(p: { pid: number; startTime: number; cpuTimeMs: number }, atMs: number): number {
    const last = this.prev.get(p.pid);
    return cpuPercent(last && last.startTime === p.startTime ? last : undefined, { cpuTimeMs: p.cpuTimeMs, atMs });
  }

  /** Number of identities remembered (bounded by the live process count). */
  get size(): number {
    return this.prev.size;
  }
}
