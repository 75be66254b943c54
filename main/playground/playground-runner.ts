// The playground runner of the main side (Electron main, web-mode server, CLI): runs the user's
// own command line (through the user's shell, as a terminal would) or script (through the
// interpreter its extension calls for) as a tracked tree, refuses bad input before starting
// anything, and stops a run by ending its whole tree.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LifecycleEvent, LifecycleSource } from '../../shared/lifecycle.js';
import type { PlaygroundEvent, PlaygroundExamples, PlaygroundFileRequest, PlaygroundRunInfo, PlaygroundRunRequest } from '../../shared/playground.js';
import { getSupervisor, type Supervisor } from '../supervision/supervisor.js';
import { findProgram, firstWord } from './command-check.js';
import { PlaygroundError } from './errors.js';
import { listExamples } from './example-catalogue.js';
import { commandSpec, fileSpec, type LaunchContext, type LaunchSpec } from './launch-spec.js';
import { PlaygroundRun, stopPlaygroundRuns } from './playground-run.js';
import { MAX_CONCURRENT_PLAYGROUND_RUNS } from '../app/limits.js';
import { RunRegistry } from '../runs/run-registry.js';
import { TreeWatch } from './tree-watch.js';

/** Ended runs kept for playground.runs. */
const KEEP_ENDED_RUNS = 10;
/** Longest command line accepted (the contract checks the same). */
export const MAX_COMMAND_CHARS = 16 * 1024;

export interface PlaygroundRunnerOptions {
  onEvent(runId: string, event: PlaygroundEvent): void;
  supervisor?: Supervisor;
  watch?: TreeWatch;
  /** Working directory when a request names none: the home directory by default. */
  defaultCwd?: string;
  /** Programs running at once before run() refuses (default MAX_CONCURRENT_PLAYGROUND_RUNS). */
  maxRuns?: number;
  /** Input queued per program before playground.input refuses (default MAX_QUEUED_STDIN_BYTES). */
  maxQueuedStdinBytes?: number;
  /** Exact lifecycle events of a run (strace), in batches. */
  onLifecycle?(runId: string, events: LifecycleEvent[], source: LifecycleSource): void;
  /** False: runs are not traced (default: on unless PROCPLAY_TRACE=off). */
  trace?: boolean;
}

export class PlaygroundRunner {
  /** Runs being started (awaiting the watchdog or the spawn) count against the cap too. */
  private readonly registry: RunRegistry<PlaygroundRun>;
  private readonly supervisor: Supervisor;
  private readonly watch: TreeWatch;
  private readonly defaultCwd: string;

  constructor(private readonly opts: PlaygroundRunnerOptions) {
    this.supervisor = opts.supervisor ?? getSupervisor();
    this.watch = opts.watch ?? new TreeWatch();
    this.defaultCwd = opts.defaultCwd ?? os.homedir();
    this.registry = new RunRegistry<PlaygroundRun>({
      idPrefix: 'pg',
      maxRunning: opts.maxRuns ?? MAX_CONCURRENT_PLAYGROUND_RUNS,
      keepEnded: KEEP_ENDED_RUNS,
      tooMany: (running, max) =>
        new PlaygroundError('too-many-runs', `${running} programs are already running, the most this app runs at once is ${max}: stop one first; nothing was started`),
      unknown: (runId) => new PlaygroundError('unknown-run', `no playground run "${runId}"`),
    });
  }

  /** Runs a command line with /bin/sh -c (cmd.exe /d /s /c on Windows). */
  async run(req: PlaygroundRunRequest): Promise<PlaygroundRunInfo> {
    const command = req.command.trim();
    if (!command) throw new PlaygroundError('empty-command', 'the command is empty: type a program to run, for example: python3 my_script.py');
    if (command.length > MAX_COMMAND_CHARS) throw new PlaygroundError('empty-command', `the command is too long (${command.length} > ${MAX_COMMAND_CHARS} characters)`);
    if (command.includes('\0')) throw new PlaygroundError('empty-command', 'the command contains a NUL character');
    const cwd = this.checkCwd(req.cwd);
    const first = firstWord(command);
    if (first.kind === 'program' && !findProgram(first.word, this.pathOpts(cwd))) {
      const where = first.word.includes('/') || first.word.includes('\\') ? `no executable file "${first.word}" (from ${cwd})` : `no program "${first.word}" on the PATH`;
      throw new PlaygroundError('not-found', `command not found: ${first.word} — ${where}; nothing was started`);
    }
    return this.start(command, commandSpec(command, this.launchContext(cwd)), cwd);
  }

