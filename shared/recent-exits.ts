// The monitor's "Recent exits" strip: processes that started and ended between two samples, so
// the sampled table never showed them. They come from the kernel's process connector (Linux,
// root or CAP_NET_ADMIN), read only while some page shows the strip. Pure types: no Node, no DOM.

/** One process that started and ended within one sampling interval. */
export interface RecentExit {
  pid: number;
  ppid: number;
  /** The program after its exec (what ps shows), or its parent's name when it never exec'd; "?" when it was gone before it could be read. */
  name: string;
  /** From fork to exit, in ms (sub-ms precision). */
  lifetimeMs: number;
  /** Exit code, or null when killed by `signal`. */
  code: number | null;
  signal: string | null;
  /** Wall-clock time of the exit (ms since the epoch). */
  endedAt: number;
}

/** Where the watch stands: starting the helper, listening, off (no page shows the strip), or unavailable with the reason. */
export type RecentExitsState = 'starting' | 'listening' | 'off' | 'unavailable';

export interface RecentExitsStatus {
  state: RecentExitsState;
  /** One line saying why the strip is empty for good (no privilege, no python3, not Linux), else null. */
  reason: string | null;
  /** Pid of the python helper reading the kernel's events, while one runs. */
  helperPid: number | null;
  /** Processes "between samples" are those that lived less than this (the sampling interval). */
  withinMs: number;
}

/** Pushed to clients as `events.recentExits`: the status and the exits found since the last push (newest first). */
export interface RecentExitsPush extends RecentExitsStatus {
  exits: RecentExit[];
}

/** How many the main side keeps (and the strip shows at most). */
export const RECENT_EXITS_KEEP = 200;
