// Waiting on processes a test started itself: until a condition holds (or fail loudly after 5 s),
// and for a child's exit, whether it has already happened or not.
import type { ChildProcess } from 'node:child_process';

const POLL_MS = 20;
const WAIT_MS = 5_000;

/** Polls `check` until it holds; throws "timed out waiting for <what>" after 5 s. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = performance.now() + WAIT_MS;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** How the child ended (code or signal), at once if it already has. */
export const exitOf = (child: ChildProcess) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolve({ code, signal }));
  });
