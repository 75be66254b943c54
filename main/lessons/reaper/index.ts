// What the zombie, orphan and states lessons use beside the runtime: a process family run under
// a reaper the lesson controls, and a look at another process's state as `ps` shows it.
export { startFamily, type Family, type FamilyLine } from './family.js';
export { describeState, readProcState, sameProcess, type ProcState } from './proc-state.js';
