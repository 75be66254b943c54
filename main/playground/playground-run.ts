// One playground run: the user's program started as a tracked tree (its own process group, an
// environment marker every descendant inherits, registered with the app's watchdog), its output
// cut into timestamped lines within a budget, a line of input now and then, the tree's processes
// as they appear and end, and an end that waits for the whole tree, not just the root.
import type { ChildProcess } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { LIFECYCLE_KEEP, type LifecycleEvent, type LifecycleSource, type RunLifecycle } from '../../shared/lifecycle.js';
import type { PlaygroundEvent, PlaygroundRunInfo } from '../../shared/playground.js';
import type { Supervisor } from '../supervision/supervisor.js';
import { describeSpawnError } from '../app/spawn-failure.js';
import { MAX_QUEUED_STDIN_BYTES, PLAYGROUND_STOP_GRACE_MS } from '../app/limits.js';
import type { RunTrace } from '../trace/run-trace.js';
import { canGroup, spawnRun, type SpawnedRun } from '../runs/spawn-run.js';
import { stopRuns, type RunMarker, type StopTarget } from '../runs/stop-run.js';
import { PlaygroundError } from './errors.js';
import { describeRunExit } from './exit-message.js';
import type { LaunchSpec } from './launch-spec.js';
import { LineSplitter } from './line-splitter.js';
import { OutputBudget, type TranscriptEvent } from './output-budget.js';
import { pythonEnv } from './python-env.js';
import type { ExitStatus } from '../processes/process-files.js';
import { ProcessHandle } from '../processes/process-handle.js';
import { newTree, removeMember, type TreeChange, type TreeState } from './tree-tracker.js';
import type { TreeWatch, WatchedTree } from './tree-watch.js';

/** Longest line kept whole; longer ones are cut into pieces of this many characters. */
export const MAX_LINE_CHARS = 8192;
/** A partial line (a prompt) is shown after this long without more output. */
const PARTIAL_FLUSH_MS = 150;
/** Processes reported per run (and execs reported per run); later ones are still tracked and stopped, but not reported. */
export const PROC_EVENT_LIMIT = 2000;
/** Once the tree is gone, output still in the pipes is awaited this long. */
const CLOSE_SETTLE_MS = 300;
/**
 * Looks of the tree watch (100 ms apart) that must find no process of the run, after the root's
 * exit, before a run whose output pipes are still held ends: a descendant caught mid-exec (its
 * environment, hence its marker, unreadable for a moment) is found at the next look.
 */
const QUIET_LOOKS_BEFORE_END = 3;
/** Lines past the head are sent this often (only the newest of a flood: the tail). */
const TAIL_DRAIN_MS = 50;
/** Past the head, reading pauses this long per chunk: a flood costs little CPU. */
const FLOOD_PAUSE_MS = 5;
/** Stop gives up waiting after this long of SIGKILL rounds (a process stuck in uninterruptible sleep). */
const STOP_GIVE_UP_MS = 6000;

/**
 * Ends the trees of these runs with one sweep (one scan of the process table per round for all of
 * them, where a stop per run would scan once per run); resolves when each has ended (or after a
 * bounded wait for the unkillable). Each SIGKILL round follows a look of the tree watch: members
 * it finds (env-cleared processes outside the group) are in the next round.
 */
export async function stopPlaygroundRuns(runs: readonly PlaygroundRun[], watch: TreeWatch): Promise<void> {
  const running = runs.filter((r) => r.running());
  if (!running.length) return;
  for (const r of running) r.markStopped();
  await stopRuns(
    running.map((r) => r.stopTarget()),
    { graceMs: PLAYGROUND_STOP_GRACE_MS, giveUpMs: STOP_GIVE_UP_MS, beforeRound: () => watch.tick() },
  );
}

export interface RunSetup {
  runId: string;
  /** What the user asked for (command line or script path). */
  command: string;
  spec: LaunchSpec;
  cwd: string;
  supervisor: Supervisor;
  watch: TreeWatch;
  onEvent(event: PlaygroundEvent): void;
  budget?: OutputBudget;
  /** Input left queued for a program that does not read it before playground.input refuses more (default MAX_QUEUED_STDIN_BYTES). */
  maxQueuedStdinBytes?: number;
  /** Exact lifecycle events (strace), in batches; t is ms since the spawn. Once with none when the run is not traced. */
  onLifecycle?(events: LifecycleEvent[], source: LifecycleSource): void;
  /** False: no strace for this run (default: on unless PROCPLAY_TRACE=off). */
  trace?: boolean;
}

