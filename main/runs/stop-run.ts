// How both runners end a run's whole tree, whatever it does: SIGTERM (to the process group, or to
// the root alone when the program ends its own children, as a lesson's does), then, once the grace
// period is over, SIGKILL rounds to the group, to every process carrying the run's marker (those
// that left the group: setsid) and to every member the runner knows, until the runner has seen the
// tree end. Many runs are ended together with one scan of the process table per round, not one
// per run. No pid is signalled unless it is still the run's: a known member through a handle pinned
// to its start time, a pid without one only while it carries the marker, the group only while the
// run can still own its id. On Windows there are no groups or signals: taskkill /T /F. The order
// (SIGTERM, grace, SIGKILL rounds) is stop-sequence.ts's, which the watchdog's sweep follows too.
import type { SignalName } from '../../shared/api.js';
import { ProcessHandle } from '../processes/process-handle.js';
import { signalGroup } from '../processes/process-group.js';
import { hasProcFs, scanProcStats, startTimeOfStat } from '../processes/process-files.js';
import { windowsTreeKill } from '../processes/windows-tree-kill.js';
import { readTokens } from '../supervision/proc-scan.js';
import { canGroup } from './spawn-run.js';
import { runStopSequence } from './stop-sequence.js';

/** The environment variable every process of a run inherits, and the run's token in its value (a space-separated list). */
export interface RunMarker {
  name: string;
  token: string;
}

/** A process the runner knows to be the run's; `startTime` (epoch ms) pins its identity where known. */
export interface KnownProcess {
  pid: number;
  startTime?: number | null;
}

/** One run to end. */
export interface StopTarget {
  /** The root, whose pid is the run's process group id (spawnRun starts it in a group of its own). */
  root: KnownProcess;
  /** Null: the run has none (a test's bare program); then only the group and the known members are reached. */
  marker: RunMarker | null;
  /** Members not yet seen to end (the tree watch's, or those a lesson reported). */
  known(): readonly KnownProcess[];
  /** Resolves when the runner has seen the whole tree end: kill rounds go on until then (within giveUpMs). */
  ended?: Promise<void>;
}

export interface StopOptions {
  /** From SIGTERM to the first SIGKILL (limits.ts holds each runner's, and why they differ). */
  graceMs: number;
  /**
   * Who gets SIGTERM: 'group' the group and every process of the run; 'root' the root alone (a
   * lesson's main program ends its own children and reports each end); 'none' SIGKILL at once.
   */
  term?: 'group' | 'root' | 'none';
  /** Pause between looks during the grace period and between SIGKILL rounds. */
  pollMs?: number;
  /** SIGKILL rounds stop after this long (a process stuck in uninterruptible sleep cannot be ended). */
  giveUpMs?: number;
  /** Before each SIGKILL round (the playground's tree watch takes a look: new members, ended ones). */
  beforeRound?: () => Promise<void>;
}

/** One process as a round sees it. */
interface ScannedProc {
  pid: number;
  pgrp: number;
  state: string;
  /** Epoch ms, as ProcessHandle pins a process. */
  startTime: number;
  /** The marker's tokens (empty: unmarked, unreadable, or started before the run could have). */
  tokens: string[];
}

const GIVE_UP_MS = 6000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Ends one run's tree; see stopRuns. */
export function stopRun(target: StopTarget, opts: StopOptions): Promise<void> {
  return stopRuns([target], opts);
}

/**
 * Ends the trees of many runs with one sweep. Resolves when every run has ended (its `ended`), or,
 * for a run without one, when a round finds none of its processes; or after giveUpMs of SIGKILL.
 */
export async function stopRuns(targets: readonly StopTarget[], opts: StopOptions): Promise<void> {
  if (!targets.length) return;
  const seenEnd = new Set<StopTarget>();
  for (const t of targets) void t.ended?.then(() => seenEnd.add(t));
  const open = () => targets.filter((t) => !seenEnd.has(t));
  // The next end among the runs not yet seen to end (one already seen would wake every wait at once).
  const nextEnd = () => Promise.race(open().map((t) => t.ended ?? new Promise<void>(() => undefined)));

  if (process.platform === 'win32') {
    // A lesson's program may still end its children itself (Node's SIGTERM there terminates it).
    if (opts.term === 'root') {
      for (const t of targets) new ProcessHandle(t.root.pid, undefined).signal('SIGTERM');
      await Promise.race([Promise.all(targets.map((t) => t.ended)), sleep(opts.graceMs)]);
    }
    await Promise.all(
      open().map(async (t) => {
        for (const pid of [t.root.pid, ...t.known().map((k) => k.pid)]) await windowsTreeKill(pid).catch(() => undefined); // a tree gone already
      }),
    );
    await Promise.race([Promise.all(targets.map((t) => t.ended)), sleep(opts.giveUpMs ?? GIVE_UP_MS)]);
    return;
  }

  const term = opts.term ?? 'group';
  await runStopSequence(
    {
      term:
        term === 'none'
          ? undefined
          : () => {
              if (term === 'group') signalRuns(targets, 'SIGTERM');
              else for (const t of targets) new ProcessHandle(t.root.pid, t.root.startTime ?? undefined).signal('SIGTERM');
              return false; // the grace period is waited out (or cut short by the looks) in any case
            },
      nothingLeft: () => {
        const left = open();
        if (left.length === 0) return true;
        // A run whose runner will say when its tree has ended is not looked for: a look is a scan
        // of the whole process table (a second with ten thousand processes), and it is not needed.
        if (left.some((t) => t.ended !== undefined) || !hasProcFs()) return false;
        const scans = scansFor(left);
        return left.every((t) => findRun(t, scans).pids.length === 0);
      },
      kill: () => {
        const left = open();
        const found = signalRuns(left, 'SIGKILL');
        // A run with `ended` is over when its runner says so, not when one round finds nothing.
        return left.every((t) => t.ended === undefined && found.get(t) === 0);
      },
      beforeRound: opts.beforeRound,
      nextEnd,
    },
    { graceMs: opts.graceMs, pollMs: opts.pollMs, giveUpMs: opts.giveUpMs ?? GIVE_UP_MS },
  );
}

