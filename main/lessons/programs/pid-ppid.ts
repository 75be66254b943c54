// Lesson 1: every process has an id (pid) and knows the id of the process that started it (ppid).
import { Process, isMainProgram, sleep } from '../runtime/index.js';

// Long enough for the process table, which refreshes every second, to show parent and child together.
export const CHILD_STAYS_MS = 3000;

// The child's job. Exported, because the child process re-imports this file to find it.
export async function showIds(): Promise<void> {
  console.log(`child:  my pid is ${process.pid}, my parent's pid (ppid) is ${process.ppid}`);
  await sleep(CHILD_STAYS_MS); // Python: time.sleep(3)
}

// Python: if __name__ == "__main__":
// Only the program you started runs this block; a child re-importing this file skips it,
// or it would start a child of its own, and so on forever.
if (isMainProgram(import.meta.url)) {
  console.log(`parent: my pid is ${process.pid}`);
  const p = new Process({ target: showIds }); // what to run: not running yet
  p.start(); // now a real child process exists, with its own pid
}
