// Finds processes by an environment variable they inherited (a marker every descendant carries,
// even one that left its process group), so a test can prove that nothing it started survives.
import { readdirSync, readFileSync } from 'node:fs';

/** The variable tests mark the processes they start with (the CLI and lesson runtime tests). */
export const TEST_MARK_ENV = 'PROCPLAY_TEST_MARK';

export function pidsWithEnv(key: string, value: string): number[] {
  const needle = `${key}=${value}`;
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`, 'latin1').split('\0').includes(needle)) out.push(Number(name));
    } catch {
      // vanished or not readable: not ours
    }
  }
  return out;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls until cond() holds (true) or timeoutMs passes (false). The answer is the check that ended
 * the wait, never a second one: a fact that held for a moment (three processes of a tree that then
 * loses one) was seen, and asking again could deny it.
 */
export async function until(cond: () => boolean, timeoutMs: number, stepMs = 25): Promise<boolean> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    if (cond()) return true;
    if (performance.now() >= end) return false;
    await sleep(stepMs);
  }
}

/** True while a process with this pid exists (a zombie counts: it still holds the pid). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Waits up to timeoutMs for every pid to be gone; returns the ones still there. */
export async function survivorsAfter(pids: Iterable<number>, timeoutMs: number): Promise<number[]> {
  const list = [...pids];
  await until(() => !list.some(alive), timeoutMs, 100);
  return list.filter(alive);
}

/** "pid state ppid command" for each pid still there: what a failed "nothing left" check prints. */
export function describePids(pids: readonly number[]): string[] {
  return pids.map((pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'latin1').split('\0').join(' ').trim();
      return `${pid} ${state} ppid ${ppid} ${cmd}`;
    } catch {
      return `${pid} (gone)`;
    }
  });
}
