// Lesson 6: start every child first, then join them all: they work at the same time.
import { Process, isMainProgram, sleep } from '../runtime/index.js';

export async function mail(i: number): Promise<void> {
  await sleep(1000);
  console.log(`mail ${i}: may I have a promotion?`);
}

if (isMainProgram(import.meta.url)) {
  const startedAt = performance.now();
  const processes: Process[] = [];
  for (let i = 0; i < 10; i++) {
    const p = new Process({ target: mail, args: [i] });
    p.start();
    processes.push(p); // all ten are running now
  }
  for (const p of processes) {
    await p.join(); // ten joins, but the children run side by side
  }
  const seconds = (performance.now() - startedAt) / 1000;
  console.log(`parent: the last mail, after ${seconds.toFixed(1)} s: best regards`);
}
