// Lesson 5: join() makes the parent wait for the child: first the child, then the parent.
import { Process, isMainProgram } from '../runtime/index.js';

export function firstMail(): void {
  console.log('mail 1: may I have a raise?');
}

if (isMainProgram(import.meta.url)) {
  const p = new Process({ target: firstMail });
  p.start();
  await p.join(); // wait here until the child has ended
  console.log('mail 2: the raise should be 60,000 a month');
}