export class PlaygroundRun {
  readonly runId: string;
  readonly pid: number;
  readonly startedAt: number;
  readonly done: Promise<void>;
  /** Whether this run's lifecycle events are exact, and if not why; `notice` is said once per process. */
  readonly lifecycle: LifecycleSource & { notice: string | null };
  /** Resolves when the last lifecycle event was delivered. */
  readonly traced: Promise<void>;
  private readonly child: ChildProcess;
  private readonly keptLifecycle: RunLifecycle;
  /** Text only strace's own command lines contain: they are not part of the program's tree. */
  private readonly tracerMark: string | null;
  private readonly rootName: string;
  private readonly rootCommand: string;
  private readonly events: PlaygroundEvent[] = [];
  private readonly budget: OutputBudget;
  private drainTimer: NodeJS.Timeout | null = null;
  private readonly tree: TreeState;
  private readonly watched: WatchedTree;
  private readonly marker: RunMarker;
  private readonly reported = new Set<number>();
  /** How reported zombies ended, for their proc-exit. */
  private readonly zombieStatus = new Map<number, ExitStatus>();
  private procStarts = 0;
  /** proc-exec events recorded: a program renaming itself in a loop must not grow the run's events forever. */
  private execEvents = 0;
  private treeCapped = false;
  private exitCode: number | null = null;
  private signal: string | null = null;
  private rootExited = false;
  private rootExitReported = false;
  private openStreams = 2;
  private finished = false;
  private finishing = false;
  /** Looks since the root's exit that found no live process of the run (see QUIET_LOOKS_BEFORE_END). */
  private quietLooks = 0;
  private stopped = false;
  private resolveDone!: () => void;
  private readonly maxQueuedStdinBytes: number;

  /**
   * Starts the program and resolves once it runs; rejects with a PlaygroundError naming the reason
   * when the watchdog or the program could not be started (then nothing runs).
   */
  static async start(setup: RunSetup): Promise<PlaygroundRun> {
    const marker = setup.supervisor.markerFor(setup.runId);
    // The watchdog runs before the tree does: an app killed right after the spawn still has it.
    // Without one nothing is started, so no run is ever left unsupervised.
    try {
      await setup.supervisor.prepare();
    } catch (err) {
      throw new PlaygroundError('unsupervised', (err as Error).message);
    }
    // Python's output through a pipe would wait in a block buffer: line-buffered, as in a terminal.
    const env: NodeJS.ProcessEnv = { ...process.env, ...pythonEnv(process.env.PYTHONPATH), ...setup.spec.env, [marker.envName]: marker.envValue };
    // Kept here too (bounded) so playground.runs lets a page opened mid-run catch up.
    const kept: RunLifecycle = { source: null, events: [] };
    const sourceOf = (trace: RunTrace) => ({ ...trace.source, notice: trace.notice });
    let spawned: SpawnedRun;
    try {
      spawned = await spawnRun({
        file: setup.spec.file,
        args: setup.spec.args,
        env,
        markerNames: [marker.envName],
        cwd: setup.cwd,
        stdio: ['pipe', 'pipe', 'pipe'],
        verbatim: setup.spec.verbatim,
        trace: setup.trace,
        onLifecycle: (events, trace) => {
          kept.source = { ...trace.source };
          for (const e of events) if (kept.events.length < LIFECYCLE_KEEP) kept.events.push(e);
          setup.onLifecycle?.(events, sourceOf(trace));
        },
      });
    } catch (err) {
      throw new PlaygroundError('spawn-failed', `could not start ${setup.spec.label} (${setup.spec.file}): ${describeSpawnError(err)}; nothing was started`);
    }
    return new PlaygroundRun(setup, spawned, { name: marker.envName, token: marker.token }, { lifecycle: sourceOf(spawned.trace), kept });
  }

