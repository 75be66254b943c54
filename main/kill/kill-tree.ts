// Kill tree from snapshots of the process table: find the root's descendants by parent pid (with
// their start times), freeze them top-down with SIGSTOP so that none can fork while the tree is
// being killed (a child born between the snapshot and the stop of its parent is caught by the next
// snapshot, until one adds nobody), then send the signal to each and SIGCONT (a stopped process
// acts on SIGTERM only once continued). Every signal goes to a pid only while its start time is
// still the one in the snapshot, so a pid reused meanwhile is never hit.
import type { SignalName } from '../../shared/api.js';
import type { KillFn } from './signal-sender.js';
import type { TableEntry } from '../processes/process-table.js';
import { ProcessHandle } from '../processes/process-handle.js';

export interface TreeKillOptions {
  kill: KillFn;
  /** A fresh snapshot of the process table. */
  table: () => readonly TableEntry[] | Promise<readonly TableEntry[]>;
  /** Current start time of a pid, read right before each signal; absent where the OS has no cheap read (the snapshot is trusted). */
  readStartTime?: (pid: number) => number | null;
  /** The app's own processes and their ancestors: never signalled, even when a re-parenting put one in the tree. */
  isProtected: (pid: number) => boolean;
  /** Snapshots taken while looking for children born during the freeze. */
  maxRounds?: number;
  /** A snapshot taken just before (the listing the user's click was checked against): used for the first round instead of a fresh one. */
  firstTable?: readonly TableEntry[];
}

export interface TreeKillOutcome {
  /** Every process signalled, root first, parents before children. */
  pids: number[];
  /** What kill() threw for the root (EPERM, ESRCH), if it could not be signalled at all. */
  rootError: unknown;
}

const MAX_ROUNDS = 8;

/** Pure: the live descendants of root in the table, parents before their children (breadth first). */
export function descendantsTopDown(rootPid: number, table: readonly TableEntry[]): TableEntry[] {
  const children = new Map<number, TableEntry[]>();
  for (const p of table) {
    if (p.pid === rootPid) continue;
    let list = children.get(p.ppid);
    if (!list) children.set(p.ppid, (list = []));
    list.push(p);
  }
  const out: TableEntry[] = [];
  const seen = new Set<number>([rootPid]);
  const queue = [rootPid];
  for (let i = 0; i < queue.length; i++) {
    for (const child of children.get(queue[i]!) ?? []) {
      if (seen.has(child.pid)) continue;
      seen.add(child.pid);
      out.push(child);
      queue.push(child.pid);
    }
  }
  return out;
}

export async function killTreeFromTable(root: { pid: number; startTime: number }, signal: SignalName, opts: TreeKillOptions): Promise<TreeKillOutcome> {
  const facts = { kill: opts.kill, readStartTime: opts.readStartTime };
  /** Sends one signal to a process still the one listed; null, or the error kill() threw (ESRCH when gone or replaced). */
  const send = (p: { pid: number; startTime: number }, sig: SignalName): unknown => {
    const outcome = new ProcessHandle(p.pid, p.startTime, facts).signal(sig);
    if (outcome.ok) return null;
    if ('error' in outcome) return outcome.error;
    return Object.assign(new Error(`${p.pid} is ${outcome.problem}`), { code: 'ESRCH' });
  };

  const frozen: { pid: number; startTime: number }[] = [];
  const frozenPids = new Set<number>();
  const freeze = (p: { pid: number; startTime: number }): unknown => {
    const err = send(p, 'SIGSTOP');
    if (err === null) {
      frozen.push(p);
      frozenPids.add(p.pid);
    }
    return err;
  };

  // The root first: once it is stopped it forks nothing more.
  const rootError = freeze(root);
  if (rootError !== null) return { pids: [], rootError };
  const rounds = opts.maxRounds ?? MAX_ROUNDS;
  for (let round = 0; round < rounds; round++) {
    const table = round === 0 && opts.firstTable ? opts.firstTable : await opts.table();
    let added = 0;
    // Top-down, from the frozen members only: a pid listed under a parent that is not ours is not followed.
    for (const p of descendantsTopDown(root.pid, table)) {
      if (frozenPids.has(p.pid) || p.state === 'Z' || p.state === 'X' || opts.isProtected(p.pid)) continue;
      if (freeze(p) === null) added++;
    }
    if (added === 0) break;
  }

  if (signal !== 'SIGSTOP') {
    for (const p of frozen) send(p, signal);
    // SIGKILL needs no continue: it ends a stopped process as it is.
    if (signal !== 'SIGKILL') for (const p of frozen) send(p, 'SIGCONT');
  }
  return { pids: frozen.map((p) => p.pid), rootError: null };
}
