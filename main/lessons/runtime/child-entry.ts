// The first code of every child process (Python's spawn start method): re-import the lesson's
// main module, which defines the target but, thanks to its isMainProgram() guard, starts
// nothing; then call the target by name with its arguments; then end like a program does.
import { pathToFileURL } from 'node:url';
import { childConfig } from './current-process.js';
import { describeFailure, finishChild, installLifecycle } from './lifecycle.js';

installLifecycle();
const config = childConfig();
if (!config) throw new Error('child-entry.js is started by Process.start(), not directly');

let code = 0;
try {
  const lesson = (await import(pathToFileURL(config.mainModule).href)) as Record<string, unknown>;
  const target = lesson[config.target];
  if (typeof target !== 'function') {
    throw new Error(`"${config.target}" is not a function exported by ${config.mainModule}: a child can only call what it can import`);
  }
  await target(...config.args);
} catch (err) {
  console.error(describeFailure(err));
  code = 1;
}
await finishChild(code);
