// The app's side of "nothing left behind": every tree the app starts is registered with ONE
// watchdog process per app (spawned lazily, in its own session, fed through a stdin pipe). When
// the app ends in any way, even by SIGKILL, the pipe closes and the watchdog ends every registered
// tree and every process carrying this app's owner token (see watchdog.ts). Costs nothing until
// the first tree is started.
//
// Callers: spawn the tree detached (its own process group) with `env[OWNER_ENV] = markerFor(...)`,
// call prepare() BEFORE spawning (so the watchdog already exists) and track() right after.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendToken, makeOwnerId, makeToken, OWNER_ENV, ownerPrefix } from './owner-marker.js';
import { encodeCommand, type WatchdogCommand } from './watchdog-protocol.js';
import { watchdogScriptPath } from './watchdog-path.js';

export interface Supervisor {
  /** `<appPid>.<random>`: the prefix of every token this app hands out. */
  readonly ownerId: string;
  /** A fresh token for one run, and the environment value a child gets for it (keeps enclosing owners' tokens). */
  markerFor(runId: string): { token: string; envName: string; envValue: string };
  /** Starts the watchdog now if it is not running. Throws if it cannot (not built). */
  prepare(): void;
  /** Registers a tree: its process group id (its root's pid: spawn it detached), and its token. */
  track(pgid: number, token: string): void;
  /** Forgets a tree once it has ended. */
  untrack(pgid: number): void;
  /** Pid of the watchdog (one of the app's own processes), or null while none runs. */
  watchdogPid(): number | null;
  /** Closes the pipe: the watchdog ends whatever is still registered, then exits. Resolves when it has. */
  shutdown(timeoutMs?: number): Promise<void>;
}

/** How long shutdown waits for the watchdog to finish its sweep (SIGTERM, 500 ms, SIGKILL rounds). */
const SHUTDOWN_WAIT_MS = 3000;

export function createSupervisor(opts: { appPid?: number } = {}): Supervisor {
  const ownerId = makeOwnerId(opts.appPid ?? process.pid);
  const registered = new Map<number, string>();
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();

  const send = (cmd: WatchdogCommand): void => {
    const stdin = child?.stdin;
    if (stdin && !stdin.destroyed && stdin.writable) stdin.write(encodeCommand(cmd));
  };

  function start(): void {
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_RUN_AS_NODE: '1' };
    const proc = spawn(process.execPath, [watchdogScriptPath(), ownerPrefix(ownerId)], {
      // Its own session on POSIX: a terminal's Ctrl+C or hang-up reaches the app, not the watchdog.
      detached: process.platform !== 'win32',
      stdio: ['pipe', 'ignore', 'ignore'],
      env,
      windowsHide: true,
    });
    child = proc;
    exited = new Promise((resolve) => proc.once('exit', () => resolve()));
    proc.once('error', () => undefined);
    proc.once('exit', () => {
      if (child !== proc) return;
      child = null;
      // Ended by someone else while trees are running: start another and tell it everything again.
      if (registered.size) restart();
    });
    proc.stdin!.on('error', () => undefined); // EPIPE when it died: handled by 'exit'
    // Neither the process nor its pipe keeps the app's event loop alive.
    proc.unref();
    (proc.stdin as unknown as { unref?: () => void }).unref?.();
    for (const [pgid, token] of registered) send({ op: 'track', pgid, token });
  }

  function restart(): void {
    try {
      start();
    } catch {
      // not built any more: nothing better to do than keep running unsupervised
    }
  }

  const prepare = (): void => {
    if (!child) start();
  };

  return {
    ownerId,
    markerFor(runId) {
      const token = makeToken(ownerId, runId);
      return { token, envName: OWNER_ENV, envValue: appendToken(process.env[OWNER_ENV], token) };
    },
    prepare,
    track(pgid, token) {
      prepare();
      registered.set(pgid, token);
      send({ op: 'track', pgid, token });
    },
    untrack(pgid) {
      if (!registered.delete(pgid)) return;
      send({ op: 'untrack', pgid });
    },
    watchdogPid: () => child?.pid ?? null,
    async shutdown(timeoutMs = SHUTDOWN_WAIT_MS) {
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

let shared: Supervisor | null = null;

/** The app's one supervisor (one watchdog per app process). */
export function getSupervisor(): Supervisor {
  shared ??= createSupervisor();
  return shared;
}
