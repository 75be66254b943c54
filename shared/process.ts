// The process model shared by main, preload, web mode and renderer.
// Pure types: no Node, no DOM (this folder is the "common" layer).

/** One process as the monitor shows it. Identity is (pid, startTime): a reused pid is another process. */
export interface ProcInfo {
  pid: number;
  ppid: number;
  /** Start time, epoch milliseconds. Together with pid it identifies the process. */
  startTime: number;
  /** Short name (Linux: comm, 15 chars max). */
  name: string;
  /** Full command line; for zombies and kernel threads, the bracketed name as ps prints it. */
  command: string;
  user: string;
  uid: number | null;
  /** One-letter state as ps prints it: R S D Z T t I X W P, or '?' where the OS does not say. */
  state: string;
  /** Current CPU, percent of one core, from CPU-time deltas between two samples (like top). */
  cpu: number;
  /** Cumulative CPU time (user + system), milliseconds. */
  cpuTimeMs: number;
  memRss: number;
  memPercent: number;
  /** Virtual size in bytes, where the OS gives it. */
  memVsz: number | null;
  threads: number | null;
  kernelThread: boolean;
  /** When the app first saw this process as a zombie (epoch ms); absent unless state is Z. */
  zombieSince?: number;
  /** The parent before a re-parenting the app saw (an orphan adopted by pid 1 or a subreaper). */
  previousPpid?: number;
  /** Nice value (-20..19) and kernel priority as ps's PRI; absent where the adapter does not read them (macOS, Windows). */
  nice?: number;
  priority?: number;
  /**
   * Bytes per second through read(2)/write(2) (/proc/PID/io rchar, wchar) since the previous tick.
   * Read only while an I/O column is shown somewhere; absent when not read or on the first tick.
   */
  ioReadPerSec?: number;
  ioWritePerSec?: number;
  /** /proc/PID/io was refused (another user's process, and the app is not root): "no permission", never 0. */
  ioDenied?: boolean;
  /** Short cgroup: the container (docker:1a2b3c4d5e6f), the systemd unit, or the last path part; only while CGROUP is shown. */
  cgroup?: string;
  /** TCP ports this process listens on (and bound unconnected UDP), ascending; absent when none or unknown. */
  ports?: number[];
}

/** The ProcInfo fields that cost a read per process per tick: sampled only while a client shows them. */
export const OPTIONAL_SAMPLED = ['io', 'cgroup'] as const;
export type OptionalSampled = (typeof OPTIONAL_SAMPLED)[number];

export interface SystemMeters {
  /** Busy percent per logical CPU since the previous sample. */
  cpuPerCore: number[];
  cpuTotal: number;
  memTotal: number;
  memUsed: number;
  swapTotal: number | null;
  swapUsed: number | null;
  /** 1, 5 and 15 minute load averages; null where the OS has none (Windows). */
  load: [number, number, number] | null;
  uptimeSec: number;
}

export interface PlatformCapabilities {
  platform: string;
  /** The OS has a zombie state (Linux, macOS); Windows has none. */
  zombies: boolean;
  /** POSIX signals (stop, continue, interrupt) exist; on Windows only "end process". */
  signals: boolean;
  /** Name of the sampler adapter in use, e.g. "linux-proc" or "portable". */
  adapter: string;
  /** The optional per-process reads this adapter can make (absent: none; the page then shows "not available"). */
  extras?: OptionalSampled[];
}

export interface Snapshot {
  seq: number;
  takenAt: number;
  intervalMs: number;
  paused: boolean;
  processes: ProcInfo[];
  meters: SystemMeters;
  capabilities: PlatformCapabilities;
  /** Pids of the app's own processes (main, web server, helpers): never offered for killing. */
  selfPids: number[];
  /** How long taking this snapshot took, milliseconds. */
  sampleMs: number;
  /** The optional per-process reads this snapshot made (see OPTIONAL_SAMPLED): a page showing a column not listed asks again. */
  sampled?: OptionalSampled[];
  /**
   * Set while sampling fails (EMFILE: the app ran out of file descriptors): this is the last good
   * snapshot, re-sent so the page can say so; the monitor keeps retrying and the next good one has no such field.
   */
  samplingError?: { message: string; since: number };
}

export interface ProcHistory {
  pid: number;
  startTime: number;
  intervalMs: number;
  /** Oldest first. */
  cpu: number[];
  memRss: number[];
}

/** Linux's largest possible pid (PID_MAX_LIMIT on 64-bit); no OS we support goes higher. */
export const PID_MAX = 4_194_304;

export const identityKey = (p: { pid: number; startTime: number }): string => `${p.pid}:${p.startTime}`;

export const SAMPLE_INTERVAL_MIN_MS = 250;
export const SAMPLE_INTERVAL_MAX_MS = 10_000;
export const SAMPLE_INTERVAL_DEFAULT_MS = 1_000;
