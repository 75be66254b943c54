// The kernel's process connector (netlink PROC_EVENT_FORK/EXEC/EXIT), read by the python3 helper
// main/trace/proc_connector.py: what `procplay events` and the monitor's "Recent exits" strip share.
// Starting the helper, reading its JSON lines and saying in one line why it cannot run.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { outsideAsar } from '../../shared/asar-path.js';
import type { LifecycleEvent } from '../../shared/lifecycle.js';
import { projectRootFrom } from '../lessons/paths.js';
import { findProgram } from '../playground/command-check.js';

/** The helper, in the source tree (shipped unpacked beside the lesson reaper). */
// python3 opens it: in the packaged app, the unpacked copy beside app.asar (electron-builder.yml).
export const PROC_CONNECTOR_PY = outsideAsar(path.join(projectRootFrom(path.dirname(fileURLToPath(import.meta.url))), 'main', 'trace', 'proc_connector.py'));

/** The helper's exit code when the kernel refused the subscription for lack of privilege. */
export const NO_PRIVILEGE_EXIT = 2;

export const NOT_LINUX_REASON = "system-wide process events come from the Linux kernel's process connector: Linux only";
export const NO_PYTHON_REASON = "needs python3 on the PATH (it reads the kernel's netlink socket): `sudo apt install python3`";
export const NO_PRIVILEGE_REASON =
  'needs root or CAP_NET_ADMIN: run as root, or sudo setcap cap_net_admin+ep "$(readlink -f "$(command -v python3)")"';

/** One line of the helper's output. */
export type HelperMessage = { kind: 'ready' } | { kind: 'lost' } | { kind: 'event'; event: LifecycleEvent };

/** Pure: one JSON line of the helper, or null when it is not one. An exec whose name could not be read is named "?". */
export function parseHelperLine(line: string): HelperMessage | null {
  let msg: Record<string, unknown>;
  try {
    msg = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!msg || typeof msg !== 'object') return null;
  if (msg.ready === true) return { kind: 'ready' };
  if (msg.lost === true) return { kind: 'lost' };
  if (typeof msg.type !== 'string') return null;
  const event = msg as unknown as LifecycleEvent;
  // The helper reads an exec's name from /proc when the event arrives: a process already reaped has none.
  if (event.type === 'exec' && typeof event.name !== 'string') event.name = '?';
  if (event.type === 'exit' && typeof event.name !== 'string') delete event.name;
  return { kind: 'event', event };
}

/** Why the helper cannot run here at all (before trying), or null. */
export function systemEventsUnavailable(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): { reason: string } | { python: string } {
  if (platform !== 'linux') return { reason: NOT_LINUX_REASON };
  const python = findProgram('python3', { cwd: process.cwd(), pathEnv: env.PATH });
  return python ? { python } : { reason: NO_PYTHON_REASON };
}

export interface HelperEnd {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** The helper's last line on stderr, or what ended it. */
  why: string;
  /** It ended for lack of privilege. */
  noPrivilege: boolean;
}

export interface SystemEventsHelper {
  child: ChildProcess;
  pid: number | undefined;
  /** Resolves once the helper has exited (or could not start). */
  closed: Promise<HelperEnd>;
  /** Ends the helper (SIGTERM). */
  stop(): void;
}

/** Starts the helper; `onMessage` gets each line. `detached`: in its own process group (the app's supervisor tracks it). */
export function spawnSystemEvents(
  python: string,
  opts: { env?: NodeJS.ProcessEnv; detached?: boolean; onMessage: (msg: HelperMessage) => void },
): SystemEventsHelper {
  const child = spawn(python, [PROC_CONNECTOR_PY], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...(opts.env ?? process.env), PYTHONUNBUFFERED: '1' },
    detached: opts.detached ?? false,
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (d: string) => (stderr += d).length > 4096 && (stderr = stderr.slice(-4096)));
  createInterface({ input: child.stdout!, crlfDelay: Infinity }).on('line', (line) => {
    const msg = parseHelperLine(line);
    if (msg) opts.onMessage(msg);
  });
  const closed = new Promise<HelperEnd>((resolve) => {
    let spawnError = '';
    child.on('error', (err) => {
      spawnError = err.message;
      if (child.pid === undefined) resolve({ code: 1, signal: null, why: `could not start python3: ${err.message}`, noPrivilege: false });
    });
    child.on('close', (code, signal) => {
      const why = stderr.trim().split('\n').at(-1) || spawnError || `the helper ended (${signal ?? `exit ${code}`})`;
      resolve({ code, signal, why, noPrivilege: code === NO_PRIVILEGE_EXIT });
    });
  });
  return {
    child,
    pid: child.pid,
    closed,
    stop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    },
  };
}
