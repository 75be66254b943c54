// Recent CPU and RSS of every live process, for the sparklines of the detail pane. Bounded:
// a fixed-size ring of typed arrays per identity (pid + start time), and an identity's ring is
// dropped as soon as a sample no longer contains it, so memory follows the live process count.
import type { ProcHistory, ProcInfo } from '../../shared/process.js';
import { SAMPLE_INTERVAL_DEFAULT_MS } from '../../shared/process.js';

export const DEFAULT_HISTORY_CAPACITY = 300;

interface Ring {
  startTime: number;
  cpu: Float32Array;
  /** Float64: RSS in bytes passes 2^32 on large processes and must stay exact. */
  memRss: Float64Array;
  /** Index the next value goes to. */
  next: number;
  count: number;
  seen: number;
}

export interface HistoryStoreOptions {
  /** Samples kept per identity. */
  capacity?: number;
}

export class HistoryStore {
  readonly capacity: number;
  private readonly rings = new Map<number, Ring>();
  private sampleNo = 0;
  private lastTakenAt: number | null = null;
  private intervalMs = SAMPLE_INTERVAL_DEFAULT_MS;

  constructor(options: HistoryStoreOptions = {}) {
    const capacity = options.capacity ?? DEFAULT_HISTORY_CAPACITY;
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`history capacity must be a whole number >= 1, got ${capacity}`);
    this.capacity = capacity;
  }

  /**
   * Appends one sample. intervalMs, when given, is the sampler's configured interval; otherwise
   * the time since the previous record is used. Identities absent from `processes` are dropped.
   */
  record(processes: readonly ProcInfo[], takenAt: number, intervalMs?: number): void {
    const n = ++this.sampleNo;
    if (intervalMs !== undefined) this.intervalMs = intervalMs;
    else if (this.lastTakenAt !== null && takenAt > this.lastTakenAt) this.intervalMs = takenAt - this.lastTakenAt;
    this.lastTakenAt = takenAt;

    for (const p of processes) {
      let ring = this.rings.get(p.pid);
      if (!ring || ring.startTime !== p.startTime) {
        // New identity, or the pid was reused: the old process's history is not this one's.
        ring = { startTime: p.startTime, cpu: new Float32Array(this.capacity), memRss: new Float64Array(this.capacity), next: 0, count: 0, seen: n };
        this.rings.set(p.pid, ring);
      }
      ring.cpu[ring.next] = p.cpu;
      ring.memRss[ring.next] = p.memRss;
      ring.next = (ring.next + 1) % this.capacity;
      if (ring.count < this.capacity) ring.count++;
      ring.seen = n;
    }
    // Every listed pid has a ring now: as many rings as processes means none is stale (no sweep).
    if (this.rings.size !== processes.length) for (const [pid, ring] of this.rings) if (ring.seen !== n) this.rings.delete(pid);
  }

  /** History of one identity, oldest first; null if it is unknown (never seen, gone, or pid reused). */
  get(pid: number, startTime: number): ProcHistory | null {
    const ring = this.rings.get(pid);
    if (!ring || ring.startTime !== startTime) return null;
    const cpu = new Array<number>(ring.count);
    const memRss = new Array<number>(ring.count);
    const first = (ring.next - ring.count + this.capacity) % this.capacity;
    for (let i = 0; i < ring.count; i++) {
      const at = (first + i) % this.capacity;
      cpu[i] = ring.cpu[at];
      memRss[i] = ring.memRss[at];
    }
    return { pid, startTime, intervalMs: this.intervalMs, cpu, memRss };
  }

  /** Number of identities held (never more than the processes in the latest sample). */
  get size(): number {
    return this.rings.size;
  }

  /** Bytes held by the rings' typed arrays: capacity × (4 + 8) per identity. */
  get ringBytes(): number {
    return this.rings.size * this.capacity * (Float32Array.BYTES_PER_ELEMENT + Float64Array.BYTES_PER_ELEMENT);
  }
}
