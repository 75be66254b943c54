// A traced run's exact lifecycle events (shared/lifecycle.ts) as timeline data, shared by the
// playground and lesson timelines: one lane per process ever seen (a pid reused after its reap is
// a new lane), its execs (same pid, new image) as markers, its zombie interval from exit to reap
// with the reaper, and signals from sender to target. Also the events as readable sentences for
// the events pane ("4242 forked 4243"). Pure: no DOM, no React.
import type { LifecycleEvent, ReapHow } from '../../../shared/lifecycle.js';

export interface LcExec {
  t: number;
  name: string;
  argv: string[];
}

export interface LcLane {
  /** Unique within the run: "pid@t" of its first sight (a pid may be reused after its reap). */
  key: string;
  pid: number;
  /** The parent that forked it (later re-parenting is in `reparents`); null when not seen. */
  ppid: number | null;
  /** What it runs now: the last exec's name, else its parent's image at the fork; '' when unknown. */
  name: string;
  argv: string[];
  startMs: number;
  execs: LcExec[];
  exitMs: number | null;
  exit: { code: number | null; signal: string | null } | null;
  /** When its zombie was collected, by whom and how; null while not (yet) reaped. */
  reapMs: number | null;
  reaper: number | null;
  reapHow: ReapHow | null;
  reparents: { t: number; from: number; to: number | null }[];
  /** Depth below the run's first process, by fork links. */
  depth: number;
  /** Order of first sight (for colours). */
  index: number;
}

export interface LcSignal {
  t: number;
  sender: number | null;
  /** As the event says: a negative number is a process group. */
  target: number;
  signal: string;
  /** Lanes at the time of the signal (null: not a process of the run, or unknown). */
  fromKey: string | null;
  toKey: string | null;
}

export interface LcModel {
  /** Parent before children, children by start time. */
  lanes: LcLane[];
  signals: LcSignal[];
  /** The last event's time. */
  lastMs: number;
}

/** Lanes are drawn at least this wide (px): a process that lived 1 ms is still seen. */
export const MIN_LANE_PX = 4;

const newLane = (pid: number, t: number, ppid: number | null, name: string, index: number): LcLane => ({
  key: `${pid}@${Math.round(t * 1000) / 1000}`,
  pid,
  ppid,
  name,
  argv: [],
  startMs: t,
  execs: [],
  exitMs: null,
  exit: null,
  reapMs: null,
  reaper: null,
  reapHow: null,
  reparents: [],
  depth: 0,
  index,
});

/** Builds the lanes from the events of one run, in the order strace gave them. */
export function buildLifecycleModel(events: readonly LifecycleEvent[]): LcModel {
  const all: LcLane[] = [];
  const current = new Map<number, LcLane>();
  const signals: LcSignal[] = [];
  let lastMs = 0;
  const open = (pid: number, t: number, ppid: number | null, name: string): LcLane => {
    const lane = newLane(pid, t, ppid, name, all.length);
    if (all.some((l) => l.key === lane.key)) lane.key = `${lane.key}#${all.length}`;
    all.push(lane);
    current.set(pid, lane);
    return lane;
  };
  /** The lane of `pid` now, opened at `t` if the run never saw it before. */
  const laneOf = (pid: number, t: number): LcLane => current.get(pid) ?? open(pid, t, null, '');
  for (const e of events) {
    lastMs = Math.max(lastMs, e.t);
    switch (e.type) {
      case 'fork': {
        // A fork copies the parent: the child runs the parent's image until it execs.
        const parent = current.get(e.ppid);
        const child = open(e.pid, e.t, e.ppid, parent && parent.reapMs === null ? parent.name : '');
        if (parent) child.argv = parent.argv;
        break;
      }
      case 'exec': {
        const lane = laneOf(e.pid, e.t);
        lane.execs.push({ t: e.t, name: e.name, argv: e.argv });
        lane.name = e.name;
        lane.argv = e.argv;
        break;
      }
      case 'exit': {
        const lane = laneOf(e.pid, e.t);
        lane.exitMs = e.t;
        lane.exit = { code: e.code, signal: e.signal };
        break;
      }
      case 'reap': {
        const lane = laneOf(e.pid, e.t);
        lane.exitMs ??= e.t;
        lane.reapMs = e.t;
        lane.reaper = e.by;
        lane.reapHow = e.how;
        // Its pid is free again: a later fork with it is another process.
        current.delete(e.pid);
        break;
      }
      case 'signal': {
        const to = current.get(Math.abs(e.target));
        const from = e.sender === null ? undefined : current.get(e.sender);
        signals.push({ t: e.t, sender: e.sender, target: e.target, signal: e.signal, fromKey: from?.key ?? null, toKey: to?.key ?? null });
        break;
      }
      case 'reparent':
        laneOf(e.pid, e.t).reparents.push({ t: e.t, from: e.oldPpid, to: e.newPpid });
        break;
    }
  }
  return { lanes: treeOrder(all), signals, lastMs };
}

