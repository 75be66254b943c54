// The life of a lesson process around the lesson's own code: set up on import (capture output,
// watch the parent, end the children on SIGTERM), and the end of the program (Python's
// multiprocessing atexit step: terminate daemons, join the rest) for main programs and children.
import { childConfig } from './current-process.js';
import { endAllChildren, finishChildren } from './children.js';
import { readParentPid } from './env.js';
import { isEnding, markEnding } from './ending.js';
import { captureOutput, emit, flushOutput } from './event-channel.js';
import { toExitcode } from './exit-status.js';
import { watchParent } from './parent-watch.js';

/** How long children get to end after SIGTERM before SIGKILL, when this process is ending. */
const CHILD_GRACE_MS = 1000;

let installed = false;
let finished = false;

/** The traceback a failing process prints (Python: "Process Process-1:\nTraceback ..."). */
export function describeFailure(err: unknown): string {
  const config = childConfig();
  const who = config ? `Process ${config.name} (pid ${process.pid})` : `Main program (pid ${process.pid})`;
  const stack = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  const lines = stack.split('\n').filter((line) => !line.includes('node:internal') && !line.includes('child-entry.js'));
  return `${who} failed:\n${lines.join('\n')}`;
}

/**
 * Ends this process with `signal` after ending its children, so a whole lesson tree goes down
 * with its root. `selfReport`: nobody is left to report this process's exit, so it does.
 */
async function dieBy(signal: NodeJS.Signals, selfReport: boolean): Promise<void> {
  if (isEnding()) return;
  markEnding();
  await endAllChildren(CHILD_GRACE_MS);
  if (selfReport) emit({ type: 'exit', pid: process.pid, exitcode: toExitcode(null, signal), signal });
  flushOutput();
  process.removeAllListeners(signal); // back to the default action: the signal ends the process
  process.kill(process.pid, signal);
}

/** Runs once when the runtime is imported. */
export function installLifecycle(): void {
  if (installed) return;
  installed = true;
  captureOutput();
  process.on('SIGTERM', () => void dieBy('SIGTERM', false));
  const parentPid = readParentPid(process.env);
  if (parentPid !== null) {
    watchParent(parentPid, () => {
      console.error(`parent ${parentPid} is gone: pid ${process.pid} ends too (a lesson leaves nothing behind)`);
      void dieBy('SIGTERM', true);
    });
  }
  if (childConfig()) {
    process.on('uncaughtException', (err) => {
      console.error(describeFailure(err));
      void finishChild(1);
    });
    return;
  }
  // Main program: like Python, an error is printed, and the children are still waited for.
  process.on('uncaughtException', (err) => {
    console.error(describeFailure(err));
    process.exitCode = 1;
  });
  // The lesson's code is over when nothing is left for it to do: the event loop is empty
  // (children do not count, see Process.start). Then the end-of-program step runs once.
  process.on('beforeExit', () => {
    if (finished || isEnding()) return;
    finished = true;
    void finishChildren();
  });
}

/** End of a child: its own children are dealt with, then it exits with `code`. */
export async function finishChild(code: number): Promise<void> {
  if (finished || isEnding()) return;
  finished = true;
  await finishChildren();
  flushOutput();
  process.exit(code);
}

