// Safe killing behind process.kill / process.killPreview: validates the pid, refuses init, the app
// and its ancestors, checks the target is still the process the user saw (pid + start time), then
// signals one process or, for Kill tree, the process and all its descendants (kill-tree.ts; on
// Windows, which has no signals, taskkill /T).
import type { KillPreview, KillResult, Params, SignalName } from '../../shared/api.js';
import type { ProcInfo } from '../../shared/process.js';
import { descendantsOf } from '../../shared/tree.js';
import { guardPid, guardProtected, type ProtectedPids } from './kill-guard.js';
import { primeStartTimeReader, readStartTime, readThreadGroupId } from '../processes/process-files.js';
import { killTreeFromTable } from './kill-tree.js';
import { scanProcessTable, type TableEntry } from '../processes/process-table.js';
import { windowsTreeKill } from '../processes/windows-tree-kill.js';
import {
  exitedMessage, type KillFn, label, mismatchMessage, sendSignal, type SignalTarget, successMessage,
  translateKillError, unsupportedReason,
} from './signal-sender.js';

export type TreeKillFn = (pid: number, signal: SignalName) => Promise<void>;

export interface KillServiceContext {
  /** A fresh process listing (the sampler's), used for names, owners, identities and descendants. */
  listProcesses(): Promise<ProcInfo[]>;
  /**
   * One process read now by pid (the platform layer's), null if there is none: when given, the
   * target is looked up with it instead of listing every process, and descendants (for a preview
   * or a Kill tree) come from processTable. The app passes it: a click then costs one process's
   * read, not a whole-system sample broadcast to every client.
   */
  findProcess?(pid: number): Promise<ProcInfo | null>;
  /**
   * A table at most one sampling interval old (the monitor's latest snapshot): with findProcess,
   * a preview counts descendants in it instead of reading the whole table again. A Kill tree
   * always reads a fresh one (processTable).
   */
  recentTable?(): Promise<readonly TableEntry[]>;
  /** The app's own pids and their ancestors (see protected-pids.ts). */
  protectedPids(): ProtectedPids;
  /** The app started this process (lesson, playground): the UI skips the confirmation. */
  startedByApp(pid: number): boolean;
  platform?: NodeJS.Platform;
  /** Seam: sends one signal (default process.kill). */
  kill?: KillFn;
  /** Seam: ends a process and all its descendants where the OS has no signals (Windows; default taskkill /T /F). */
  treeKill?: TreeKillFn;
  /** Seam: one snapshot of the process table for Kill tree; default /proc on Linux, listProcesses elsewhere. */
  processTable?: () => readonly TableEntry[] | Promise<readonly TableEntry[]>;
  /** Seam: current start time of a pid; default /proc on Linux, none elsewhere (the listing is compared instead). */
  readStartTime?: ((pid: number) => number | null) | null;
  /** Seam: the process a task id belongs to (Linux threads); default /proc on Linux, none elsewhere. */
  threadGroupOf?: ((pid: number) => number | null) | null;
}

export interface KillService {
  preview(params: Params<'process.killPreview'>): Promise<KillPreview>;
  kill(params: Params<'process.kill'>): Promise<KillResult>;
}

const fail = (code: KillResult['code'], message: string): KillResult => ({ ok: false, code, message, pids: [] });

/** What a Kill tree and a preview need of a descendant (a listing's row or a process table's entry). */
type Family = Pick<ProcInfo, 'pid' | 'ppid' | 'startTime' | 'state'>;

type Plan =
  | { ok: false; result: KillResult; proc: ProcInfo | null; descendants: readonly Family[] }
  | { ok: true; target: SignalTarget; proc: ProcInfo | null; descendants: readonly Family[] };