/** Parent before children (children by start), each lane's depth set; a lane whose parent is not in the run is a root. */
function treeOrder(lanes: LcLane[]): LcLane[] {
  // Lanes by pid: a fork loop's thousands of lanes must not cost a scan of all of them per lane.
  const byPid = new Map<number, LcLane[]>();
  for (const l of lanes) byPid.set(l.pid, [...(byPid.get(l.pid) ?? []), l]);
  const parentOf = (child: LcLane): LcLane | null => {
    let best: LcLane | null = null;
    for (const p of child.ppid === null ? [] : (byPid.get(child.ppid) ?? [])) {
      if (p === child || p.startMs > child.startMs) continue;
      if (p.reapMs !== null && p.reapMs < child.startMs) continue;
      if (!best || p.startMs >= best.startMs) best = p;
    }
    return best;
  };
  const kids = new Map<LcLane, LcLane[]>();
  const roots: LcLane[] = [];
  for (const l of lanes) {
    const p = parentOf(l);
    if (!p) roots.push(l);
    else {
      const list = kids.get(p);
      if (list) list.push(l);
      else kids.set(p, [l]);
    }
  }
  const byStart = (a: LcLane, b: LcLane) => a.startMs - b.startMs || a.index - b.index;
  const out: LcLane[] = [];
  const seen = new Set<LcLane>();
  const visit = (l: LcLane, depth: number) => {
    if (seen.has(l)) return;
    seen.add(l);
    l.depth = depth;
    out.push(l);
    for (const k of (kids.get(l) ?? []).sort(byStart)) visit(k, depth + 1);
  };
  for (const r of roots.sort(byStart)) visit(r, 0);
  return out;
}

/** Where a lane's bar ends: its exit, or now while it runs. */
export const lifeEnd = (lane: LcLane, nowMs: number): number => lane.exitMs ?? Math.max(nowMs, lane.startMs);

/** The zombie interval (exit to reap, or to now while nobody has waited), or null if it never exited. */
export function zombieSpan(lane: LcLane, nowMs: number): { from: number; to: number; reaped: boolean } | null {
  if (lane.exitMs === null) return null;
  const to = lane.reapMs ?? Math.max(nowMs, lane.exitMs);
  return { from: lane.exitMs, to, reaped: lane.reapMs !== null };
}

/** "exit 0", "SIGTERM", "SIGSEGV (core)" or null. */
export function lcExitText(exit: LcLane['exit']): string | null {
  if (!exit) return null;
  if (exit.signal) return exit.signal;
  return exit.code === null ? null : `exit ${exit.code}`;
}

export type LcExitTone = 'ok' | 'error' | 'signal';
export function lcExitTone(exit: NonNullable<LcLane['exit']>): LcExitTone {
  if (exit.signal) return 'signal';
  return exit.code === 0 ? 'ok' : 'error';
}

