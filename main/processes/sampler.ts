// The sampler: one interface, one adapter per OS (linux.ts reads /proc; portable.ts uses
// ps-list + pidusage for macOS and Windows). The OS-free logic every adapter shares lives beside
// it: create-sampler.ts (the one place an adapter is chosen), cpu-percent.ts, history.ts.
import type { PlatformCapabilities, ProcInfo, SystemMeters } from '../../shared/process.js';
import type { DetailsOptions, ProcDetails } from './proc-details.js';

/** One process as an adapter reads it: everything but the values computed across samples. */
export interface RawProc extends Omit<ProcInfo, 'cpu' | 'memPercent'> {}

/** An OS-specific source of processes. A process that vanishes mid-read is skipped, never an error. */
export interface ProcessAdapter {
  readonly name: string;
  readonly capabilities: PlatformCapabilities;
  listProcesses(): Promise<RawProc[]>;
  /** One process by pid, read now, or null if there is none. Optional: without it, callers list every process and pick one. */
  readProcess?(pid: number): Promise<RawProc | null>;
  readMeters(): Promise<SystemMeters>;
  /** Releases what the adapter keeps open (files); it stays usable. Optional: not every adapter holds anything. */
  close?(): void;
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
}

/** Takes snapshots; %CPU of each process is the CPU-time delta since the previous sample of the same identity. */
export interface Sampler {
  readonly adapterName: string;
  sample(): Promise<SampleResult>;
  /**
   * Every process now, without taking a sample: %CPU is since the last sample, and the monitor's
   * table, its history and its clients are not touched (a kill's or renice's fresh listing).
   */
  listProcesses(): Promise<ProcInfo[]>;
  /** One process by pid, read now (the adapter's one-process read, else the listing), as listProcesses. */
  readProcess(pid: number): Promise<ProcInfo | null>;
  /** Releases the adapter's open files (see ProcessAdapter.close). */
  close?(): void;
  /** See ProcessAdapter.readDetails; absent where the adapter cannot read them. */
  readDetails?: ProcessAdapter['readDetails'];
}
