// Lesson 7: the wrong way: start and join in the same loop. Each child must end before the next starts.
import { Process, isMainProgram, sleep } from '../runtime/index.js';

export async function mail(i: number): Promise<void> {
  await sleep(1000);
  console.log(`mail ${i}: may I have a promotion?`);
}

if (isMainProgram(import.meta.url)) {
  const startedAt = performance.now();
  for (let i = 0; i < 10; i++) {
    const p = new Process({ target: mail, args: [i] });
    p.start();
    await p.join(); // don't: this waits before the next child even exists
  }
  const seconds = (performance.now() - startedAt) / 1000;
  console.log(`parent: the last mail, after ${seconds.toFixed(1)} s: best regards`);
}
