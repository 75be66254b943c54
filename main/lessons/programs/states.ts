// Lesson 14: a process's state. The worker computes for a second (running), then sleeps for a
// second (blocked), again and again. A process reading its own state always finds itself
// running, so the main program watches the worker from outside, as ps does, and prints each change.
import { Process, isMainProgram, sleep } from '../runtime/index.js';
import { describeState, readProcState } from '../reaper/index.js';
import { STATES_WORKER_NAME } from '../../../shared/lesson-lines.js';

/** How long the lesson runs. */
const RUN_MS = 25_000;
/** If nobody has stopped the worker by then, the main program shows it (SIGSTOP, then SIGCONT). */
const SHOW_STOP_AT_MS = 15_000;
const SHOW_STOP_FOR_MS = 2000;
/** How often the main program looks at the worker's state. */
const LOOK_EVERY_MS = 100;

/** Sends a signal to a process that may have ended meanwhile. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // it has ended (or this OS has no such signal)
  }
}

/** Busy for `ms`: pure computation, never waiting (it yields now and then so it can still be stopped). */
async function compute(ms: number): Promise<void> {
  const end = performance.now() + ms;
  while (performance.now() < end) {
    const slice = performance.now() + 20;
    while (performance.now() < slice) Math.sqrt(Math.random());
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export async function work(): Promise<void> {
  for (let round = 1; ; round++) {
    console.log(`worker: round ${round}: computing for 1 s`);
    await compute(1000);
    console.log(`worker: round ${round}: sleeping for 1 s`);
    await sleep(1000); // blocked: waiting for a timer, using no CPU
  }
}

if (isMainProgram(import.meta.url)) {
  const worker = new Process({ target: work, name: STATES_WORKER_NAME });
  worker.start();
  const pid = worker.pid!;
  // A stopped process cannot act on SIGTERM: continue it, so a stopped lesson ends at once.
  process.on('SIGTERM', () => signal(pid, 'SIGCONT'));
  if (process.platform === 'win32') {
    console.log('main: Windows has no process states to read this way, and no SIGSTOP: the worker runs for 5 s.');
    await sleep(5000);
  } else {
    console.log(`main: the worker is pid ${pid}. Stop it and continue it: the Stop and Continue buttons, or kill -STOP ${pid} and kill -CONT ${pid}`);
    const startedAt = performance.now();
    let last = '';
    let wasStopped = false;
    let shownStopAt: number | null = null;
    for (;;) {
      const ms = performance.now() - startedAt;
      if (ms >= RUN_MS) break;
      const now = readProcState(pid);
      if (now && now.state !== last) {
        console.log(`worker ${pid} state ${now.state} (${describeState(now.state)})`);
        last = now.state;
        if (now.state === 'T') wasStopped = true;
      }
      if (!wasStopped && shownStopAt === null && ms >= SHOW_STOP_AT_MS) {
        shownStopAt = ms;
        console.log(`main: nobody stopped the worker: I send it SIGSTOP for ${SHOW_STOP_FOR_MS / 1000} s, as the Stop button does`);
        signal(pid, 'SIGSTOP');
      }
      if (shownStopAt !== null && ms >= shownStopAt + SHOW_STOP_FOR_MS) {
        shownStopAt = Infinity; // shown once
        console.log('main: SIGCONT: the worker goes on where it was');
        signal(pid, 'SIGCONT');
      }
      await sleep(LOOK_EVERY_MS);
    }
  }
  console.log('main: time is up: ending the worker');
  worker.terminate();
  signal(pid, 'SIGCONT'); // in case it is stopped right now
  await worker.join();
}
