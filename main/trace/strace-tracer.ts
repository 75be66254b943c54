// Runs a program under strace and turns what strace writes into lifecycle events as they happen.
// strace writes to a FIFO in a fresh private temp directory; both are removed as soon as strace
// has written to it (and in any case when the run or the app ends), so no file is left behind.
// The FIFO's end (strace exited: every traced process is gone) ends the stream.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { LifecycleEvent } from '../../shared/lifecycle.js';
import { readProcStat } from '../processes/process-files.js';
import { StraceEvents } from './strace-events.js';
import { straceArgs } from './strace-command.js';

export interface StraceTracerOptions {
  strace: string;
  onEvents(events: LifecycleEvent[]): void;
  /** The runner's pid: the root's parent, which reaps it. */
  runnerPid?: number;
}

/** What to spawn instead of the program itself. */
export interface WrappedLaunch {
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/** Appended to each of the run's marker tokens in strace's own environment (see wrap). */
export const TRACER_TOKEN_SUFFIX = '.tracer';

/** Directories of live tracers, removed if the process exits before a run cleaned up. */
const liveDirs = new Set<string>();
let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const dir of liveDirs) fs.rmSync(dir, { recursive: true, force: true });
  });
}

/** The current parent of a live process (null once it is gone). */
export function readPpid(pid: number): number | null {
  return readProcStat(pid)?.ppid ?? null;
}

/** Epoch milliseconds with sub-ms precision, on the monotonic clock's scale (performance.now). */
export const preciseNowMs = (): number => performance.timeOrigin + performance.now();

export class StraceTracer {
  /** Resolves once strace's output has ended and every event was delivered. */
  readonly done: Promise<void>;
  private readonly dir: string;
  private readonly fifo: string;
  private resolveDone!: () => void;
  /** strace has written to the FIFO, so it holds its end. */
  private straceWrote = false;
  private ended = false;
  private parser: StraceEvents | null = null;
  private socket: net.Socket | null = null;
  /** Our end of the FIFO, opened before strace starts; handed to the socket by started(). */
  private readerFd = -1;
  /** Lines strace wrote, and the ms spent parsing them (for the benchmark). */
  parseMs = 0;

  constructor(private readonly opts: StraceTracerOptions) {
    installExitHook();
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'procplay-trace-'));
    liveDirs.add(this.dir);
    this.fifo = path.join(this.dir, 'strace.out');
    // Node has no mkfifo; coreutils' is on every Linux that has strace.
    const made = spawnSync('mkfifo', ['-m', '600', this.fifo], { stdio: 'ignore' });
    if (made.status !== 0) {
      this.removeDir();
      throw new Error(`could not create a FIFO for strace's output in ${this.dir}`);
    }
    // Our end is open before strace starts: strace opens its output (O_WRONLY, which waits for a
    // reader) first thing, and if the app died before opening its end, strace would wait in open()
    // for ever, left behind by an app killed at the wrong moment (CI: `procplay run` SIGKILLed).
    // Opened without blocking: a blocking open waits (in one of libuv's four pool threads) for a
    // writer, and if strace never comes that thread never returns and Node's exit, which joins the
    // pool, hangs. A reader opened before any writer sees neither data nor hang-up until a writer
    // has come (strace) and gone (its exit).
    try {
      this.readerFd = fs.openSync(this.fifo, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
    } catch (err) {
      this.removeDir();
      throw err;
    }
  }

  /** A string only the tracer's own command lines contain (its FIFO's path): a sampler can tell strace's processes from the program's. */
  get mark(): string {
    return this.fifo;
  }

  get lines(): number {
    return this.parser?.lines ?? 0;
  }

  /**
   * The launch that runs `file args` under strace. `traceeOnly` names environment variables the
   * program must get but strace itself must not (the run's marker: the tracer is not part of the
   * tree); strace passes them on with -E.
   */
  wrap(file: string, args: readonly string[], env: NodeJS.ProcessEnv, traceeOnly: readonly string[] = []): WrappedLaunch {
    const straceEnv = { ...env };
    const extra: string[] = [];
    for (const name of traceeOnly) {
      const value = straceEnv[name];
      if (value === undefined) continue;
      // strace gets tokens of its own ("<token>.tracer"): not the run's, since it is not part of the
      // tree, yet under the same owner prefix, so the watchdog ends it with the app's trees if the
      // app dies while strace still waits (in the open of its output, say: CI saw one left behind).
      straceEnv[name] = value
        .split(' ')
        .filter((t) => t.length > 0)
        .map((t) => `${t}${TRACER_TOKEN_SUFFIX}`)
        .join(' ');
      extra.push('-E', `${name}=${value}`);
    }
    const all = straceArgs(this.fifo, file, args);
    const dash = all.indexOf('--');
    return { file: this.opts.strace, args: [...all.slice(0, dash), ...extra, ...all.slice(dash)], env: straceEnv };
  }

  /** The wrapped launch was spawned as `rootPid` at `epochMs` (preciseNowMs() just before the spawn). */
  started(rootPid: number, epochMs: number): void {
    this.parser = new StraceEvents({ rootPid, rootPpid: this.opts.runnerPid ?? process.pid, epochMs, readPpid });
    this.opts.onEvents([{ type: 'fork', t: 0, pid: rootPid, ppid: this.opts.runnerPid ?? process.pid }]);
    const fd = this.readerFd;
    if (fd < 0) {
      this.finish();
      return;
    }
    this.readerFd = -1; // the socket owns it now
    const socket = new net.Socket({ fd, readable: true, writable: false });
    this.socket = socket;
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      // strace has its end open: the name is no longer needed.
      this.straceWrote = true;
      this.removeDir();
      this.feed(chunk);
    });
    socket.on('error', () => this.finish());
    socket.on('close', () => this.finish());
    socket.on('end', () => this.finish());
  }

  /** The spawn failed: nothing will write to the FIFO. */
  abort(): void {
    this.removeDir();
    this.finish();
  }

  /**
   * The spawned process ended. If strace never wrote (it failed to start: a bad option, ptrace
   * refused), no writer will ever hang up on our reader: open the FIFO as a writer and close it,
   * which ends the stream. Harmless if strace does hold it: the stream then ends with strace.
   */
  rootExited(): void {
    if (this.straceWrote || this.ended) return;
    setTimeout(() => {
      if (this.straceWrote || this.ended) return;
      try {
        fs.closeSync(fs.openSync(this.fifo, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK));
      } catch {
        // strace wrote meanwhile (the directory is gone)
      }
    }, 500).unref();
  }

  private feed(chunk: string): void {
    if (!this.parser) return;
    const t0 = performance.now();
    const events = this.parser.push(chunk);
    this.parseMs += performance.now() - t0;
    if (events.length) this.opts.onEvents(events);
  }

  private finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.socket?.destroy();
    if (this.readerFd >= 0) fs.closeSync(this.readerFd); // started() never came (the spawn failed)
    this.readerFd = -1;
    if (this.parser) {
      const events = this.parser.end();
      if (events.length) this.opts.onEvents(events);
    }
    this.removeDir();
    this.resolveDone();
  }

  private removeDir(): void {
    if (!liveDirs.has(this.dir)) return;
    liveDirs.delete(this.dir);
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
