// Windows has no signals and no process groups: a process and its descendants are ended together
// with taskkill /T /F. Used by Kill tree, a run's stop and the watchdog. Run without a shell, with a
// pid checked here to be a plain integer (it reaches a command line).
import { spawn } from 'node:child_process';

/**
 * Ends `pid` and its descendants. Rejects when taskkill could not end it, with a code as
 * process.kill would set: ESRCH when there was no such process (exit code 128), EPERM otherwise.
 */
export function windowsTreeKill(pid: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!Number.isSafeInteger(pid) || pid <= 1) {
      reject(new Error(`taskkill refused pid ${String(pid)}`));
      return;
    }
    const p = spawn('taskkill', ['/T', '/F', '/PID', String(pid)], { stdio: 'ignore', windowsHide: true });
    p.on('error', reject);
    p.on('exit', (code) => (code === 0 ? resolve() : reject(Object.assign(new Error(`taskkill exited with code ${code}`), { code: code === 128 ? 'ESRCH' : 'EPERM' }))));
  });
}
