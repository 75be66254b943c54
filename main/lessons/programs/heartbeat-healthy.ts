// Lesson 11 (the healthy variant of lesson 10): the worker never fails, so the heartbeat goes on until you press Stop.
import { Process, isMainProgram, sleep } from '../runtime/index.js';

export async function heartbeat(): Promise<void> {
  for (;;) {
    console.log('to the monitoring server: I am alive~');
    await sleep(1000);
  }
}

export async function analyseLogs(): Promise<void> {
  for (let round = 1; ; round++) {
    await sleep(1000);
    console.log(`server 5: analysing the logs (round ${round})`);
  }
}

if (isMainProgram(import.meta.url)) {
  const p1 = new Process({ target: heartbeat });
  const p2 = new Process({ target: analyseLogs });
  p1.daemon = true;

  p1.start();
  p2.start();

  await p2.join(); // the worker never ends: neither does this wait
  console.log('parent: server state abnormal ...');
}
