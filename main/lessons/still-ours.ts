// Before a late SIGKILL to a lesson's pid or process group: is that pid still one of the run's
// processes? A pid whose exit was never reported may have been reused by now. On Linux the run's
// marker in /proc/PID/environ tells; where /proc is missing the check cannot be made and says yes.
import { existsSync, readFileSync } from 'node:fs';

/**
 * False only when a process with this pid exists and does not carry every marker entry. (No
 * process at all is fine: a group id stays reserved while any member lives, so kill(-pid) then
 * reaches only the run's own members.)
 */
export function stillOurs(pid: number, marker: Record<string, string>): boolean {
  const entries = Object.entries(marker);
  if (entries.length === 0 || !existsSync('/proc/self/environ')) return true;
  let environ: string[];
  try {
    environ = readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0');
  } catch {
    return true; // gone (or a zombie: nothing to hit)
  }
  // A zombie's environ reads empty; signalling it does nothing, so it may as well be "ours".
  if (environ.length === 1 && environ[0] === '') return true;
  return entries.every(([k, v]) => environ.includes(`${k}=${v}`));
}
