// The live loop behind the table: samples at the chosen interval (never overlapping), keeps
// per-process history for sparklines, and hands each snapshot to whoever listens (IPC, WebSocket).
import type { Snapshot } from '../../shared/process.js';
import { SAMPLE_INTERVAL_DEFAULT_MS, SAMPLE_INTERVAL_MAX_MS, SAMPLE_INTERVAL_MIN_MS } from '../../shared/process.js';
import type { SamplerSettings } from '../../shared/api.js';
import type { Sampler } from '../processes/sampler.js';
import type { HistoryStore } from '../processes/history.js';
import { LineageTracker } from './lineage.js';
import { byIdentity } from '../../shared/snapshot-delta.js';
import { describeSpawnError } from '../app/spawn-failure.js';
import { ColumnDemand } from './column-demand.js';

export type SnapshotListener = (snapshot: Snapshot) => void;

export class Monitor {
  private settings: SamplerSettings = { intervalMs: SAMPLE_INTERVAL_DEFAULT_MS, paused: false };
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private seq = 0;
  private last: Snapshot | null = null;
  /** When `last` was taken on the monotonic clock: a wall clock set back must not make an old snapshot look fresh. */
  private lastTakenMono = 0;
  private inFlight: Promise<Snapshot> | null = null;
  /** When sampling started failing (null while it works). */
  private failingSince: number | null = null;
  private readonly listeners = new Set<SnapshotListener>();
  private readonly lineage = new LineageTracker();

  constructor(
    private readonly sampler: Pick<Sampler, 'sample'>,
    private readonly history: HistoryStore,
    private readonly selfPids: () => number[],
    /** The optional columns some page shows: their per-process reads happen only while this is non-empty. */
    readonly columns: ColumnDemand = new ColumnDemand(),
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    void this.tick();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  onSnapshot(listener: SnapshotListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  configure(change: Partial<SamplerSettings>): SamplerSettings {
    const intervalMs = change.intervalMs ?? this.settings.intervalMs;
    this.settings = {
      intervalMs: Math.min(SAMPLE_INTERVAL_MAX_MS, Math.max(SAMPLE_INTERVAL_MIN_MS, intervalMs)),
      paused: change.paused ?? this.settings.paused,
    };
    // Re-arm at once so a shorter interval or a resume takes effect now, not after the old delay.
    if (this.running) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      if (!this.settings.paused) {
        this.timer = setTimeout(() => {
          this.timer = null;
          void this.tick();
        }, 0);
      }
    }
    return { ...this.settings };
  }

  getSettings(): SamplerSettings {
    return { ...this.settings };
  }

  /** The latest snapshot, or a fresh one when none was taken yet. */
  async current(): Promise<Snapshot> {
    return this.last ?? this.sampleNow();
  }

  /** The latest snapshot if taken within maxAgeMs (the live loop's), else a new one: a scrape between ticks costs no extra sample. */
  async fresh(maxAgeMs: number): Promise<Snapshot> {
    if (this.last && performance.now() - this.lastTakenMono <= maxAgeMs) return this.last;
    // While the user has paused the table, a scrape must not make it move: sample without telling listeners.
    if (this.running && this.settings.paused) return this.takeSnapshot(false);
    return this.sampleNow();
  }

  /** Takes a snapshot now (shared with a sample already in flight). */
  sampleNow(): Promise<Snapshot> {
    if (!this.inFlight) {
      this.inFlight = this.takeSnapshot().finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  private async takeSnapshot(broadcast = true): Promise<Snapshot> {
    const result = await this.sampler.sample({ extras: this.columns.current() });
    const takenAt = Date.now();
    const takenMono = performance.now();
    // One row order for every snapshot (by pid; /proc lists in that order already, so this costs a
    // pass): a client that applies deltas keeps it, and its table equals the full one row for row.
    result.processes.sort(byIdentity);
    this.history.record(result.processes, takenAt);
    this.lineage.annotate(result.processes, takenAt);
    const snapshot: Snapshot = {
      seq: ++this.seq,
      takenAt,
      intervalMs: this.settings.intervalMs,
      paused: this.settings.paused,
      processes: result.processes,
      meters: result.meters,
      capabilities: result.capabilities,
      selfPids: this.selfPids(),
      sampleMs: result.sampleMs,
      sampled: result.sampled,
    };
    this.last = snapshot;
    this.lastTakenMono = takenMono;
    this.failingSince = null;
    if (broadcast) this.publish(snapshot);
    return snapshot;
  }

  private publish(snapshot: Snapshot): void {
    for (const listener of this.listeners) {
      try {
        listener(snapshot);
      } catch (err) {
        console.error('procplay: snapshot listener failed:', err);
      }
    }
  }

  /**
   * Sampling failed (say EMFILE: every file descriptor in use): keep the last snapshot and send it
   * again, marked with why, so the page says the table is not live; the next tick tries again.
   */
  private reportFailure(err: unknown): void {
    const first = this.failingSince === null;
    this.failingSince ??= Date.now();
    if (first) console.error('procplay: sampling failed:', err);
    if (!this.last) return;
    const message = `sampling failed: ${describeSpawnError(err)}; showing the last snapshot, retrying every ${this.settings.intervalMs / 1000} s`;
    this.last = { ...this.last, samplingError: { message, since: this.failingSince } };
    this.publish(this.last);
  }

  private async tick(): Promise<void> {
    if (!this.running || this.settings.paused) return;
    const startedAt = performance.now();
    try {
      await this.sampleNow();
    } catch (err) {
      // A failed sample is reported and retried on the next tick; the app goes on.
      this.reportFailure(err);
    }
    if (this.running && !this.settings.paused && !this.timer) {
      // One tick per interval, start to start (a row that goes is gone from the table within one
      // interval plus one sample); a sample slower than half the interval is followed by as long a
      // pause, so the sampler never takes more than half a core.
      const took = performance.now() - startedAt;
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.tick();
      }, Math.max(this.settings.intervalMs - took, took));
    }
  }
}
