// The words the zombie, orphan and states lessons print for what the OS says about a process; the
// reading itself is the platform layer's (main/processes/process-state.ts).
export { readProcState, sameProcess, parsePsStateLine, type ProcState } from '../../processes/process-state.js';

/** Pure: the words a lesson prints for a state letter. */
export function describeState(state: string): string {
  switch (state) {
    case 'R':
      return 'running or ready';
    case 'S':
      return 'sleeping: blocked';
    case 'D':
      return 'blocked on disk';
    case 'T':
    case 't':
      return 'stopped';
    case 'Z':
      return 'zombie, <defunct>';
    case 'X':
      return 'dead';
    default:
      return 'unknown';
  }
}
