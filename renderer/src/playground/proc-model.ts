// A playground run's processes as data, from its proc-* events: who started when, under which
// parent, what it runs now (after exec), whether it is alive, a zombie or gone and how it ended,
// which of Python's own helpers it is; laid out as a tree with pstree-style guides, and as
// timeline lanes in the same order. Pure.
import type { PlaygroundEvent, PythonHelperMeta } from '../../../shared/playground.js';
import type { Guide } from '../ui/tree-indent.js';
import { hueFor } from '../ui/pid-colors.js';

export interface ExitInfo {
  exitCode: number | null;
  signal: string | null;
}

export type ProcStatus = 'alive' | 'zombie' | 'gone';

export interface PgProc {
  /** Unique within the run: "pid@startMs" (a pid may be reused by a later process). */
  key: string;
  pid: number;
  ppid: number;
  name: string;
  command: string;
  /** Names it had before exec, oldest first. */
  formerNames: string[];
  root: boolean;
  marked: boolean;
  startMs: number;
  zombieMs: number | null;
  endMs: number | null;
  /** How it ended, when known (from its zombie state or, for the root, from the runner). */
  exit: ExitInfo | null;
  status: ProcStatus;
  helper: PythonHelperMeta | null;
  /** Order of first appearance (for colours). */
  index: number;
}

/** Compiles the helpers' patterns once; a pattern that does not compile is skipped. */
export function helperMatcher(helpers: readonly PythonHelperMeta[]): (command: string) => PythonHelperMeta | null {
  const compiled: [RegExp, PythonHelperMeta][] = [];
  for (const h of helpers) {
    try {
      compiled.push([new RegExp(h.commandPattern), h]);
    } catch {
      // not recognisable: never named
    }
  }
  return (command) => compiled.find(([re]) => re.test(command))?.[1] ?? null;
}

/** The processes of a run, in order of first appearance. */
export function buildProcs(events: readonly PlaygroundEvent[], helpers: readonly PythonHelperMeta[] = []): PgProc[] {
  const match = helperMatcher(helpers);
  const list: PgProc[] = [];
  const latest = new Map<number, PgProc>();
  for (const e of events) {
    switch (e.type) {
      case 'proc-start': {
        const p: PgProc = {
          key: `${e.pid}@${e.t}`,
          pid: e.pid,
          ppid: e.ppid,
          name: e.name,
          command: e.command,
          formerNames: [],
          root: e.root,
          marked: e.marked,
          startMs: e.t,
          zombieMs: null,
          endMs: null,
          exit: null,
          status: 'alive',
          helper: match(e.command),
          index: list.length,
        };
        const old = latest.get(e.pid);
        if (old && old.status !== 'gone') {
          // Not reported gone, yet a new process has its pid: the old one ended unseen.
          old.status = 'gone';
          old.endMs = e.t;
        }
        if (old && old.key === p.key) p.key = `${e.pid}@${e.t}#${list.length}`;
        list.push(p);
        latest.set(e.pid, p);
        break;
      }
      case 'proc-exec': {
        const p = latest.get(e.pid);
        if (!p || p.status === 'gone') break;
        if (p.name !== e.name) p.formerNames.push(p.name);
        p.name = e.name;
        p.command = e.command;
        p.helper = match(e.command) ?? p.helper;
        break;
      }
      case 'proc-zombie': {
        const p = latest.get(e.pid);
        if (!p || p.status === 'gone') break;
        p.status = 'zombie';
        p.zombieMs = e.t;
        if (e.exitCode !== null || e.signal !== null) p.exit = { exitCode: e.exitCode, signal: e.signal };
        break;
      }
      case 'proc-exit': {
        const p = latest.get(e.pid);
        if (!p || p.status === 'gone') break;
        p.status = 'gone';
        p.endMs = e.t;
        if (e.exitCode !== null || e.signal !== null) p.exit = { exitCode: e.exitCode, signal: e.signal };
        break;
      }
      case 'run-end': {
        // The whole tree is gone: anything not reported gone ended with it.
        for (const p of list) {
          if (p.status === 'gone') continue;
          p.status = 'gone';
          p.endMs = e.t;
        }
        if (list[0]?.root && !list[0].exit && (e.exitCode !== null || e.signal !== null)) list[0].exit = { exitCode: e.exitCode, signal: e.signal };
        break;
      }
      default:
        break;
    }
  }
  return list;
}

