// Before a late SIGKILL to a lesson's pid or process group: is that pid still one of the run's
// processes? A pid whose exit was never reported may have been reused by now. On Linux the run's
// marker in the process's environment tells; where it cannot be read the check says yes.
import { ProcessHandle } from '../processes/process-handle.js';

/**
 * False only when a process with this pid exists and does not carry every marker entry. (No
 * process at all is fine: a group id stays reserved while any member lives, so kill(-pid) then
 * reaches only the run's own members.) Gone, denied (kill would say EPERM) or a zombie (its
 * environment is gone, and a signal does nothing to it): not ours to judge, so yes.
 */
export function stillOurs(pid: number, marker: Record<string, string>): boolean {
  if (Object.keys(marker).length === 0) return true;
  return new ProcessHandle(pid, undefined).carries(marker) ?? true;
}
