// What the OS said when it refused to start a process, in words a user can act on, and a promise
// that settles once a spawn has really happened. Node reports most spawn failures (EAGAIN, EMFILE,
// ENFILE, ENOENT, EACCES) not by throwing but by an 'error' event on the next tick, with no pid:
// an 'error' without a listener would crash the app, and a caller that only checks the pid never
// learns why. Every spawn of the app goes through whenSpawned().
import type { ChildProcess } from 'node:child_process';

const REASONS: Record<string, string> = {
  EAGAIN: 'the system refused a new process — too many processes for this user or cgroup',
  ENOMEM: 'not enough memory to start a new process',
  EMFILE: 'too many open files in this app (its file-descriptor limit, ulimit -n, is used up)',
  ENFILE: 'too many open files on the whole system',
  ENOENT: 'the program or the working directory does not exist',
  EACCES: 'permission denied (the program is not executable, or a directory may not be entered)',
  E2BIG: 'the arguments and environment are too long',
  ENOEXEC: 'the file is not a program this system can run',
};

/** "EAGAIN: the system refused a new process — …" (the code first, then what it means); any other error as Node worded it. */
export function describeSpawnError(err: unknown): string {
  const e = err as NodeJS.ErrnoException | null;
  const code = typeof e?.code === 'string' ? e.code : null;
  if (code && REASONS[code]) return `${code}: ${REASONS[code]}`;
  const text = e instanceof Error ? e.message : String(err);
  return code && !text.includes(code) ? `${code}: ${text}` : text;
}

/** The errors that mean "the system is out of processes or file descriptors" (worth saying so, and worth a retry later). */
export function isResourceExhaustion(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'EAGAIN' || code === 'ENOMEM' || code === 'EMFILE' || code === 'ENFILE';
}

/**
 * Resolves once the child has started; rejects with the spawn error when it could not. A listener
 * for 'error' is attached at once, so a failed spawn never becomes an uncaught exception; the caller
 * attaches its own for later errors (a failed kill) after this resolves.
 */
export function whenSpawned(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      child.off('spawn', onSpawn);
      reject(err);
    };
    const onSpawn = () => {
      child.off('error', onError);
      // Later errors (a kill that fails) must not crash the app either.
      if (child.listenerCount('error') === 0) child.on('error', () => undefined);
      resolve();
    };
    child.once('error', onError);
    child.once('spawn', onSpawn);
  });
}
