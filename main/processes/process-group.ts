// A process group signalled as a whole: kill(-pgid). The one place the app does it (runs' stops and
// the watchdog's sweep), so the refusal of ids that do not name one group stays in one place: 0
// would be the caller's own group, -1 every process it may signal, 1 init's.
import type { SignalName } from '../../shared/api.js';

/** Sends `signal` to every member of the group; false when none answered (the group is empty, or not ours to signal). */
export function signalGroup(pgid: number, signal: SignalName): boolean {
  if (!Number.isSafeInteger(pgid) || pgid <= 1) return false;
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false;
  }
}
