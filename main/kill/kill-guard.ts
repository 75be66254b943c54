// Decides, before anything is signalled, whether a pid may be signalled at all. Pure: a pid typed
// in the CLI or sent over IPC arrives as unknown, and every dangerous or malformed value is refused
// here with a message a user can act on, so the I/O code only ever sees a validated integer.
import { PID_MAX } from '../../shared/process.js';

/** The app's own processes and the chain of processes that started it (nearest first). */
export interface ProtectedPids {
  self: ReadonlySet<number>;
  ancestors: readonly number[];
}

export type GuardResult =
  | { ok: true; pid: number }
  | { ok: false; code: 'invalid' | 'refused'; message: string };

const invalid = (message: string): GuardResult => ({ ok: false, code: 'invalid', message });
const refused = (message: string): GuardResult => ({ ok: false, code: 'refused', message });

const shown = (text: string): string => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);

/** Turns a pid given as a number or as CLI text into an integer, without judging whether it is safe. */
function toInteger(value: unknown): number | GuardResult {
  if (typeof value === 'string') {
    // Only plain digits: "1; echo x", " 12", "0x10", "1e3" and "" are all refused, never coerced.
    if (/^-\d+$/.test(value)) return Number(value);
    if (!/^\d+$/.test(value)) return invalid(`Invalid pid ${shown(value)}: a pid is a whole number such as 4242`);
    return Number(value);
  }
  if (typeof value !== 'number' || Number.isNaN(value)) {
    const what = value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value === 'number' ? 'NaN' : typeof value;
    return invalid(`Invalid pid: a pid is a whole number such as 4242, got ${what}`);
  }
  if (!Number.isFinite(value)) return invalid(`Invalid pid ${value}: out of range (pids go from 1 to ${PID_MAX})`);
  if (!Number.isInteger(value)) return invalid(`Invalid pid ${value}: a pid is a whole number`);
  return value;
}

/** Why a pid of 0 or below is never a process but a whole group of them (see kill(2)). */
function groupRefusal(pid: number): GuardResult {
  if (pid === 0) {
    return refused("Refused: 0 is not a process: kill(0) would signal every process in the caller's own process group");
  }
  if (pid === -1) {
    return refused('Refused: -1 is not a process: kill(-1) would signal every process the user may signal');
  }
  return refused(`Refused: ${pid} is not a process: kill(${pid}) would signal every process in process group ${-pid}`);
}

/**
 * Validates a pid and refuses the ones that must never be signalled: 0 and negatives (process
 * groups), pid 1 (init), the app itself and its ancestors (killing the shell that started the app
 * would end the app too). Codes: 'invalid' for malformed input, 'refused' for a real but forbidden target.
 */
export function guardPid(value: unknown, protectedPids: ProtectedPids): GuardResult {
  const n = toInteger(value);
  if (typeof n !== 'number') return n;
  if (n <= 0) {
    if (n < -PID_MAX) return invalid(`Invalid pid ${n}: out of range (pids go from 1 to ${PID_MAX})`);
    return groupRefusal(n);
  }
  if (n > PID_MAX) return invalid(`Invalid pid ${n}: out of range (pids go from 1 to ${PID_MAX})`);
  return guardProtected(n, protectedPids) ?? { ok: true, pid: n };
}

/** The refusal for a valid pid that belongs to init or to the app, or null if it may be signalled. */
export function guardProtected(pid: number, protectedPids: ProtectedPids): GuardResult | null {
  if (pid === 1) return refused("Refused: pid 1 is the system's init");
  if (protectedPids.self.has(pid)) return refused(`Refused: ${pid} is Process Playground itself`);
  const depth = protectedPids.ancestors.indexOf(pid);
  if (depth === 0) return refused(`Refused: ${pid} is an ancestor of Process Playground (the shell that started it)`);
  if (depth > 0) return refused(`Refused: ${pid} is an ancestor of Process Playground (it started the shell that started it)`);
  return null;
}
