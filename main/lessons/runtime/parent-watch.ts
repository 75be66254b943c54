// Makes a lesson process end when its parent dies, even by SIGKILL: nobody would be left to
// stop it, and a lesson must not leave processes behind. The parent's death shows as a change
// of ppid (the orphan is adopted by a reaper); where the OS does not reparent (Windows), as the
// parent's pid no longer answering.
export const PARENT_CHECK_INTERVAL_MS = 200;

/** Pure: has the parent we were started by gone? */
export function parentIsGone(expectedPpid: number, currentPpid: number, parentAnswers: boolean): boolean {
  return currentPpid !== expectedPpid || !parentAnswers;
}

function answers(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Polls without keeping the process alive; calls `onGone` once. */
export function watchParent(parentPid: number, onGone: () => void): void {
  const timer = setInterval(() => {
    if (!parentIsGone(parentPid, process.ppid, answers(parentPid))) return;
    clearInterval(timer);
    onGone();
  }, PARENT_CHECK_INTERVAL_MS);
  timer.unref();
}
