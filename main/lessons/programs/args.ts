// Lesson 2: a process object can hand arguments to its target, like Process(target=f, args=(n,)).
import { Process, isMainProgram } from '../runtime/index.js';

export function printLines(n: number): void {
  for (let i = 1; i <= n; i++) {
    console.log(`child line ${i} of ${n}: pid ${process.pid}, ppid ${process.ppid}`);
  }
}

if (isMainProgram(import.meta.url)) {
  const n = 5;
  const p = new Process({ target: printLines, args: [n] });
  p.start();

  // Meanwhile the parent draws a small triangle. Which lines come first?
  for (let i = 1; i <= n; i++) {
    console.log('*'.repeat(i));
  }
}
