// The app's side of "nothing left behind": every tree the app starts is registered with ONE
// watchdog process per app (spawned lazily, in its own session, fed through a stdin pipe). When
// the app ends in any way, even by SIGKILL, the pipe closes and the watchdog ends every registered
// tree and every process carrying this app's owner token (see watchdog.ts). Costs nothing until
// the first tree is started.
//
// Callers: spawn the tree detached (its own process group) with `env[OWNER_ENV] = markerFor(...)`,
// await prepare() BEFORE spawning (so the watchdog already runs; it rejects, with the reason, when
// none can be started: the caller must then start nothing) and call track() right after.
//
// A watchdog that could not be started (the system refused a process: EAGAIN in a cgroup at its
// pids.max, EMFILE) or that died is started again: at the next prepare(), and on a back-off timer
// while trees are registered, so a run is never left unsupervised for longer than it takes the
// system to allow one more process.
import { spawn, type ChildProcess } from 'node:child_process';
import { describeSpawnError, whenSpawned } from '../app/spawn-failure.js';
import { appendToken, makeOwnerId, makeToken, OWNER_ENV, ownerPrefix } from './owner-marker.js';
import { encodeCommand, type WatchdogCommand, WATCHDOG_READY_LINE } from './watchdog-protocol.js';
import { watchdogScriptPath } from './watchdog-path.js';

export interface Supervisor {
  /** `<appPid>.<random>`: the prefix of every token this app hands out. */
  readonly ownerId: string;
  /** A fresh token for one run, and the environment value a child gets for it (keeps enclosing owners' tokens). */
  markerFor(runId: string): { token: string; envName: string; envValue: string };
  /** Resolves once a watchdog runs (starting one if needed); rejects with the reason when none can be started. */
  prepare(): Promise<void>;
  /** Registers a tree: its process group id (its root's pid: spawn it detached), and its token. */
  track(pgid: number, token: string): void;
  /** Forgets a tree once it has ended. */
  untrack(pgid: number): void;
  /** Pid of the watchdog (one of the app's own processes), or null while none runs. */
  watchdogPid(): number | null;
  /** Why the last start of a watchdog failed, or null when the last one succeeded. */
  lastFailure(): string | null;
  /** Closes the pipe: the watchdog ends whatever is still registered, then exits. Resolves when it has. */
  shutdown(timeoutMs?: number): Promise<void>;
}

/** Thrown by prepare(): no watchdog runs, so nothing may be started. */
export class UnsupervisedError extends Error {
  readonly code = 'unsupervised';
  constructor(reason: string) {
    super(`nothing was started: the watchdog that ends this app's programs if the app dies could not be started (${reason}); try again when the system allows more processes`);
    this.name = 'UnsupervisedError';
  }
}

/** How long shutdown waits for the watchdog to finish its sweep (SIGTERM, 500 ms, SIGKILL rounds). */
const SHUTDOWN_WAIT_MS = 3000;
/** A watchdog that has not said it is ready by then is taken as failed (node could not start its threads). */
const READY_TIMEOUT_MS = 10_000;
/** Back-off between restarts while trees are registered and no watchdog runs. */
const RETRY_FIRST_MS = 100;
const RETRY_MAX_MS = 2000;

export interface SupervisorOptions {
  appPid?: number;
  /** Seam for tests: the command that runs the watchdog (default: this node with watchdog.js). */
  watchdogCommand?: () => { file: string; args: string[] };
}

