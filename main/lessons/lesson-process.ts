// Starts one lesson program as a tracked process tree and reports its events: the program's
// own, read from the shared event channel (fd 3), plus its start and exit, which only the
// runner (its parent) can see. Knows when the whole tree is gone and can end it at any time.
import { LESSON_STOP_GRACE_MS } from '../app/limits.js';
import { describeSpawnError } from '../app/spawn-failure.js';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { LessonEvent } from '../../shared/lessons.js';
import type { LifecycleEvent, LifecycleSource } from '../../shared/lifecycle.js';
import { ProcessHandle } from '../processes/process-handle.js';
import { spawnRun, type SpawnedRun } from '../runs/spawn-run.js';
import { signalRuns, stopRun, type RunMarker, type StopTarget } from '../runs/stop-run.js';
import { ENV } from './runtime/env.js';
import { toExitcode } from './runtime/exit-status.js';
import { parseWireEvent, toLessonEvent } from './wire-event.js';

/** After the main program ended, how long its children get to notice and end on their own. */
const ORPHAN_DEADLINE_MS = 2000;
/** Lines the main program wrote just before it ended may still be in the channel this long. */
const MAIN_EXIT_SETTLE_MS = 300;

export interface LessonProcessOptions {
  /** The program: compiled JavaScript run by this Node (or Electron as Node), or a .py file with `python`. */
  programPath: string;
  /** Python: run `INTERPRETER HARNESS PROGRAM` (the harness reports the program's events on fd 3). */
  python?: { interpreter: string; harnessPath: string };
  args?: string[];
  /**
   * The run's marker: put in the program's environment, inherited by every process of its tree; a
   * stop signals a process found by pid only while it still carries it (or its start time pins it).
   */
  marker?: RunMarker;
  onEvent(event: LessonEvent): void;
  /** Exact lifecycle events (strace) in batches, t in ms since the spawn; once with none when not traced. */
  onLifecycle?(events: LifecycleEvent[], source: LifecycleSource): void;
  /** False: not traced (default: on unless PROCPLAY_TRACE=off). */
  trace?: boolean;
}

export interface LessonProcess {
  readonly pid: number;
  /** Wall-clock ms at spawn; event times are relative to it. */
  readonly startedAt: number;
  /** Resolves when every process of the tree has ended. */
  readonly done: Promise<void>;
  /** Resolves when the last lifecycle event was delivered (at once when not traced). */
  readonly traced: Promise<void>;
  running(): boolean;
  /** Pids of the tree's processes that have not been seen to end. */
  livePids(): number[];
  /** Ends the whole tree (SIGTERM, then SIGKILL after graceMs); resolves when it is gone. */
  stop(graceMs?: number): Promise<void>;
}