  /** Runs a script with the interpreter its extension calls for. */
  async runFile(req: PlaygroundFileRequest): Promise<PlaygroundRunInfo> {
    if (!req.path.trim()) throw new PlaygroundError('file-missing', 'no script given: choose a file to run');
    const base = req.cwd ? this.checkCwd(req.cwd) : this.defaultCwd;
    const file = path.resolve(base, req.path);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      throw new PlaygroundError('file-missing', `the script "${file}" does not exist; nothing was started`);
    }
    if (!stat.isFile()) throw new PlaygroundError('file-missing', `"${file}" is not a file; nothing was started`);
    const cwd = req.cwd ? base : path.dirname(file);
    return this.start(file, fileSpec(file, this.launchContext(cwd)), cwd);
  }

  async stop(runId: string): Promise<boolean> {
    const run = this.registry.find(runId);
    if (!run || !run.running()) return false;
    return run.stop();
  }

  /**
   * Ctrl+C as a terminal delivers it: SIGINT to the run's process group (the program and the
   * children that did not leave it). False when the run is not running or the OS has no signals.
   */
  interrupt(runId: string): boolean {
    const run = this.registry.find(runId);
    if (!run || !run.running()) return false;
    return run.interrupt();
  }

  /** One line of input for the program (a newline is added); `eof` closes its stdin afterwards (Ctrl+D). */
  sendInput(runId: string, text: string, opts: { eof?: boolean } = {}): { sent: boolean } {
    this.registry.get(runId).write(text, { newline: text.length > 0 || !opts.eof, eof: opts.eof });
    return { sent: true };
  }

  /**
   * Raw bytes for the program's stdin, not echoed (the CLI forwards its own stdin this way). Not
   * bounded: false means "pause the source until inputDrained()", as a stream's write() does.
   */
  writeRaw(runId: string, text: string, opts: { eof?: boolean } = {}): boolean {
    return this.registry.get(runId).write(text, { newline: false, eof: opts.eof, echo: false, bounded: false });
  }

  /** Resolves when the input queued for the run has gone to the program (or its input closed). */
  inputDrained(runId: string): Promise<void> {
    return this.registry.get(runId).inputDrained();
  }

  examples(): PlaygroundExamples {
    return listExamples((name) => findProgram(name, { cwd: this.defaultCwd, pathEnv: process.env.PATH, pathExt: process.env.PATHEXT }));
  }

  runs(): PlaygroundRunInfo[] {
    return this.registry.list().map((r) => r.info());
  }

  info(runId: string): PlaygroundRunInfo | null {
    return this.registry.find(runId)?.info() ?? null;
  }

  /** True for a live process of a running tree: the app started it, no kill confirmation needed. */
  ownsPid(pid: number): boolean {
    return this.registry.ownsPid(pid);
  }

  trackedPids(): number[] {
    return this.registry.trackedPids();
  }

  /** Ends every running tree with one sweep for all of them (one scan of the process table per round, not one per run). */
  async stopAll(): Promise<void> {
    // A run still being started is waited for: it is stopped too, not left behind.
    await this.registry.settled();
    await stopPlaygroundRuns(this.registry.running(), this.watch);
  }

  /** Resolves when the run's whole tree has ended. */
  whenDone(runId: string): Promise<void> {
    return this.registry.find(runId)?.done ?? Promise.resolve();
  }

  /** Whether a run's lifecycle events are exact (and the once-per-process notice if not), and when the last was delivered. */
  lifecycle(runId: string): { source: LifecycleSource & { notice: string | null }; done: Promise<void> } | null {
    const run = this.registry.find(runId);
    return run ? { source: run.lifecycle, done: run.traced } : null;
  }

  private checkCwd(cwd: string | undefined): string {
    if (cwd === undefined || cwd.trim() === '') return this.defaultCwd;
    const dir = path.resolve(this.defaultCwd, cwd);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(dir);
    } catch {
      throw new PlaygroundError('bad-cwd', `the working directory "${dir}" does not exist; nothing was started`);
    }
    if (!stat.isDirectory()) throw new PlaygroundError('bad-cwd', `the working directory "${dir}" is not a directory; nothing was started`);
    return dir;
  }

  private pathOpts(cwd: string) {
    return { cwd, pathEnv: process.env.PATH, pathExt: process.env.PATHEXT };
  }

  private launchContext(cwd: string): LaunchContext {
    return {
      platform: process.platform,
      which: (name) => findProgram(name, this.pathOpts(cwd)),
      execPath: process.execPath,
      comSpec: process.env.ComSpec,
    };
  }

  private async start(command: string, spec: LaunchSpec, cwd: string): Promise<PlaygroundRunInfo> {
    const run = await this.registry.start((runId) =>
      PlaygroundRun.start({
        runId,
        command,
        spec,
        cwd,
        supervisor: this.supervisor,
        watch: this.watch,
        maxQueuedStdinBytes: this.opts.maxQueuedStdinBytes,
        onEvent: (event) => this.opts.onEvent(runId, event),
        onLifecycle: (events, source) => this.opts.onLifecycle?.(runId, events, source),
        trace: this.opts.trace,
      }),
    );
    return run.info();
  }
}