  private constructor(
    private readonly setup: RunSetup,
    private readonly spawned: SpawnedRun,
    marker: RunMarker,
    traced: { lifecycle: LifecycleSource & { notice: string | null }; kept: RunLifecycle },
  ) {
    const { trace, child, startedAt } = spawned;
    this.lifecycle = traced.lifecycle;
    this.keptLifecycle = traced.kept;
    this.traced = trace.done;
    this.tracerMark = trace.mark;
    this.runId = setup.runId;
    this.budget = setup.budget ?? new OutputBudget();
    this.maxQueuedStdinBytes = setup.maxQueuedStdinBytes ?? MAX_QUEUED_STDIN_BYTES;
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.marker = marker;
    this.startedAt = startedAt;
    this.child = child;
    this.pid = child.pid!;
    setup.supervisor.track(this.pid, this.marker.token);

    const rootName = setup.spec.file.split(/[\\/]/).pop() ?? setup.spec.file;
    this.rootName = rootName;
    this.rootCommand = [setup.spec.file, ...setup.spec.args].join(' ');
    this.tree = newTree(this.pid, rootName, this.rootCommand, process.pid);
    this.reported.add(this.pid);
    this.procStarts = 1;
    this.record({ type: 'proc-start', t: 0, pid: this.pid, ppid: process.pid, name: rootName, command: this.tree.members.get(this.pid)!.command, root: true, marked: false });
    spawned.startEvents();
    if (!trace.source.exact) {
      this.keptLifecycle.source = { exact: false, reason: this.lifecycle.reason };
      setup.onLifecycle?.([], this.lifecycle);
    }
    this.readStream(child.stdout!, 'stdout');
    this.readStream(child.stderr!, 'stderr');
    child.stdin!.on('error', () => undefined); // EPIPE once the program closed its stdin
    child.on('error', (err) => this.emitLine('stderr', `[procplay] ${err.message}`, false));
    child.on('exit', (code, signal) => this.onRootExit(code, signal));

    this.watched = { state: this.tree, token: process.platform === 'linux' ? this.marker.token : null, onChanges: (c) => this.onTreeChanges(c) };
    setup.watch.add(this.watched);
    void setup.watch.tick();
  }

  running(): boolean {
    return !this.finished;
  }

  /** Pids of the tree not yet seen to end. */
  livePids(): number[] {
    return this.finished ? [] : [...this.tree.members.keys()];
  }

  info(withEvents = true): PlaygroundRunInfo {
    return {
      runId: this.runId,
      pid: this.pid,
      command: this.setup.command,
      shell: this.setup.spec.label,
      cwd: this.setup.cwd,
      startedAt: this.startedAt,
      running: !this.finished,
      exitCode: this.exitCode,
      signal: this.signal,
      events: withEvents ? this.storedEvents() : [],
      lifecycle: withEvents ? { source: this.keptLifecycle.source, events: this.keptLifecycle.events.slice() } : { source: this.keptLifecycle.source, events: [] },
    };
  }

  /** Writes text to the program's stdin, plus a newline unless raw; `eof` closes stdin afterwards. */
  write(text: string, opts: { newline?: boolean; eof?: boolean; echo?: boolean; bounded?: boolean } = {}): boolean {
    const stdin = this.child.stdin!;
    if (this.finished || this.rootExited) throw new PlaygroundError('not-running', `run ${this.runId} has ended: its input is closed`);
    if (stdin.destroyed || stdin.writableEnded) throw new PlaygroundError('not-running', `the input of run ${this.runId} is closed`);
    const data = opts.newline === false ? text : `${text}\n`;
    // A program that does not read its stdin leaves what we write queued in this process (the pipe
    // holds only 64 KiB): past the bound, refuse instead of growing without limit.
    const queued = stdin.writableLength;
    if (data && opts.bounded !== false && queued + Buffer.byteLength(data) > this.maxQueuedStdinBytes) {
      throw new PlaygroundError(
        'input-full',
        `the program is not reading its input: ${Math.round(queued / 1024)} KiB sent earlier are still waiting (at most ${Math.round(this.maxQueuedStdinBytes / 1024)} KiB may wait); nothing was sent`,
      );
    }
    const more = data ? stdin.write(data) : true;
    if (opts.echo !== false) this.transcribe({ type: 'input', t: this.now(), text, ...(opts.eof ? { eof: true as const } : {}) }, Buffer.byteLength(text) + 1);
    if (opts.eof) stdin.end();
    return more;
  }

