// How both runners (lessons and the playground) start a run's root: traced by strace where it can
// be, in a process group of its own (one signal reaches the whole tree), with the run's marker in
// the program's environment but not in the tracer's (strace is not part of the tree).
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import type { LifecycleEvent } from '../../shared/lifecycle.js';
import { whenSpawned } from '../app/spawn-failure.js';
import { ProcessHandle } from '../processes/process-handle.js';
import { preciseNowMs, startRunTrace, type RunTrace } from '../trace/run-trace.js';

/** Windows has no process groups: there a run is ended pid by pid. */
export const canGroup = process.platform !== 'win32';

export interface SpawnRunOptions {
  file: string;
  args: readonly string[];
  /** The whole environment, the marker included. */
  env: NodeJS.ProcessEnv;
  /** Names in `env` the program's tree must carry and the tracer must not: the run's marker. */
  markerNames: readonly string[];
  cwd?: string;
  stdio: StdioOptions;
  /** Windows: pass the arguments as written (cmd.exe lines). */
  verbatim?: boolean;
  /** False: no tracing for this run; default: on unless switched off. */
  trace?: boolean;
  /** Exact lifecycle events as strace reports them; `trace` says whether they are exact and why not. */
  onLifecycle(events: LifecycleEvent[], trace: RunTrace): void;
}

export interface SpawnedRun {
  child: ChildProcess;
  pid: number;
  /**
   * The root's start time (epoch ms) where the OS tells it: with the pid, the root's identity (and
   * the group's), so a late stop never signals a pid that is someone else's by then.
   */
  rootStartTime: number | undefined;
  /** Wall-clock ms just before the spawn: the run's t = 0. */
  startedAt: number;
  trace: RunTrace;
  /**
   * Starts the event stream: reports the root's fork (the first lifecycle event) and reads
   * strace's output. Called by the runner once it knows its root (name, command), so that every
   * event it passes on has a process to belong to.
   */
  startEvents(): void;
}

/**
 * Spawns the run's root and resolves once it runs; rejects with the OS's error (EAGAIN, EMFILE,
 * ENOENT, …) when it could not be started, after undoing the tracer's setup: then nothing runs.
 */
export async function spawnRun(opts: SpawnRunOptions): Promise<SpawnedRun> {
  // The tracer exists before its callback can be called: the first event (the root's fork) is
  // reported from startEvents().
  const trace: RunTrace = startRunTrace({ enabled: opts.trace, onEvents: (events) => opts.onLifecycle(events, trace) });
  const launch = trace.launch(opts.file, opts.args, opts.env, opts.markerNames);
  const startedAt = Date.now();
  const epochMs = preciseNowMs();
  let child: ChildProcess;
  try {
    child = spawn(launch.file, launch.args, {
      cwd: opts.cwd,
      env: launch.env,
      stdio: opts.stdio,
      detached: canGroup,
      windowsHide: true,
      windowsVerbatimArguments: opts.verbatim,
    });
    await whenSpawned(child);
  } catch (err) {
    trace.spawnFailed();
    throw err;
  }
  const pid = child.pid!;
  // Read before anything else can run: our child, not yet reaped, so the pid is still its own.
  const rootStartTime = child.exitCode === null && child.signalCode === null ? ProcessHandle.now(pid)?.startTime : undefined;
  child.on('exit', () => trace.rootExited());
  return { child, pid, rootStartTime, startedAt, trace, startEvents: () => trace.started(pid, epochMs) };
}
