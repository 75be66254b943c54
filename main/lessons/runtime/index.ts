// What lesson programs import: a small mirror of Python's multiprocessing (see docs/lesson-runtime.md).
// Importing it sets the process up: printed lines become attributed events, and the process
// ends with its parent.
import { installLifecycle } from './lifecycle.js';

installLifecycle();

export { Process, ProcessUsageError, type ProcessOptions } from './process.js';
export { isMainProgram } from './guard.js';
export { sleep } from './sleep.js';
export { activeChildren } from './children.js';