  /** Resolves when the input written so far has gone to the program (or its input closed). */
  inputDrained(): Promise<void> {
    const stdin = this.child.stdin!;
    if (stdin.writableLength === 0 || stdin.destroyed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        stdin.off('drain', done);
        stdin.off('close', done);
        resolve();
      };
      stdin.on('drain', done);
      stdin.on('close', done);
    });
  }

  /** What a stop must end: the group, the marker, and the members the tree watch knows (pinned to their start times). */
  stopTarget(): StopTarget {
    return {
      root: { pid: this.pid, startTime: this.spawned.rootStartTime },
      marker: this.marker,
      known: () => (this.finished ? [] : [...this.tree.members.values()].map((m) => ({ pid: m.pid, startTime: m.startTime }))),
      ended: this.done,
    };
  }

  /** The run is being stopped: its end says so. */
  markStopped(): void {
    this.stopped = true;
  }

  /** SIGINT to the run's process group, as a terminal's Ctrl+C; false where there are no groups (Windows). */
  interrupt(): boolean {
    if (this.finished || !canGroup) return false;
    try {
      process.kill(-this.pid, 'SIGINT');
      return true;
    } catch {
      return false;
    }
  }

  /** Ends the whole tree; resolves when it is gone (or after a bounded wait for the unkillable). */
  async stop(): Promise<boolean> {
    if (this.finished) return false;
    await stopPlaygroundRuns([this], this.setup.watch);
    return true;
  }

  private now(): number {
    return Date.now() - this.startedAt;
  }

  private record(event: PlaygroundEvent): void {
    this.events.push(event);
    this.setup.onEvent(event);
  }

  /** The run's events as kept: the tree's events, merged by time with the transcript's head, skipped marker and tail. */
  private storedEvents(): PlaygroundEvent[] {
    const transcript = this.budget.transcript();
    const out: PlaygroundEvent[] = [];
    let i = 0;
    for (const e of this.events) {
      while (i < transcript.length && transcript[i]!.t < e.t) out.push(transcript[i++]!);
      out.push(e);
    }
    while (i < transcript.length) out.push(transcript[i++]!);
    return out;
  }

  /** A transcript line (output or input echo): the head is sent at once, later lines by drainTail(). */
  private transcribe(event: TranscriptEvent, bytes: number): void {
    if (this.budget.add(event, bytes) === 'send') {
      this.setup.onEvent(event);
      return;
    }
    if (!this.drainTimer) this.drainTimer = setTimeout(() => this.drainTail(), TAIL_DRAIN_MS);
  }

  private drainTail(): void {
    if (this.drainTimer) clearTimeout(this.drainTimer);
    this.drainTimer = null;
    if (!this.budget.pending()) return;
    const { skipped, events } = this.budget.drain(this.now());
    if (skipped) this.setup.onEvent(skipped);
    for (const e of events) this.setup.onEvent(e);
  }

  private emitLine(stream: 'stdout' | 'stderr', text: string, partial: boolean): void {
    if (this.finished) return;
    this.transcribe({ type: 'output', t: this.now(), stream, text, ...(partial ? { partial: true as const } : {}) }, Buffer.byteLength(text) + 1);
  }

  private readStream(stream: Readable, name: 'stdout' | 'stderr'): void {
    const decoder = new StringDecoder('utf8');
    const lines = new LineSplitter(MAX_LINE_CHARS);
    let timer: NodeJS.Timeout | null = null;
    const flushPartial = () => {
      timer = null;
      const rest = lines.flush();
      if (rest !== null) this.emitLine(name, rest, true);
    };
    stream.on('data', (chunk: Buffer) => {
      for (const line of lines.push(decoder.write(chunk))) this.emitLine(name, line, false);
      // Once the root has exited, what is left in the pipe is read at full speed: the run's end waits only briefly for it.
      if (this.budget.pending() && !this.rootExited) {
        stream.pause();
        setTimeout(() => stream.resume(), FLOOD_PAUSE_MS).unref();
      }
      if (timer) clearTimeout(timer);
      if (lines.hasPending()) {
        timer = setTimeout(flushPartial, PARTIAL_FLUSH_MS);
      }
    });
    stream.on('error', () => undefined);
    stream.on('close', () => {
      if (timer) clearTimeout(timer);
      for (const line of lines.push(decoder.end())) this.emitLine(name, line, false);
      flushPartial();
      this.openStreams--;
      this.maybeFinish();
    });
  }

  private onRootExit(code: number | null, signal: NodeJS.Signals | null): void {
    this.rootExited = true;
    this.exitCode = code;
    this.signal = signal;
    // One more look first, so the processes that ended before the root are reported before it.
    void this.setup.watch.tick().then(() => {
      removeMember(this.tree, this.pid);
      this.reportRootExit();
      this.maybeFinish();
    });
  }

  private reportRootExit(): void {
    if (this.rootExitReported || !this.rootExited) return;
    this.rootExitReported = true;
    this.reported.delete(this.pid);
    this.record({ type: 'proc-exit', t: this.now(), pid: this.pid, exitCode: this.exitCode, signal: this.signal });
  }

  private onTreeChanges(changes: TreeChange[]): void {
    let rootGone = false;
    for (const c of changes) {
      const t = this.now();
      if (this.isTracer(c)) continue;
      if (c.kind === 'start') {
        if (this.procStarts >= PROC_EVENT_LIMIT) {
          if (!this.treeCapped) {
            this.treeCapped = true;
            this.record({ type: 'tree-capped', t, limit: PROC_EVENT_LIMIT });
          }
          continue;
        }
        this.procStarts++;
        this.reported.add(c.proc.pid);
        this.record({ type: 'proc-start', t, pid: c.proc.pid, ppid: c.proc.ppid, name: c.proc.name, command: c.proc.command, root: false, marked: c.marked });
      } else if (c.pid === this.pid && c.kind === 'zombie') {
        continue; // the runner is its parent and collects it at once
      } else if (c.pid === this.pid && c.kind === 'exit') {
        rootGone = true; // reported after the others of this look, once its exit status is known
      } else if (!this.reported.has(c.pid)) {
        continue;
      } else if (c.kind === 'exec') {
        if (this.execEvents >= PROC_EVENT_LIMIT) continue; // still tracked, no longer reported
        this.execEvents++;
        this.record({ type: 'proc-exec', t, pid: c.pid, name: c.name, command: c.command });
      } else if (c.kind === 'zombie') {
        const status = new ProcessHandle(c.pid, this.tree.members.get(c.pid)?.startTime ?? undefined).zombieStatus() ?? { exitCode: null, signal: null };
        this.zombieStatus.set(c.pid, status);
        this.record({ type: 'proc-zombie', t, pid: c.pid, ...status });
      } else {
        const status = this.zombieStatus.get(c.pid) ?? { exitCode: null, signal: null };
        this.zombieStatus.delete(c.pid);
        this.reported.delete(c.pid);
        this.record({ type: 'proc-exit', t, pid: c.pid, ...status });
      }
    }
    if (rootGone) this.reportRootExit();
    this.maybeFinish();
  }

  /**
   * strace's own processes: the root before it becomes the program, and the tracer it forks (seen
   * only if a sample lands in those first milliseconds). They are dropped from the tree, and the
   * root keeps the program's name.
   */
  private isTracer(c: TreeChange): boolean {
    const mark = this.tracerMark;
    if (!mark) return false;
    // strace -DD forks its tracer from the root before the root execs the program; that fork
    // exits at once (a grandchild traces), and a look may see it only as a zombie, whose command
    // line is gone: by its name and parent then.
    const tracerZombie = c.kind === 'start' && c.proc.state === 'Z' && c.proc.ppid === this.pid && c.proc.name === 'strace';
    if (c.kind === 'start' && (c.proc.command.includes(mark) || tracerZombie)) {
      removeMember(this.tree, c.proc.pid);
      return true;
    }
    if (c.kind === 'exec' && c.command.includes(mark)) {
      const m = this.tree.members.get(c.pid);
      if (m && c.pid === this.pid) Object.assign(m, { name: this.rootName, command: this.rootCommand });
      else removeMember(this.tree, c.pid);
      return true;
    }
    return false;
  }

  /** The run ends when the root has exited and no process of the tree is left (zombies are dead: they only await reaping). */
  private maybeFinish(): void {
    if (this.finished || this.finishing || !this.rootExitReported) return;
    const members = [...this.tree.members.values()];
    if (members.some((m) => m.state !== 'Z')) {
      this.quietLooks = 0;
      return;
    }
    // Nobody of the tree is seen, yet someone holds the output pipes: a few more looks first.
    if (this.openStreams > 0 && this.quietLooks < QUIET_LOOKS_BEFORE_END) {
      this.quietLooks++;
      return;
    }
    this.finishing = true;
    for (const m of members) {
      removeMember(this.tree, m.pid);
      if (!this.reported.delete(m.pid)) continue;
      const status = this.zombieStatus.get(m.pid) ?? { exitCode: null, signal: null };
      this.record({ type: 'proc-exit', t: this.now(), pid: m.pid, ...status });
    }
    const end = () => {
      if (this.finished) return;
      this.finished = true;
      this.setup.watch.remove(this.watched);
      this.setup.supervisor.untrack(this.pid);
      if (this.openStreams > 0) {
        // A process we could not see (it cleared its environment and left the group) holds the pipes: stop reading.
        this.child.stdout?.destroy();
        this.child.stderr?.destroy();
      }
      this.child.stdin?.destroy();
      this.drainTail();
      this.record({
        type: 'run-end',
        t: this.now(),
        stopped: this.stopped,
        exitCode: this.exitCode,
        signal: this.signal,
        message: describeRunExit(this.exitCode, this.signal, this.stopped),
        droppedLines: this.budget.skippedLines,
        droppedBytes: this.budget.skippedBytes,
      });
      this.resolveDone();
    };
    if (this.openStreams === 0) end();
    else {
      const settle = setTimeout(end, CLOSE_SETTLE_MS);
      const check = setInterval(() => {
        if (this.openStreams === 0) {
          clearTimeout(settle);
          clearInterval(check);
          end();
        }
      }, 10);
      settle.unref?.();
      void this.done.then(() => clearInterval(check));
    }
  }
}