/**
 * Sends `signal` once to every run's group and processes (one scan for all); returns, per run, how
 * many of its live processes were found (0: none left). Without /proc only the groups and the
 * known members can be named.
 */
export function signalRuns(targets: readonly StopTarget[], signal: SignalName): Map<StopTarget, number> {
  const scans = scansFor(targets);
  const found = new Map<StopTarget, number>();
  for (const t of targets) {
    const run = findRun(t, scans);
    // With /proc a group's live members are counted among the pids; without, the group is all there is to count.
    const groupAnswered = run.group && canGroup && signalGroup(t.root.pid, signal);
    let n = groupAnswered && !hasProcFs() ? 1 : 0;
    for (const h of run.pids) if (h.signal(signal).ok) n++;
    found.set(t, n);
  }
  return found;
}

/**
 * One scan of the process table per round, for all the runs; the marker is read per marker
 * variable. A process started before a run's root cannot be one of the run's: its environment
 * is not read (on a machine with ten thousand processes that halves a round's cost).
 */
function scansFor(targets: readonly StopTarget[]): Map<string, Map<number, ScannedProc>> {
  const scans = new Map<string, Map<number, ScannedProc>>();
  if (!hasProcFs() || targets.length === 0) return scans;
  const since = new Map<string, number>();
  for (const t of targets) {
    const name = t.marker?.name ?? '';
    since.set(name, Math.min(since.get(name) ?? Infinity, t.root.startTime ?? 0));
  }
  const stats = scanProcStats().map((st) => ({ st, startTime: startTimeOfStat(st) }));
  for (const [name, from] of since) {
    const scan = new Map<number, ScannedProc>();
    for (const { st, startTime } of stats) {
      const tokens = name && startTime >= from ? readTokens(st.pid, name) : [];
      scan.set(st.pid, { pid: st.pid, pgrp: st.pgrp, state: st.state, startTime, tokens });
    }
    scans.set(name, scan);
  }
  return scans;
}

/** What of one run is alive now and may be signalled: its group, and its processes, each pinned. */
function findRun(t: StopTarget, scans: Map<string, Map<number, ScannedProc>>): { group: boolean; pids: ProcessHandle[] } {
  const scan = scans.get(t.marker?.name ?? '');
  const spare = process.pid;
  if (!scan) {
    // No /proc (macOS): nothing to read a marker from; the group and the known members, as the runner knows them.
    const pids = [t.root, ...t.known()].filter((k) => k.pid !== spare).map((k) => new ProcessHandle(k.pid, k.startTime ?? undefined));
    return { group: true, pids: dedupe(pids) };
  }
  const live = (p: ScannedProc | undefined): p is ScannedProc => p !== undefined && p.state !== 'Z' && p.state !== 'X' && p.pid !== spare;
  const token = t.marker?.token;
  const marked = (p: ScannedProc) => token !== undefined && p.tokens.includes(token);
  const pids: ProcessHandle[] = [];
  let groupHasMarked = false;
  for (const p of scan.values()) {
    if (!live(p) || !marked(p)) continue;
    pids.push(new ProcessHandle(p.pid, p.startTime));
    if (p.pgrp === t.root.pid) groupHasMarked = true;
  }
  for (const k of t.known()) {
    const p = scan.get(k.pid);
    if (!live(p) || marked(p)) continue; // gone, a zombie, or found by its marker already
    // A member that cleared its environment is signalled only if its start time pins it: an
    // unpinned pid without the marker may be anyone's by now.
    if (k.startTime == null || p.startTime !== k.startTime) continue;
    pids.push(new ProcessHandle(k.pid, k.startTime));
  }
  return { group: groupHasMarked || groupStillOurs(t.root, scan.get(t.root.pid), marked), pids: dedupe(pids) };
}

/**
 * Whether kill(-root) can reach only the run's processes though none of the group carries the
 * marker (members that cleared their environment). A group id stays reserved while any member
 * lives, so it is the run's unless its id was freed and taken by a new leader: there is no process
 * with the root's pid then (the group is empty, kill says ESRCH), or the root itself still runs.
 */
function groupStillOurs(root: KnownProcess, now: ScannedProc | undefined, marked: (p: ScannedProc) => boolean): boolean {
  if (!now) return true;
  if (root.startTime != null) return now.startTime === root.startTime;
  return marked(now);
}

function dedupe(handles: ProcessHandle[]): ProcessHandle[] {
  const seen = new Set<number>();
  return handles.filter((h) => !seen.has(h.pid) && seen.add(h.pid));
}