/** Starts the program; rejects with the reason (EAGAIN, EMFILE, …) when the system refuses to start it. */
export async function startLessonProcess(opts: LessonProcessOptions): Promise<LessonProcess> {
  const startedAt = Date.now();
  const env: NodeJS.ProcessEnv = { ...process.env, ...(opts.marker ? { [opts.marker.name]: opts.marker.token } : {}) };
  for (const key of Object.values(ENV)) delete env[key];
  env.ELECTRON_RUN_AS_NODE = '1';
  env[ENV.eventFd] = '3';
  env[ENV.parentPid] = String(process.pid);
  // Stack traces point at the TypeScript the lesson shows, not the built JavaScript (the children inherit it).
  if (!/--enable-source-maps\b/.test(env.NODE_OPTIONS ?? '')) env.NODE_OPTIONS = [env.NODE_OPTIONS, '--enable-source-maps'].filter(Boolean).join(' ');
  const [file, args] = opts.python
    ? [opts.python.interpreter, [opts.python.harnessPath, opts.programPath, ...(opts.args ?? [])]]
    : [process.execPath, [opts.programPath, ...(opts.args ?? [])]];
  let spawned: SpawnedRun;
  try {
    spawned = await spawnRun({
      file,
      args,
      env,
      markerNames: opts.marker ? [opts.marker.name] : [],
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      trace: opts.trace,
      onLifecycle: (events, trace) => opts.onLifecycle?.(events, trace.source),
    });
  } catch (err) {
    throw new Error(`could not start the lesson program: ${describeSpawnError(err)}; nothing was started`, { cause: err });
  }
  const { child, pid, trace } = spawned;
  spawned.startEvents();
  if (!trace.source.exact) opts.onLifecycle?.([], trace.source);
  // Each reported process with its start time, read when its start is reported (it runs then):
  // a late SIGKILL then reaches that process and never a later one given its pid.
  const live = new Map<number, number | undefined>([[pid, spawned.rootStartTime]]);
  let finished = false;
  let mainExit: LessonEvent | null = null;
  let mainExitReported = false;
  let resolveDone!: () => void;
  const done = new Promise<void>((resolve) => (resolveDone = resolve));
  const timers: NodeJS.Timeout[] = [];

  const ended = new Set<number>();
  const deliver = (event: LessonEvent): void => {
    if (event.type === 'start' && !live.has(event.pid)) live.set(event.pid, ProcessHandle.now(event.pid)?.startTime);
    if (event.type === 'exit') {
      // A Python child killed by SIGTERM says so itself, and its parent says it again when it
      // collects it (it cannot know the child already did): the first is the one on time.
      if (ended.has(event.pid)) return;
      ended.add(event.pid);
      live.delete(event.pid);
    }
    opts.onEvent(event);
  };
  const reportMainExit = (): void => {
    if (mainExit && !mainExitReported) {
      mainExitReported = true;
      deliver(mainExit);
    }
  };

  deliver({ type: 'start', t: 0, pid, ppid: process.pid, name: 'MainProcess', daemon: false });

  const channel = child.stdio[3] as Readable;
  createInterface({ input: channel, crlfDelay: Infinity }).on('line', (line) => {
    const wire = parseWireEvent(line);
    deliver(wire ? toLessonEvent(wire, startedAt) : { type: 'output', t: Date.now() - startedAt, pid, ppid: process.pid, stream: 'stderr', text: line });
  });
  channel.on('end', reportMainExit);
  // Raw writes that bypassed the runtime (a crash of node itself): the main program's, as far as we can tell.
  for (const stream of ['stdout', 'stderr'] as const) {
    createInterface({ input: child[stream]!, crlfDelay: Infinity }).on('line', (text) => {
      deliver({ type: 'output', t: Date.now() - startedAt, pid, ppid: process.pid, stream, text });
    });
  }

  const target: StopTarget = {
    root: { pid, startTime: spawned.rootStartTime },
    marker: opts.marker ?? null,
    known: () => [...live].map(([p, startTime]) => ({ pid: p, startTime })),
    ended: done,
  };
  const killTree = (): void => void signalRuns([target], 'SIGKILL');

  child.on('error', (err) => {
    deliver({ type: 'output', t: Date.now() - startedAt, pid, ppid: process.pid, stream: 'stderr', text: `could not run the lesson: ${err.message}` });
  });
  child.on('exit', (code, signal) => {
    mainExit = { type: 'exit', t: Date.now() - startedAt, pid, exitcode: toExitcode(code, signal), signal };
    timers.push(setTimeout(reportMainExit, MAIN_EXIT_SETTLE_MS));
    // Children notice a dead parent within a fraction of a second; any still there after the deadline are killed.
    timers.push(setTimeout(killTree, ORPHAN_DEADLINE_MS));
  });
  // 'close': the main program has exited and every holder of its pipes (the whole tree) is gone.
  child.on('close', () => {
    reportMainExit();
    finished = true;
    live.clear();
    for (const timer of timers) clearTimeout(timer);
    resolveDone();
  });

  return {
    pid,
    startedAt,
    done,
    traced: trace.done,
    running: () => !finished,
    livePids: () => [...live.keys()],
    async stop(graceMs = LESSON_STOP_GRACE_MS) {
      if (finished) return done;
      // The main program ends its own children on SIGTERM and reports each end; once it has
      // exited, what is left of the tree gets SIGKILL at once.
      await stopRun(target, { graceMs, term: mainExit ? 'none' : 'root' });
      await done;
    },
  };
}
