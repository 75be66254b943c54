// The timeline of a lesson run as data: one lane per process (start, end, how it ended, join
// waits, output ticks), the time axis, and how an exit reads ("exit 0", "SIGTERM (-15)"). Pure.
import type { LessonEvent } from '../../../shared/lessons.js';

export interface JoinSpan {
  from: number;
  /** null while still waiting. */
  to: number | null;
  target: number;
  timedOut: boolean;
}

export interface Exit {
  t: number;
  exitcode: number;
  signal: string | null;
}

export interface Lane {
  pid: number;
  ppid: number;
  name: string;
  daemon: boolean;
  startMs: number;
  /** Exit time; null while it runs. */
  endMs: number | null;
  exit: Exit | null;
  joins: JoinSpan[];
  ticks: { t: number; stream: 'stdout' | 'stderr' }[];
  /** Known only from its output (a helper the runtime does not start itself, e.g. a shell). */
  implicit: boolean;
  /** Depth below the run's main process. */
  depth: number;
}

export interface TimelineModel {
  lanes: Lane[];
  /** Time the drawing spans (ms). */
  durationMs: number;
}

/** How an exit reads on the timeline and in the console. */
export function exitLabel(exit: { exitcode: number; signal: string | null }): string {
  if (exit.signal) return `${exit.signal} (${exit.exitcode})`;
  return `exit ${exit.exitcode}`;
}

export type ExitKind = 'ok' | 'signal' | 'error';
export function exitKind(exit: { exitcode: number; signal: string | null }): ExitKind {
  if (exit.signal || exit.exitcode < 0) return 'signal';
  return exit.exitcode === 0 ? 'ok' : 'error';
}

const byTime = (events: readonly LessonEvent[]) =>
  events
    .map((e, i) => [e, i] as const)
    .sort((a, b) => a[0].t - b[0].t || a[1] - b[1])
    .map(([e]) => e);

/** Builds the lanes from the events (in any order); `nowMs` is the run clock (the drawing grows with it). */
export function buildTimeline(events: readonly LessonEvent[], nowMs: number): TimelineModel {
  const lanes = new Map<number, Lane>();
  let last = 0;
  const laneOf = (pid: number, t: number, ppid = 0): Lane => {
    let lane = lanes.get(pid);
    if (!lane) {
      lane = { pid, ppid, name: '', daemon: false, startMs: t, endMs: null, exit: null, joins: [], ticks: [], implicit: true, depth: 0 };
      lanes.set(pid, lane);
    }
    return lane;
  };
  for (const e of byTime(events)) {
    last = Math.max(last, e.t);
    switch (e.type) {
      case 'start': {
        const lane = laneOf(e.pid, e.t, e.ppid);
        Object.assign(lane, { ppid: e.ppid, name: e.name, daemon: e.daemon, implicit: false, startMs: Math.min(lane.startMs, e.t) });
        break;
      }
      case 'output':
        laneOf(e.pid, e.t, e.ppid).ticks.push({ t: e.t, stream: e.stream });
        break;
      case 'join-begin':
        laneOf(e.pid, e.t).joins.push({ from: e.t, to: null, target: e.target, timedOut: false });
        break;
      case 'join-end': {
        const lane = laneOf(e.pid, e.t);
        const open = lane.joins.find((j) => j.to === null && j.target === e.target);
        if (open) Object.assign(open, { to: e.t, timedOut: e.timedOut });
        break;
      }
      case 'exit': {
        const lane = laneOf(e.pid, e.t);
        lane.endMs = e.t;
        lane.exit = { t: e.t, exitcode: e.exitcode, signal: e.signal };
        break;
      }
      default:
        break;
    }
  }
  // Depth by parent links inside the run; order: a parent's lane before its children, else by start.
  const list = [...lanes.values()].sort((a, b) => a.startMs - b.startMs || a.pid - b.pid);
  for (const lane of list) {
    let d = 0;
    let p = lanes.get(lane.ppid);
    const guard = new Set<number>([lane.pid]);
    while (p && !guard.has(p.pid) && d < 8) {
      guard.add(p.pid);
      d++;
      p = lanes.get(p.ppid);
    }
    lane.depth = d;
  }
  return { lanes: list, durationMs: Math.max(nowMs, last, 1) };
}