export function createKillService(ctx: KillServiceContext): KillService {
  const platform = ctx.platform ?? process.platform;
  const kill: KillFn = ctx.kill ?? ((pid, signal) => process.kill(pid, signal));
  // Terminate and Kill both end the tree there (the others are refused before: unsupportedReason).
  const runTreeKill: TreeKillFn = ctx.treeKill ?? ((pid) => windowsTreeKill(pid));
  const processTable =
    ctx.processTable ?? (platform === 'linux' ? scanProcessTable : async () => (await ctx.listProcesses()).map(({ pid, ppid, startTime, state }) => ({ pid, ppid, startTime, state })));
  const readStart = ctx.readStartTime === undefined ? (platform === 'linux' ? readStartTime : undefined) : ctx.readStartTime ?? undefined;
  if (readStart === readStartTime) primeStartTimeReader();
  const threadGroupOf = ctx.threadGroupOf === undefined ? (platform === 'linux' ? readThreadGroupId : undefined) : ctx.threadGroupOf ?? undefined;

  /** The target and, when asked for, its descendants: by pid and from the table (findProcess), else from one listing. */
  async function lookUp(pid: number, descendantsFrom: 'none' | 'recent' | 'fresh'): Promise<{ proc: ProcInfo | null; descendants: readonly Family[] }> {
    if (ctx.findProcess) {
      const proc = await ctx.findProcess(pid);
      if (!proc || descendantsFrom === 'none') return { proc, descendants: [] };
      const table = descendantsFrom === 'recent' && ctx.recentTable ? await ctx.recentTable() : await processTable();
      return { proc, descendants: descendantsOf(pid, table) };
    }
    const list = await ctx.listProcesses();
    const proc = list.find((p) => p.pid === pid) ?? null;
    return { proc, descendants: proc ? descendantsOf(proc.pid, list) : [] };
  }

  /** Everything decided before a signal is sent; shared by preview (to show the refusal) and kill. */
  async function plan(pid: unknown, startTime: number | undefined, tree: boolean, purpose: 'preview' | 'kill'): Promise<Plan> {
    const guarded = guardPid(pid, ctx.protectedPids());
    if (!guarded.ok) return { ok: false, result: fail(guarded.code, guarded.message), proc: null, descendants: [] };
    // A preview shows a count (a recent table will do); a Kill tree checks a fresh one; a single signal needs none.
    const { proc, descendants } = await lookUp(guarded.pid, purpose === 'preview' ? 'recent' : tree ? 'fresh' : 'none');
    const target: SignalTarget = {
      pid: guarded.pid,
      name: proc?.name ?? '',
      user: proc?.user ?? null,
      // Without a start time from the user (the CLI), the one just listed still pins the identity.
      startTime: startTime ?? proc?.startTime,
    };
    if (!proc) {
      // Only a process the fresh listing shows is signalled, pinned to the identity listed. On Linux
      // a thread's id is not listed, yet kill(tid) signals its whole process: the app itself, an
      // ancestor or init could be reached through one of their threads, so a thread id is refused.
      const group = threadGroupOf?.(guarded.pid) ?? null;
      if (group !== null && group !== guarded.pid) {
        const message = `Refused: ${guarded.pid} is a thread of process ${group}, not a process: a signal to it would reach all of ${group}`;
        return { ok: false, result: fail('refused', message), proc, descendants };
      }
      return { ok: false, result: fail('exited', exitedMessage(target)), proc, descendants };
    }
    if (startTime !== undefined && !proc) return { ok: false, result: fail('exited', exitedMessage(target)), proc, descendants };
    if (startTime !== undefined && proc && proc.startTime !== startTime) {
      return { ok: false, result: fail('mismatch', mismatchMessage(target.pid)), proc, descendants };
    }
    if (proc?.state === 'Z') {
      // Signals cannot reach a zombie: it has ended and only its exit status is left for its parent.
      const message = `${label(target)} has already exited: it is a zombie until its parent ${proc.ppid} collects its exit status, and no signal can reach it`;
      return { ok: false, result: fail('exited', message), proc, descendants };
    }
    if (proc?.kernelThread) {
      // kill() on a kernel thread returns success and does nothing: say so instead of "Killed".
      const message = `Refused: ${label(target)} is a kernel thread: it belongs to the kernel, and signals do not end it`;
      return { ok: false, result: fail('refused', message), proc, descendants };
    }
    if (tree) {
      if (!proc) return { ok: false, result: fail('exited', exitedMessage(target)), proc, descendants };
      const guards = ctx.protectedPids();
      for (const d of descendants) {
        const refusal = guardProtected(d.pid, guards);
        if (refusal && !refusal.ok) {
          const why = refusal.message.replace(/^Refused: /, '');
          return { ok: false, result: fail('refused', `Refused: Kill tree of ${label(target)} would reach ${d.pid}, and ${why}`), proc, descendants };
        }
      }
    }
    return { ok: true, target, proc, descendants };
  }

  async function killTree(target: SignalTarget, descendants: readonly Family[], signal: SignalName): Promise<KillResult> {
    // Identity of the root, checked last thing before the tree is frozen; every later signal is
    // identity-checked too (kill-tree.ts).
    if (target.startTime !== undefined && readStart) {
      const now = readStart(target.pid);
      if (now === null) return fail('exited', exitedMessage(target));
      if (now !== target.startTime) return fail('mismatch', mismatchMessage(target.pid));
    }
    let pids: number[];
    if (platform === 'win32') {
      try {
        await runTreeKill(target.pid, signal);
      } catch (err) {
        return translateKillError(err, target);
      }
      pids = [target.pid, ...descendants.map((d) => d.pid)];
    } else {
      const guards = ctx.protectedPids();
      const rootStart = target.startTime ?? readStart?.(target.pid) ?? 0;
      const outcome = await killTreeFromTable({ pid: target.pid, startTime: rootStart }, signal, {
        kill,
        table: processTable,
        // The listing plan() just took: the root and its descendants, so the first round needs no scan of its own.
        firstTable: descendants.map(({ pid, ppid, startTime, state }) => ({ pid, ppid, startTime, state })),
        readStartTime: readStart,
        isProtected: (pid) => {
          const refusal = guardProtected(pid, guards);
          return !!refusal && !refusal.ok;
        },
      });
      if (outcome.rootError !== null) return translateKillError(outcome.rootError, target);
      pids = outcome.pids;
    }
    // The pids reported are those signalled (Windows: the tree as listed just before taskkill).
    const n = pids.length - 1;
    const extra = n === 0 ? '' : ` and ${n} descendant${n === 1 ? '' : 's'}`;
    return { ok: true, code: 'signalled', message: successMessage(target, signal, platform, extra), pids };
  }

  return {
    async preview(params) {
      const p = await plan(params.pid, params.startTime, params.tree ?? false, 'preview');
      const startedByApp = p.ok ? ctx.startedByApp(p.target.pid) : false;
      const refusal = p.ok ? (p.proc ? null : exitedMessage(p.target)) : p.result.message;
      return { process: p.proc, descendants: p.descendants.length, startedByApp, refusal };
    },

    async kill(params) {
      const unsupported = unsupportedReason(params.signal, platform);
      if (unsupported) return fail('unsupported', unsupported);
      const p = await plan(params.pid, params.startTime, params.tree ?? false, 'kill');
      if (!p.ok) return p.result;
      if (params.tree) return killTree(p.target, p.descendants, params.signal);
      return sendSignal(p.target, params.signal, { platform, kill, readStartTime: readStart });
    },
  };
}