/** A command line as the events pane quotes it: argv joined, long ones cut. */
export function commandText(argv: readonly string[], name: string, max = 80): string {
  const text = argv.length ? argv.join(' ') : name;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

// ---- Readable sentences ----

/** Keys of the events pane's sentences (the i18n tables hold their EN and ZH text). */
export type SentenceKey =
  | 'lc.say.fork'
  | 'lc.say.exec'
  | 'lc.say.exitZombie'
  | 'lc.say.exitZombieOpen'
  | 'lc.say.exitReapedAt'
  | 'lc.say.killedZombie'
  | 'lc.say.killedZombieOpen'
  | 'lc.say.killedReapedAt'
  | 'lc.say.reapParent'
  | 'lc.say.reapSubreaper'
  | 'lc.say.reapInit'
  | 'lc.say.signal'
  | 'lc.say.signalGroup'
  | 'lc.say.signalUnknown'
  | 'lc.say.signalUnknownGroup'
  | 'lc.say.reparent'
  | 'lc.say.reparentUnknown';

export interface Sentence {
  t: number;
  type: LifecycleEvent['type'];
  /** The pids it is about (the filter matches them exactly too). */
  pids: number[];
  key: SentenceKey;
  vars: Record<string, string | number>;
}

/**
 * Under this gap between exit and reap the parent was already waiting (its wait returned as the
 * child died): no zombie worth naming, and "(0.00 s)" would read as a mistake.
 */
export const AT_ONCE_MS = 10;

/**
 * One sentence per event, in order. An exit looks ahead to its reap, so it can say how long the
 * process stayed a zombie and who collected it ("4243 exited 0, zombie until 4242 waits").
 */
export function sentences(events: readonly LifecycleEvent[]): Sentence[] {
  // The reap that follows each exit (same pid, the first reap after it).
  const reapAfter = new Map<number, Extract<LifecycleEvent, { type: 'reap' }>>();
  const pendingExit = new Map<number, number>();
  events.forEach((e, i) => {
    if (e.type === 'exit') pendingExit.set(e.pid, i);
    else if (e.type === 'reap') {
      const at = pendingExit.get(e.pid);
      if (at !== undefined) {
        reapAfter.set(at, e);
        pendingExit.delete(e.pid);
      }
    }
  });
  return events.map((e, i): Sentence => {
    switch (e.type) {
      case 'fork':
        return { t: e.t, type: e.type, pids: [e.ppid, e.pid], key: 'lc.say.fork', vars: { ppid: e.ppid, pid: e.pid } };
      case 'exec':
        return { t: e.t, type: e.type, pids: [e.pid], key: 'lc.say.exec', vars: { pid: e.pid, command: commandText(e.argv, e.name) } };
      case 'exit': {
        const reap = reapAfter.get(i);
        const how = e.signal ?? String(e.code);
        const killed = e.signal !== null;
        if (!reap) return { t: e.t, type: e.type, pids: [e.pid], key: killed ? 'lc.say.killedZombieOpen' : 'lc.say.exitZombieOpen', vars: { pid: e.pid, how } };
        const waited = reap.t - e.t;
        const vars = { pid: e.pid, how, by: reap.by, ms: Math.round(waited), secs: (waited / 1000).toFixed(2) };
        if (waited < AT_ONCE_MS) return { t: e.t, type: e.type, pids: [e.pid, reap.by], key: killed ? 'lc.say.killedReapedAt' : 'lc.say.exitReapedAt', vars };
        return { t: e.t, type: e.type, pids: [e.pid, reap.by], key: killed ? 'lc.say.killedZombie' : 'lc.say.exitZombie', vars };
      }
      case 'reap': {
        const key = e.how === 'parent-wait' ? 'lc.say.reapParent' : e.how === 'subreaper' ? 'lc.say.reapSubreaper' : 'lc.say.reapInit';
        return { t: e.t, type: e.type, pids: [e.by, e.pid], key, vars: { by: e.by, pid: e.pid } };
      }
      case 'signal': {
        const group = e.target < 0;
        const target = Math.abs(e.target);
        const pids = e.sender === null ? [target] : [e.sender, target];
        if (e.sender === null) return { t: e.t, type: e.type, pids, key: group ? 'lc.say.signalUnknownGroup' : 'lc.say.signalUnknown', vars: { signal: e.signal, target } };
        return { t: e.t, type: e.type, pids, key: group ? 'lc.say.signalGroup' : 'lc.say.signal', vars: { sender: e.sender, signal: e.signal, target } };
      }
      case 'reparent':
        return e.newPpid === null
          ? { t: e.t, type: e.type, pids: [e.pid, e.oldPpid], key: 'lc.say.reparentUnknown', vars: { pid: e.pid, from: e.oldPpid } }
          : { t: e.t, type: e.type, pids: [e.pid, e.oldPpid, e.newPpid], key: 'lc.say.reparent', vars: { pid: e.pid, from: e.oldPpid, to: e.newPpid } };
    }
  });
}

/**
 * The sentences a filter keeps: every word must match, case-insensitively, the sentence's text,
 * its type ("exec", "reap") or, for a number, one of its pids exactly.
 */
export function filterSentences<S extends Sentence>(list: readonly S[], text: (s: S) => string, filter: string): S[] {
  const words = filter.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return list.slice();
  return list.filter((s) => {
    const hay = `${s.type} ${text(s)}`.toLowerCase();
    return words.every((w) => (/^\d+$/.test(w) ? s.pids.includes(Number(w)) : hay.includes(w)));
  });
}
