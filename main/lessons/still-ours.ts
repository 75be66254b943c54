// Before a late SIGKILL to a lesson's pid or process group: is that pid still one of the run's
// processes? A pid whose exit was never reported may have been reused by now. On Linux the run's
// marker in the process's environment tells; where /proc is missing the check cannot be made and says yes.
import { hasProcFs, readEnviron } from '../processes/process-files.js';

/**
 * False only when a process with this pid exists and does not carry every marker entry. (No
 * process at all is fine: a group id stays reserved while any member lives, so kill(-pid) then
 * reaches only the run's own members.)
 */
export function stillOurs(pid: number, marker: Record<string, string>): boolean {
  const entries = Object.entries(marker);
  if (entries.length === 0 || !hasProcFs()) return true;
  const raw = readEnviron(pid);
  if (raw === null) return true; // gone (or denied: not ours to judge, and kill would say EPERM)
  // A zombie's environ reads empty; signalling it does nothing, so it may as well be "ours".
  if (raw === '') return true;
  const environ = raw.split('\0');
  return entries.every(([k, v]) => environ.includes(`${k}=${v}`));
}
