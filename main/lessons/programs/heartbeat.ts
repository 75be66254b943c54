// Lesson 10: what daemons are for: a heartbeat. A daemon tells a monitoring server "this machine
// is alive" every second, while a worker does the real job. When the worker fails, the main
// program reports it and ends, and the heartbeat stops with it: the server notices the silence.
import { Process, isMainProgram, sleep } from '../runtime/index.js';

export async function heartbeat(): Promise<void> {
  for (;;) {
    console.log('to the monitoring server: I am alive~');
    await sleep(1000);
  }
}

export async function analyseLogs(): Promise<void> {
  for (let round = 1; round <= 3; round++) {
    await sleep(1000);
    console.log(`server 5: analysing the logs (round ${round})`);
  }
  throw new Error('the log disk failed');
}

if (isMainProgram(import.meta.url)) {
  const p1 = new Process({ target: heartbeat });
  const p2 = new Process({ target: analyseLogs });
  p1.daemon = true;

  p1.start();
  p2.start();

  await p2.join(); // wait until the worker ends
  console.log(`parent: server state abnormal (worker exit code ${p2.exitcode}) ...`);
}
