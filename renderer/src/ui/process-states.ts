// The one-letter process states: their legend text, colour class, and the per-state counts
// the header shows (zombies stand out). Pure.
import type { ProcInfo } from '../../../shared/process.js';
import type { StringKey } from '../i18n/strings.js';

/** The letters the legend explains, in the order ps's man page lists them. */
export const LEGEND_STATES = ['R', 'S', 'D', 'Z', 'T', 't', 'I', 'X', '?'] as const;

const KNOWN = new Set<string>(['R', 'S', 'D', 'Z', 'T', 't', 'I', 'X', 'W', 'P', '?']);

/** Translation key describing a state letter; anything unexpected reads as "unknown". */
export function stateKey(state: string): StringKey {
  const letter = KNOWN.has(state) ? state : '?';
  return `state.${letter}` as StringKey;
}

/** CSS class suffix for a state letter (case matters: T stopped vs t traced). */
export function stateClass(state: string): string {
  switch (state) {
    case 'R': return 'st-run';
    case 'S': return 'st-sleep';
    case 'D': return 'st-disk';
    case 'Z': return 'st-zombie';
    case 'T': return 'st-stop';
    case 't': return 'st-traced';
    case 'I': return 'st-idle';
    case 'X': return 'st-dead';
    default: return 'st-unknown';
  }
}

export interface StateCounts {
  total: number;
  running: number;
  sleeping: number;
  disk: number;
  zombie: number;
  stopped: number;
  idle: number;
  other: number;
  threads: number;
}

/** Counts processes by state as the header shows them (T and t both count as stopped). */
export function countStates(processes: readonly ProcInfo[]): StateCounts {
  const c: StateCounts = { total: processes.length, running: 0, sleeping: 0, disk: 0, zombie: 0, stopped: 0, idle: 0, other: 0, threads: 0 };
  for (const p of processes) addState(c, p, 1);
  return c;
}

/** Adds one process's share to the counts (sign 1), or takes it away (-1); `total` is the caller's. */
export function addState(c: StateCounts, p: ProcInfo, sign: 1 | -1): void {
  c.threads += sign * (p.threads ?? 1);
  switch (p.state) {
    case 'R': c.running += sign; break;
    case 'S': c.sleeping += sign; break;
    case 'D': c.disk += sign; break;
    case 'Z': c.zombie += sign; break;
    case 'T': case 't': c.stopped += sign; break;
    case 'I': c.idle += sign; break;
    default: c.other += sign;
  }
}