/** Colour hue per process key (the n-th process seen gets the n-th hue, as in the lessons). */
export function procHues(procs: readonly PgProc[]): Map<string, number> {
  return new Map(procs.map((p) => [p.key, hueFor(p.index)]));
}

/** Hue per pid (the latest process with that pid), for lines that only know a pid. */
export function pidHueMap(procs: readonly PgProc[]): Map<number, number> {
  return new Map(procs.map((p) => [p.pid, hueFor(p.index)]));
}

export interface TreeRow {
  proc: PgProc;
  depth: number;
  guides: readonly Guide[];
  hasChildren: boolean;
  collapsed: boolean;
}

/**
 * The processes as a forest, parent before children (children by start time): a process whose
 * parent is not in the run (the root, or one re-parented before it was seen) is a root. The
 * parent is the process with that pid alive when the child started.
 */
export function treeRows(procs: readonly PgProc[], collapsed: ReadonlySet<string> = new Set()): TreeRow[] {
  const children = new Map<string, PgProc[]>();
  const roots: PgProc[] = [];
  for (const p of procs) {
    const parent = parentOf(procs, p);
    if (!parent) roots.push(p);
    else {
      const list = children.get(parent.key);
      if (list) list.push(p);
      else children.set(parent.key, [p]);
    }
  }
  const byStart = (a: PgProc, b: PgProc) => a.startMs - b.startMs || a.index - b.index;
  const out: TreeRow[] = [];
  const visit = (p: PgProc, depth: number, prefix: Guide[], isLast: boolean, guard: Set<string>) => {
    if (guard.has(p.key)) return;
    guard.add(p.key);
    const kids = (children.get(p.key) ?? []).slice().sort(byStart);
    const isCollapsed = collapsed.has(p.key) && kids.length > 0;
    out.push({ proc: p, depth, guides: depth === 0 ? [] : [...prefix, isLast ? 'elbow' : 'tee'], hasChildren: kids.length > 0, collapsed: isCollapsed });
    if (isCollapsed) return;
    const childPrefix: Guide[] = depth === 0 ? [] : [...prefix, isLast ? 'blank' : 'pipe'];
    kids.forEach((k, i) => visit(k, depth + 1, childPrefix, i === kids.length - 1, guard));
  };
  const guard = new Set<string>();
  roots.sort(byStart).forEach((r, i, all) => visit(r, 0, [], i === all.length - 1, guard));
  return out;
}

function parentOf(procs: readonly PgProc[], child: PgProc): PgProc | null {
  let best: PgProc | null = null;
  for (const p of procs) {
    if (p.pid !== child.ppid || p === child) continue;
    if (p.startMs > child.startMs) continue;
    if (p.endMs !== null && p.endMs < child.startMs) continue;
    if (!best || p.startMs >= best.startMs) best = p;
  }
  return best;
}

/** "exit 0", "SIGTERM", or null when the OS did not tell. */
export function exitText(exit: ExitInfo | null): string | null {
  if (!exit) return null;
  if (exit.signal) return exit.signal;
  if (exit.exitCode !== null) return `exit ${exit.exitCode}`;
  return null;
}

export type ExitTone = 'ok' | 'error' | 'signal' | 'unknown';

export function exitTone(exit: ExitInfo | null): ExitTone {
  if (!exit || (exit.signal === null && exit.exitCode === null)) return 'unknown';
  if (exit.signal) return 'signal';
  return exit.exitCode === 0 ? 'ok' : 'error';
}

/** Processes alive (not zombie, not gone). */
export function liveCount(procs: readonly PgProc[]): number {
  return procs.reduce((n, p) => n + (p.status === 'alive' ? 1 : 0), 0);
}

/** The helpers that appeared in the run, once each, in order of appearance. */
export function helpersSeen(procs: readonly PgProc[]): PythonHelperMeta[] {
  const out: PythonHelperMeta[] = [];
  for (const p of procs) if (p.helper && !out.includes(p.helper)) out.push(p.helper);
  return out;
}

/** A run's length: "3.4 s" under a minute (tenths matter for short runs), else "2 min 05 s". */
export function runTime(ms: number, lang: 'en' | 'zh', coarse: (ms: number, lang: 'en' | 'zh') => string): string {
  if (Number.isFinite(ms) && ms < 60_000) {
    const s = (Math.max(0, ms) / 1000).toFixed(1);
    return lang === 'zh' ? `${s} 秒` : `${s} s`;
  }
  return coarse(ms, lang);
}
