// What the special lessons watch, read from the run's output lines and the live snapshot:
// the `states` lesson's worker and its state (for the state diagram), the `zombie` lesson's
// zombie and its parent, the `orphan` lesson's child and its changing ppid. Pure.
import {
  FAMILY_LINE, isStatesWorkerStart, PARENT_ENDED_LINE, PPID_CHANGED_LINE, WORKER_IS_LINE, WORKER_STATE_LINE, ZOMBIE_GONE_LINE, ZOMBIE_LINE,
} from '../../../shared/lesson-lines.js';
import type { LessonEvent } from '../../../shared/lessons.js';
import type { ProcInfo } from '../../../shared/process.js';

/** Nodes of the state diagram. `ready` is part of Linux's R ("runnable"): the OS does not tell them apart. */
export type DiagramState = 'running' | 'ready' | 'blocked' | 'stopped' | 'zombie' | 'ended';

/** Diagram node for a ps state letter; null when the letter says nothing the diagram shows. */
export function diagramState(letter: string): DiagramState | null {
  switch (letter) {
    case 'R':
      return 'running';
    case 'S':
    case 'D':
    case 'I':
      return 'blocked';
    case 'T':
    case 't':
      return 'stopped';
    case 'Z':
      return 'zombie';
    case 'X':
      return 'ended';
    default:
      return null;
  }
}

type Output = Extract<LessonEvent, { type: 'output' }>;
const outputs = (events: readonly LessonEvent[]): Output[] => events.filter((e): e is Output => e.type === 'output');

export interface StateStep {
  /** Wall-clock ms. */
  at: number;
  letter: string;
  state: DiagramState;
  source: 'output' | 'snapshot' | 'exit';
}

export interface WorkerWatch {
  pid: number | null;
  /** Process start time from the snapshot (identifies it for kill), when seen. */
  startTime: number | null;
  current: StateStep | null;
  /** The last state before the current one (a different one), for the arrow just taken. */
  previous: DiagramState | null;
  /** Changes seen in the output, oldest first (the last few). */
  history: StateStep[];
  ended: boolean;
}

const findProc = (snapshot: { processes: readonly ProcInfo[] } | null, pid: number | null): ProcInfo | null =>
  (pid !== null && snapshot?.processes.find((p) => p.pid === pid)) || null;

/**
 * The states lesson's worker: its pid (its start event, by the name shared/lesson-lines.ts
 * publishes, or the main program's "the worker is pid N"), and its latest state from either the output lines ("worker N state S")
 * or the snapshot, whichever is newer. `startedAt` converts run times to wall-clock.
 */
export function watchWorker(
  events: readonly LessonEvent[],
  snapshot: { takenAt: number; processes: readonly ProcInfo[] } | null,
  startedAt: number,
): WorkerWatch {
  let pid: number | null = null;
  for (const e of events) {
    if (e.type === 'start' && isStatesWorkerStart(e.name)) {
      pid = e.pid;
      break;
    }
  }
  const outs = outputs(events);
  if (pid === null) {
    for (const o of outs) {
      const m = WORKER_IS_LINE.exec(o.text);
      if (m) {
        pid = Number(m[1]);
        break;
      }
    }
  }
  const history: StateStep[] = [];
  if (pid === null) return { pid, startTime: null, current: null, previous: null, history, ended: false };
  for (const o of outs) {
    const m = WORKER_STATE_LINE.exec(o.text);
    if (!m || Number(m[1]) !== pid) continue;
    const state = diagramState(m[2]!);
    if (state) history.push({ at: startedAt + o.t, letter: m[2]!, state, source: 'output' });
  }
  const exit = events.find((e) => e.type === 'exit' && e.pid === pid);
  const proc = findProc(snapshot, pid);
  let current: StateStep | null = history[history.length - 1] ?? null;
  if (exit) {
    current = { at: startedAt + exit.t, letter: 'X', state: 'ended', source: 'exit' };
  } else if (proc && snapshot && (!current || snapshot.takenAt > current.at)) {
    const state = diagramState(proc.state);
    if (state) current = { at: snapshot.takenAt, letter: proc.state, state, source: 'snapshot' };
  }
  let previous: DiagramState | null = null;
  if (current) {
    const upTo = current.source === 'output' ? history.length - 1 : history.length;
    for (let i = upTo - 1; i >= 0 && previous === null; i--) if (history[i]!.state !== current.state) previous = history[i]!.state;
  }
  return { pid, startTime: proc?.startTime ?? null, current, previous, history: history.slice(-8), ended: Boolean(exit) };
}

export interface ZombieWatch {
  zombiePid: number | null;
  parentPid: number | null;
  /** The zombie's row in the snapshot, if it is there. */
  zombie: ProcInfo | null;
  parent: ProcInfo | null;
  /** The program said it is gone (reaped). */
  gone: boolean;
  /** Seen as a zombie (Z) in the output or the snapshot at some point. */
  wasZombie: boolean;
}

/** The zombie lesson's pair: "parent P: started child C", "zombie C state Z parent P", "zombie C is gone". */
export function watchZombie(events: readonly LessonEvent[], snapshot: { processes: readonly ProcInfo[] } | null): ZombieWatch {
  let zombiePid: number | null = null;
  let parentPid: number | null = null;
  let gone = false;
  let wasZombie = false;
  for (const o of outputs(events)) {
    let m = FAMILY_LINE.exec(o.text);
    if (m) {
      parentPid ??= Number(m[1]);
      zombiePid ??= Number(m[2]);
      continue;
    }
    m = ZOMBIE_LINE.exec(o.text);
    if (m) {
      zombiePid = Number(m[1]);
      parentPid ??= Number(m[2]);
      wasZombie = true;
      continue;
    }
    m = ZOMBIE_GONE_LINE.exec(o.text);
    if (m && Number(m[1]) === zombiePid) gone = true;
  }
  const zombie = gone ? null : findProc(snapshot, zombiePid);
  const parent = findProc(snapshot, parentPid);
  if (zombie?.state === 'Z') wasZombie = true;
  return { zombiePid, parentPid, zombie, parent, gone, wasZombie };
}

export interface OrphanWatch {
  childPid: number | null;
  parentPid: number | null;
  /** ppid changes the program reported, oldest first. */
  changes: { from: number; to: number; t: number }[];
  parentEnded: boolean;
  /** The child's current ppid (snapshot first, else the last change). */
  ppid: number | null;
}

export function watchOrphan(events: readonly LessonEvent[], snapshot: { processes: readonly ProcInfo[] } | null): OrphanWatch {
  let childPid: number | null = null;
  let parentPid: number | null = null;
  let parentEnded = false;
  const changes: OrphanWatch['changes'] = [];
  for (const o of outputs(events)) {
    let m = FAMILY_LINE.exec(o.text);
    if (m) {
      parentPid ??= Number(m[1]);
      childPid ??= Number(m[2]);
      continue;
    }
    m = PPID_CHANGED_LINE.exec(o.text);
    if (m) {
      childPid ??= Number(m[1]);
      changes.push({ from: Number(m[2]), to: Number(m[3]), t: o.t });
      continue;
    }
    m = PARENT_ENDED_LINE.exec(o.text);
    if (m && Number(m[1]) === parentPid) parentEnded = true;
  }
  const child = findProc(snapshot, childPid);
  const ppid = child?.ppid ?? changes[changes.length - 1]?.to ?? parentPid;
  return { childPid, parentPid, changes, parentEnded, ppid };
}
