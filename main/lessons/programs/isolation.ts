// Lesson 3: processes do not share memory. Each has its own copy of every variable.
import { Process, isMainProgram, sleep } from '../runtime/index.js';

let count = 10; // module level: each process that loads this file gets its own

export function addOne(): void {
  count += 1;
  console.log(`child:  count = ${count}`);
}

if (isMainProgram(import.meta.url)) {
  const p = new Process({ target: addOne });
  p.start();
  await sleep(1000); // give the child time to change "count"
  console.log(`parent: count = ${count}`);
}
