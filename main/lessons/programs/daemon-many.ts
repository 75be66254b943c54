// Lesson 9: a daemon child and a normal child. The daemon dies with the main program's code;
// the normal child finishes its work, and the main process waits for it.
import { Process, isMainProgram, sleep } from '../runtime/index.js';

export async function stars(): Promise<void> {
  for (let count = 1; ; count++) {
    console.log('*'.repeat(count));
    await sleep(500);
  }
}

export async function job(): Promise<void> {
  console.log('normal child: start');
  await sleep(3000);
  console.log('normal child: end');
}

if (isMainProgram(import.meta.url)) {
  const p1 = new Process({ target: stars });
  const p2 = new Process({ target: job });
  p1.daemon = true; // p1 is the daemon

  p1.start();
  p2.start();

  await sleep(1000);
  console.log('parent: my code is finished ...');
}
