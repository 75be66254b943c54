// The lesson runtime's Process: Python's multiprocessing.Process for TypeScript lessons.
// start() creates a real OS process: node runs child-entry.js, which re-imports the lesson's
// main module and calls the named target with the JSON arguments (Python's spawn start method).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { outsideAsar } from '../../../shared/asar-path.js';
import { addChild, removeChild, type ChildHandle } from './children.js';
import { isDaemonProcess, mainModulePath } from './current-process.js';
import { childEnv } from './env.js';
import { isEnding, parked } from './ending.js';
import { emit, eventFd } from './event-channel.js';
import { toExitcode } from './exit-status.js';

// The unpacked copy in a packaged app: the child's relative imports must resolve beside it.
const CHILD_ENTRY = outsideAsar(fileURLToPath(new URL('./child-entry.js', import.meta.url)));

/** A misuse Python answers with an AssertionError: the same rules, with a name to test for. */
export class ProcessUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProcessUsageError';
  }
}

export interface ProcessOptions<A extends unknown[]> {
  /** An exported function of the main module: the child finds it by name after re-importing. */
  target: (...args: A) => unknown;
  /** Passed to the target as JSON (Python pickles them): plain data only. */
  args?: A;
  name?: string;
  daemon?: boolean;
}

let created = 0;

export class Process<A extends unknown[] = unknown[]> implements ChildHandle {
  readonly name: string;
  private readonly targetName: string;
  private readonly args: A;
  private isDaemon: boolean;
  private child: ChildProcess | null = null;
  private status: number | null = null;
  private readonly exited: Promise<void>;
  private markExited!: () => void;
  private joiners = 0;

  constructor(options: ProcessOptions<A>) {
    created += 1;
    this.targetName = options.target.name;
    if (!this.targetName) throw new ProcessUsageError('target must be a named function exported by the main module');
    this.args = options.args ?? ([] as unknown[] as A);
    this.name = options.name ?? `Process-${created}`;
    this.isDaemon = options.daemon ?? false;
    this.exited = new Promise((resolve) => (this.markExited = resolve));
  }

  /** Python: p.daemon. Only before start(): the child learns it when it is created. */
  get daemon(): boolean {
    return this.isDaemon;
  }

  set daemon(value: boolean) {
    if (this.child) throw new ProcessUsageError('process has already started: set daemon before start()');
    this.isDaemon = value;
  }

  /** The child's pid; null before start(). */
  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  /** null while running (or before start); the exit status; minus the signal number if a signal ended it. */
  get exitcode(): number | null {
    return this.status;
  }

  isAlive(): boolean {
    return this.child !== null && this.status === null;
  }

  start(): void {
    if (this.child) throw new ProcessUsageError('cannot start a process twice');
    if (isDaemonProcess()) throw new ProcessUsageError('daemonic processes are not allowed to have children');
    const fd = eventFd();
    const env = childEnv(process.env, {
      mainModule: mainModulePath(),
      target: this.targetName,
      args: this.args,
      daemon: this.isDaemon,
      name: this.name,
      parentPid: process.pid,
      eventFd: fd,
    });
    // The event channel goes in slot 3 (CHILD_EVENT_FD), where the child looks for it; the
    // child's raw stdout/stderr are this process's (its printed lines travel as events).
    const stdio = fd === null ? ['ignore', 'inherit', 'inherit'] : ['ignore', 'inherit', 'inherit', fd];
    const child = spawn(process.execPath, [CHILD_ENTRY], { env, stdio: stdio as ('ignore' | 'inherit' | number)[] });
    if (child.pid === undefined) {
      // Node reports the reason (EAGAIN, EMFILE) only in an 'error' on the next tick: without a
      // listener that error would end this program with a stack trace instead of this message.
      child.on('error', () => undefined);
      throw new ProcessUsageError(`could not start ${this.name}: the system refused a new process (too many processes, or too many open files)`);
    }
    this.child = child;
    const pid = child.pid;
    child.on('error', () => undefined); // reported through 'exit'
    child.on('exit', (code, signal) => {
      this.status = toExitcode(code, signal);
      emit({ type: 'exit', pid, exitcode: this.status, signal });
      removeChild(this);
      this.markExited();
    });
    // A running child does not by itself keep this program alive: the end-of-program step
    // decides (terminate daemons, join the others), as Python's does.
    child.unref();
    addChild(this);
    emit({ type: 'start', pid, ppid: process.pid, name: `${this.name} (${this.targetName})`, daemon: this.isDaemon });
  }

  /** Waits until the child ends, or at most `timeoutMs`. Python: p.join(timeout). */
  async join(timeoutMs?: number): Promise<void> {
    const child = this.child;
    if (!child || child.pid === undefined) throw new ProcessUsageError('can only join a started process');
    const timeout = timeoutMs ?? null;
    emit({ type: 'join-begin', pid: process.pid, target: child.pid, timeoutMs: timeout });
    if (this.status === null) {
      this.joiners += 1;
      child.ref(); // waiting for the child keeps this process alive
      let timer: NodeJS.Timeout | undefined;
      const timedOut = timeout === null ? null : new Promise<void>((resolve) => (timer = setTimeout(resolve, timeout)));
      await (timedOut ? Promise.race([this.exited, timedOut]) : this.exited);
      clearTimeout(timer);
      this.joiners -= 1;
      if (this.joiners === 0 && this.status === null) child.unref();
    }
    if (isEnding()) return parked();
    emit({ type: 'join-end', pid: process.pid, target: child.pid, timedOut: this.status === null });
  }

  ended(): Promise<void> {
    return this.exited;
  }

  /** SIGTERM (Python: p.terminate()). A child that already ended is left alone. */
  terminate(): void {
    this.signal('SIGTERM');
  }

  /** SIGKILL (Python: p.kill()). */
  kill(): void {
    this.signal('SIGKILL');
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.child && this.status === null) this.child.kill(signal);
  }
}
