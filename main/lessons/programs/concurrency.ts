// Lesson 4: processes run concurrently and asynchronously: nobody knows in advance who finishes first.
import { Process, isMainProgram, sleep } from '../runtime/index.js';

export async function work(n: number): Promise<void> {
  await sleep(Math.random() * 2000); // 0 to 2 seconds
  console.log(`number ${n}: pid ${process.pid}, ppid ${process.ppid}`);
}

if (isMainProgram(import.meta.url)) {
  for (let i = 1; i <= 10; i++) {
    new Process({ target: work, args: [i] }).start();
  }
  console.log('parent: my code is finished ...');
  console.log(`parent: pid ${process.pid}`);
  // The parent still waits for its children here, before it exits.
}
