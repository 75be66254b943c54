// The exact lifecycle of processes, as the kernel sees it: one event per fork, exec, exit, reap,
// signal and re-parenting. Produced by the strace tracer of a run (main/trace) or, system-wide,
// by the kernel's process connector (`procplay events`). Pure types: no Node, no DOM.
//
// `t` is milliseconds since the stream started (the run's spawn), from a monotonic clock, with
// sub-millisecond precision (strace's stamps are microseconds).

/** How a dead process was collected: its parent's wait, a subreaper's wait after it was orphaned, or init's. */
export type ReapHow = 'parent-wait' | 'subreaper' | 'init';

export type LifecycleEvent =
  /** A new process (not a thread): `pid` was created by `ppid` (fork, vfork or clone). */
  | { type: 'fork'; t: number; pid: number; ppid: number }
  /** `pid` loaded a new program (same pid, new image). `name` is what ps shows (the file's base name). */
  | { type: 'exec'; t: number; pid: number; name: string; argv: string[] }
  /**
   * `pid` ended: with exit code `code`, or killed by `signal` (then `code` is null). It is a zombie until reaped.
   * `name`: the name it had when it ended, when the source knows it (system-wide, the kernel's taskstats record).
   */
  | { type: 'exit'; t: number; pid: number; code: number | null; signal: string | null; core?: true; name?: string }
  /** The zombie `pid` was collected by `by` (its exit status was read; the pid is free again). */
  | { type: 'reap'; t: number; pid: number; by: number; how: ReapHow }
  /** `signal` sent to `target` (a pid; a negative number is a process group) by `sender` when known (null: the kernel or an unknown process). */
  | { type: 'signal'; t: number; sender: number | null; target: number; signal: string }
  /** `pid` lost its parent `oldPpid` and now belongs to `newPpid` (null when it could not be read). */
  | { type: 'reparent'; t: number; pid: number; oldPpid: number; newPpid: number | null };

export type LifecycleType = LifecycleEvent['type'];

export const LIFECYCLE_TYPES: readonly LifecycleType[] = ['fork', 'exec', 'exit', 'reap', 'signal', 'reparent'];

/** Where a run's lifecycle events come from: exact (strace) or only sampling (strace missing, off, or not Linux). */
export interface LifecycleSource {
  exact: boolean;
  /** Why the events are not exact, in one line (null when they are). */
  reason: string | null;
}

/** The one line said when a run cannot be traced because strace is missing. */
export const NEED_STRACE_MESSAGE = 'exact events need strace: `sudo apt install strace`; showing sampled events instead';

/** A run's lifecycle events as kept for a page that opens (or reconnects) mid-run; `source` is null until the run said whether it is traced. */
export interface RunLifecycle {
  source: LifecycleSource | null;
  events: LifecycleEvent[];
}

/**
 * Lifecycle events kept per run for catch-up and observations: a fork bomb must not grow a run
 * without bound (live batches past it are still pushed).
 */
export const LIFECYCLE_KEEP = 20_000;
