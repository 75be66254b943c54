// The sampler: one interface, one adapter per OS (linux.ts reads /proc; portable.ts uses
// ps-list + pidusage for macOS and Windows). The OS-free logic every adapter shares lives beside
// it: create-sampler.ts (the one place an adapter is chosen), cpu-percent.ts, history.ts.
import type { OptionalSampled, PlatformCapabilities, ProcInfo, SystemMeters } from '../../shared/process.js';
import type { DetailsOptions, ProcDetails } from './proc-details.js';

/** One process as an adapter reads it: everything but the values computed across samples. */
export interface RawProc extends Omit<ProcInfo, 'cpu' | 'memPercent'> {}

/** The optional per-process reads to make this tick (only while some page shows their columns). */
export interface SampleOptions {
  extras?: ReadonlySet<OptionalSampled>;
  /** Listening ports on the rows (default true: the table's badge); a one-shot CLI listing that does not show them skips the fd scan. */
  ports?: boolean;
}

/** An OS-specific source of processes. A process that vanishes mid-read is skipped, never an error. */
export interface ProcessAdapter {
  readonly name: string;
  readonly capabilities: PlatformCapabilities;
  /** Adapters that cannot read an extra leave its fields undefined (the table shows "not available"). */
  listProcesses(opts?: SampleOptions): Promise<RawProc[]>;
  /** One process by pid, read now, or null if there is none. Optional: without it, callers list every process and pick one. */
  readProcess?(pid: number): Promise<RawProc | null>;
  /** What the last listing sampled among the extras asked for (absent: none, the adapter reads no extras). */
  lastSampled?(): { extras: OptionalSampled[] };
  readMeters(): Promise<SystemMeters>;
  /** Releases what the adapter keeps open (files); it stays usable. Optional: not every adapter holds anything. */
  close?(): void;
  /** The next listing reads this process afresh (the app changed something it cannot see change, a renice). Optional. */
  invalidate?(pid: number): void;
  /**
   * The metrics export's extra figures for processes of the latest listing (null for one no longer
   * known under that identity). Read only when asked, never by the monitor's tick. Optional.
   */
  readDetails?(procs: readonly Pick<ProcInfo, 'pid' | 'startTime' | 'kernelThread'>[], opts?: DetailsOptions): (ProcDetails | null)[];
}

export interface SampleResult {
  processes: ProcInfo[];
  meters: SystemMeters;
  capabilities: PlatformCapabilities;
  /** Time taken by this sample, milliseconds. */
  sampleMs: number;
  /** The extras this sample read (absent: none). */
  sampled?: OptionalSampled[];
}

/** Takes snapshots; %CPU of each process is the CPU-time delta since the previous sample of the same identity. */
export interface Sampler {
  readonly adapterName: string;
  sample(opts?: SampleOptions): Promise<SampleResult>;
  /**
   * Every process now, without taking a sample: %CPU is since the last sample, and the monitor's
   * table, its history and its clients are not touched (a kill's or renice's fresh listing).
   */
  listProcesses(): Promise<ProcInfo[]>;
  /** One process by pid, read now (the adapter's one-process read, else the listing), as listProcesses. */
  readProcess(pid: number): Promise<ProcInfo | null>;
  /** Releases the adapter's open files (see ProcessAdapter.close). */
  close?(): void;
  /** See ProcessAdapter.invalidate. */
  invalidate?(pid: number): void;
  /** See ProcessAdapter.readDetails; absent where the adapter cannot read them. */
  readDetails?: ProcessAdapter['readDetails'];
}
