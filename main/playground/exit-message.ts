// The end of a run in words, as the page and the CLI print it. Pure. A shell reports "command not
// found" as exit status 127 and "found but not executable" as 126; a signal is named.
import { constants } from 'node:os';
import { explainExit } from '../../shared/exit-codes.js';

export function describeRunExit(exitCode: number | null, signal: string | null, stopped: boolean): string {
  const prefix = stopped ? 'stopped: ' : '';
  if (signal) return `${prefix}ended by ${signal}`;
  if (exitCode === null) return `${prefix}ended`;
  if (exitCode === 127) return `${prefix}exit code 127: the shell could not find the command (command not found)`;
  if (exitCode === 126) return `${prefix}exit code 126: the command was found but could not be executed (permission denied or not a program)`;
  // 128 + N: a shell's way of saying "ended by signal N" (a wrapper reports its child's death so).
  if (exitCode > 128 && exitCode < 160) return `${prefix}${explainExit(exitCode, null, 'en').headline}`;
  return `${prefix}exit code ${exitCode}`;
}

/** A shell's convention for the CLI's own exit status: the program's code, or 128+N after signal N. */
export function shellExitStatus(exitCode: number | null, signal: string | null): number {
  if (signal) {
    const n = (constants.signals as Record<string, number>)[signal];
    return 128 + (n ?? 0);
  }
  return exitCode ?? 1;
}
