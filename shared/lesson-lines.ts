// The lines lesson programs print that the app reads back: the checklist (main/lessons/catalog)
// and the lesson page's live panels (renderer/src/lessons/lesson-watch.ts) parse the same lines,
// and the TypeScript and the Python program of a lesson print them alike. A program that changes
// one of these lines changes the contract: here is the one place it is written.

/** `parent PID: started child PID` — the zombie and orphan lessons' shell family. */
export const FAMILY_LINE = /^parent (\d+): started child (\d+)/;
/** `parent PID ended` — the zombie's or orphan's parent is gone. */
export const PARENT_ENDED_LINE = /^parent (\d+) ended/;
/** `zombie PID state Z parent PID` — the zombie as ps shows it. */
export const ZOMBIE_LINE = /^zombie (\d+) state Z parent (\d+)/;
/** `zombie PID is gone` — reaped: its pid is free again. */
export const ZOMBIE_GONE_LINE = /^zombie (\d+) is gone/;
/** `subreaper PID: collected PID` — who reaped the adopted zombie. */
export const SUBREAPER_COLLECTED_LINE = /^subreaper (\d+): collected (\d+)/;
/** `child PID: my ppid is PID` — the orphan reports its parent. */
export const CHILD_PPID_LINE = /^child (\d+): my ppid is (\d+)/;
/** `child PID ppid changed: OLD -> NEW` — the orphan was adopted. */
export const PPID_CHANGED_LINE = /^child (\d+) ppid changed: (\d+) -> (\d+)/;
/** The states lesson's worker: the name its program gives the process (`new Process({ name })`). */
export const STATES_WORKER_NAME = 'worker';
/** Whether a start event is the states lesson's worker's: the runtime names it "worker (work)", name then target. */
export const isStatesWorkerStart = (startName: string): boolean =>
  startName === STATES_WORKER_NAME || startName.startsWith(`${STATES_WORKER_NAME} (`);
/** `the worker is pid PID` — the states lesson names its worker. */
export const WORKER_IS_LINE = /the worker is pid (\d+)/;
/** `worker PID state LETTER` — the states lesson's worker as ps shows it. */
export const WORKER_STATE_LINE = /^worker (\d+) state (\S)/;
/** `main: nobody stopped the worker…` — the states lesson's main program saw no Stop. */
export const NOBODY_STOPPED_LINE = /^main: nobody stopped the worker/;
