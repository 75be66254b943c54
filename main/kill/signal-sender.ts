// The one place a signal leaves the app: checks the target is still the process the user chose,
// sends the signal, and translates the OS's answer once (ESRCH, EPERM, …) into a KillResult with
// the message the UI and the CLI print. Everything before this (validation, refusals) is pure.
import type { KillResult, SignalName } from '../../shared/api.js';
import { showInvisible } from '../../shared/visible-text.js';
import { ProcessHandle, type ActOutcome } from '../processes/process-handle.js';

/** Same shape as process.kill; injectable so tests can make the OS answer EPERM even when run as root. */
export type KillFn = (pid: number, signal: SignalName) => void;

/** A validated pid (from kill-guard) and what the user saw of it. */
export interface SignalTarget {
  pid: number;
  /** Short name for messages ("node"); empty when unknown. */
  name: string;
  /** Owner, for "Not permitted: 812 belongs to root"; null when unknown. */
  user: string | null;
  /** The start time the user saw (ProcInfo.startTime); when set, a process with another start time is not signalled. */
  startTime?: number;
}

export interface SendOptions {
  platform: NodeJS.Platform;
  kill: KillFn;
  /** Current start time of a pid (epoch ms, as the sampler reports it), null if none; absent where the OS offers no cheap synchronous read. */
  readStartTime?: (pid: number) => number | null;
}

/** Windows has no signals: process.kill there can only end a process. */
const WINDOWS_UNSUPPORTED: Partial<Record<SignalName, string>> = {
  SIGSTOP: 'Windows cannot pause a process with a signal (there is no SIGSTOP)',
  SIGCONT: 'Windows cannot resume a process with a signal (there is no SIGCONT)',
  SIGINT: 'Windows cannot send Ctrl+C to another console process as a signal (there is no SIGINT between processes)',
};

/** "4242 (node)"; a name's invisible characters shown as ⟨U+…⟩, as everywhere a name is shown. */
export const label = (t: { pid: number; name: string }): string => (t.name ? `${t.pid} (${showInvisible(t.name)})` : `${t.pid}`);

/** The reason a signal cannot be sent on this OS at all, or null. */
export function unsupportedReason(signal: SignalName, platform: NodeJS.Platform): string | null {
  if (platform !== 'win32') return null;
  const why = WINDOWS_UNSUPPORTED[signal];
  return why ? `${signal} is not available on Windows: ${why}; only Terminate and Kill are` : null;
}

/** What the UI and the CLI print after a signal was delivered. */
export function successMessage(target: { pid: number; name: string }, signal: SignalName, platform: NodeJS.Platform, extra = ''): string {
  const who = label(target) + extra;
  if (platform === 'win32') return `Ended ${who} (Windows ends the process for ${signal})`;
  switch (signal) {
    case 'SIGKILL':
      return `Killed ${who} with SIGKILL`;
    case 'SIGSTOP':
      return `Stopped ${who} with SIGSTOP`;
    case 'SIGCONT':
      return `Continued ${who} with SIGCONT`;
    default:
      return `Sent ${signal} to ${who}`;
  }
}

export const exitedMessage = (t: { pid: number; name: string }): string => `${label(t)} had already exited`;
export const mismatchMessage = (pid: number): string =>
  `${pid} is no longer the process you selected: it ended and the pid was reused`;

/** Translates an error thrown by kill() (or taskkill) into the result the user reads. */
export function translateKillError(err: unknown, target: SignalTarget): KillResult {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ESRCH') return { ok: false, code: 'exited', message: exitedMessage(target), pids: [] };
  if (code === 'EPERM' || code === 'EACCES') {
    const owner = target.user ? target.user : 'another user';
    return { ok: false, code: 'not-permitted', message: `Not permitted: ${target.pid} belongs to ${owner}`, pids: [] };
  }
  const text = err instanceof Error ? err.message : String(err);
  return { ok: false, code: 'failed', message: `Could not signal ${label(target)}: ${text}`, pids: [] };
}

/** What a handle's refusal or the OS's error means to the user. */
export function outcomeResult(outcome: Exclude<ActOutcome, { ok: true }>, target: SignalTarget): KillResult {
  if ('error' in outcome) return translateKillError(outcome.error, target);
  if (outcome.problem === 'gone') return { ok: false, code: 'exited', message: exitedMessage(target), pids: [] };
  return { ok: false, code: 'mismatch', message: mismatchMessage(target.pid), pids: [] };
}

/**
 * Sends one signal through a handle pinned to the start time the user saw (when given): the handle
 * re-reads it synchronously and kill() follows on the next line (see process-handle.ts for the race
 * that remains without pidfds). Where no synchronous start-time read exists (macOS, Windows), the
 * caller compares against its own fresh process listing instead, and the window is as long as that
 * listing took (milliseconds).
 */
export function sendSignal(target: SignalTarget, signal: SignalName, opts: SendOptions): KillResult {
  const unsupported = unsupportedReason(signal, opts.platform);
  if (unsupported) return { ok: false, code: 'unsupported', message: unsupported, pids: [] };
  const handle = new ProcessHandle(target.pid, target.startTime, { kill: opts.kill, readStartTime: opts.readStartTime });
  const outcome = handle.signal(signal);
  if (!outcome.ok) return outcomeResult(outcome, target);
  return { ok: true, code: 'signalled', message: successMessage(target, signal, opts.platform), pids: [target.pid] };
}
