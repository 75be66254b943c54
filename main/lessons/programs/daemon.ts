// Lesson 8: a daemon child guards the main program: when the main program's code is over, it is killed.
import { Process, isMainProgram, sleep } from '../runtime/index.js';

export async function task(): Promise<void> {
  console.log('daemon child: start');
  await sleep(1000);
  console.log('daemon child: end');
}

if (isMainProgram(import.meta.url)) {
  const p = new Process({ target: task });
  p.daemon = true; // must be set before start()
  p.start();
  console.log('parent: my code is finished ...');
}