export function createSupervisor(opts: SupervisorOptions = {}): Supervisor {
  const ownerId = makeOwnerId(opts.appPid ?? process.pid);
  const registered = new Map<number, string>();
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let starting: Promise<void> | null = null;
  let failure: string | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let retryDelay = RETRY_FIRST_MS;
  let closing = false;

  const send = (cmd: WatchdogCommand): void => {
    const stdin = child?.stdin;
    if (stdin && !stdin.destroyed && stdin.writable) stdin.write(encodeCommand(cmd));
  };

  const command = opts.watchdogCommand ?? (() => ({ file: process.execPath, args: [watchdogScriptPath(), ownerPrefix(ownerId)] }));

  /** Spawns a watchdog and waits for its ready line; on success it is `child` and knows every registered tree. */
  async function launch(): Promise<void> {
    let proc: ChildProcess;
    try {
      const { file, args } = command();
      proc = spawn(file, args, {
        // Its own session on POSIX: a terminal's Ctrl+C or hang-up reaches the app, not the watchdog.
        detached: process.platform !== 'win32',
        stdio: ['pipe', 'pipe', 'ignore'],
        env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        windowsHide: true,
      });
    } catch (err) {
      throw new UnsupervisedError(describeSpawnError(err));
    }
    try {
      await whenSpawned(proc);
    } catch (err) {
      throw new UnsupervisedError(describeSpawnError(err));
    }
    proc.stdin!.on('error', () => undefined); // EPIPE when it died: handled by 'exit'
    const procExited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    try {
      await readyLine(proc, procExited);
    } catch (err) {
      try {
        proc.kill('SIGKILL');
      } catch {
        // gone
      }
      throw err;
    }
    child = proc;
    exited = procExited;
    proc.once('exit', () => {
      if (child !== proc) return;
      child = null;
      // Ended by someone else while trees are running: start another and tell it everything again.
      if (registered.size && !closing) scheduleRetry(0);
    });
    // Neither the process nor its pipe keeps the app's event loop alive.
    proc.unref();
    (proc.stdin as unknown as { unref?: () => void }).unref?.();
    for (const [pgid, token] of registered) send({ op: 'track', pgid, token });
  }

  function start(): Promise<void> {
    starting ??= launch().then(
      () => {
        starting = null;
        failure = null;
        retryDelay = RETRY_FIRST_MS;
      },
      (err: Error) => {
        starting = null;
        failure = err instanceof UnsupervisedError ? err.message : describeSpawnError(err);
        if (registered.size && !closing) scheduleRetry(retryDelay);
        retryDelay = Math.min(RETRY_MAX_MS, retryDelay * 2);
        throw err instanceof UnsupervisedError ? err : new UnsupervisedError(describeSpawnError(err));
      },
    );
    return starting;
  }

  function scheduleRetry(delayMs: number): void {
    if (retryTimer || closing) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      if (!child && registered.size && !closing) start().catch(() => undefined);
    }, delayMs);
    retryTimer.unref();
  }

  const prepare = async (): Promise<void> => {
    if (child) return;
    closing = false;
    await start();
  };

  return {
    ownerId,
    markerFor(runId) {
      const token = makeToken(ownerId, runId);
      return { token, envName: OWNER_ENV, envValue: appendToken(process.env[OWNER_ENV], token) };
    },
    prepare,
    track(pgid, token) {
      registered.set(pgid, token);
      if (child) send({ op: 'track', pgid, token });
      // The caller awaited prepare(), so a watchdog ran a moment ago; if it died since, the restart tells the next one.
      else if (!starting) scheduleRetry(0);
    },
    untrack(pgid) {
      if (!registered.delete(pgid)) return;
      send({ op: 'untrack', pgid });
    },
    watchdogPid: () => child?.pid ?? null,
    lastFailure: () => failure,
    async shutdown(timeoutMs = SHUTDOWN_WAIT_MS) {
      closing = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      if (starting) await starting.catch(() => undefined);
      const proc = child;
      if (!proc) return;
      registered.clear();
      child = null;
      proc.stdin?.end();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
      clearTimeout(timer);
    },
  };
}

/** Resolves when the watchdog has written its ready line (its handlers are in place). */
function readyLine(proc: ChildProcess, procExited: Promise<void>): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = proc.stdout!;
    let text = '';
    const timer = setTimeout(() => finish(new UnsupervisedError(`it did not start within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    timer.unref();
    const finish = (err?: Error) => {
      clearTimeout(timer);
      out.off('data', onData);
      // It writes nothing more: close our end so the pipe holds no fd and never keeps the app alive.
      out.destroy();
      if (err) reject(err);
      else resolve();
    };
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes(WATCHDOG_READY_LINE)) finish();
    };
    out.on('data', onData);
    out.on('error', () => undefined);
    void procExited.then(() => {
      if (!text.includes(WATCHDOG_READY_LINE)) {
        const how = proc.signalCode ? `it was ended by ${proc.signalCode}` : `it exited with code ${proc.exitCode}`;
        finish(new UnsupervisedError(`${how} before it was ready`));
      }
    });
  });
}

let shared: Supervisor | null = null;

/** The app's one supervisor (one watchdog per app process). */
export function getSupervisor(): Supervisor {
  shared ??= createSupervisor();
  return shared;
}
