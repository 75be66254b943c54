// Renice and CPU affinity behind process.renice / process.setAffinity and `procplay renice` /
// `procplay affinity`, with the kill button's safety: the same pid guard (no pid 0 or below, no
// init, not the app or its ancestors), the same identity check (pid + start time, re-read right
// before the change), no zombies or kernel threads; and an explained EPERM ("lowering nice needs root").
import { execFile } from 'node:child_process';
import os from 'node:os';
import type { ActionResult, Params } from '../../shared/api.js';
import type { ProcInfo } from '../../shared/process.js';
import { guardPid, type ProtectedPids } from './kill-guard.js';
import { primeStartTimeReader, readStartTime } from '../processes/process-files.js';
import { ProcessHandle } from '../processes/process-handle.js';
import { exitedMessage, label, mismatchMessage } from './signal-sender.js';

export const NICE_MIN = -20;
export const NICE_MAX = 19;
const TASKSET_TIMEOUT_MS = 5000;
/** A CPU list as taskset -c takes it: "0", "0-3", "0,2,4-5". */
const CPU_LIST = /^\d{1,4}(-\d{1,4})?(,\d{1,4}(-\d{1,4})?)*$/;

export interface PriorityServiceContext {
  listProcesses(): Promise<ProcInfo[]>;
  /** One process read now by pid; when given, used instead of listing every process (as the kill service). */
  findProcess?(pid: number): Promise<ProcInfo | null>;
  protectedPids(): ProtectedPids;
  /** Told after a renice: the process's row must be read afresh (a reniced process need not run, see the Linux adapter). */
  changed?(pid: number): void;
  platform?: NodeJS.Platform;
  /** Seam: current start time of a pid (default /proc on Linux). */
  readStartTime?: ((pid: number) => number | null) | null;
  /** Seam: os.getPriority / os.setPriority. */
  getPriority?: (pid: number) => number;
  setPriority?: (pid: number, nice: number) => void;
  /** Seam: runs `taskset -p -c CPUS PID`; resolves to null on success or the error text. */
  taskset?: (cpus: string, pid: number) => Promise<string | null>;
  cpuCount?: () => number;
}

export interface PriorityService {
  renice(params: Params<'process.renice'>): Promise<ActionResult>;
  setAffinity(params: Params<'process.setAffinity'>): Promise<ActionResult>;
}

const fail = (code: ActionResult['code'], message: string): ActionResult => ({ ok: false, code, message });

const defaultTaskset = (cpus: string, pid: number): Promise<string | null> =>
  new Promise((resolve) => {
    execFile('taskset', ['-p', '-c', cpus, String(pid)], { timeout: TASKSET_TIMEOUT_MS, encoding: 'utf8' }, (err, _out, stderr) => {
      if (!err) resolve(null);
      else resolve((stderr || err.message).trim() || 'taskset failed');
    });
  });

/** Expands "0-2,5" into [0, 1, 2, 5]; null when a range runs backwards. */
export function expandCpuList(text: string): number[] | null {
  const out: number[] = [];
  for (const part of text.split(',')) {
    const [a, b = a] = part.split('-').map(Number);
    if (b < a) return null;
    for (let i = a; i <= b; i++) out.push(i);
  }
  return out;
}

export function createPriorityService(ctx: PriorityServiceContext): PriorityService {
  const platform = ctx.platform ?? process.platform;
  const readStart = ctx.readStartTime === undefined ? (platform === 'linux' ? readStartTime : undefined) : ctx.readStartTime ?? undefined;
  if (readStart === readStartTime) primeStartTimeReader();
  const getPriority = ctx.getPriority ?? ((pid: number) => os.getPriority(pid));
  const setPriority = ctx.setPriority ?? ((pid: number, nice: number) => os.setPriority(pid, nice));
  const taskset = ctx.taskset ?? defaultTaskset;
  const cpuCount = ctx.cpuCount ?? (() => os.availableParallelism());

  /** The kill button's checks: a valid, allowed pid that is still the process the user saw. */
  async function target(pid: unknown, startTime: number | undefined): Promise<{ ok: true; proc: ProcInfo } | { ok: false; result: ActionResult }> {
    const guarded = guardPid(pid, ctx.protectedPids());
    if (!guarded.ok) return { ok: false, result: fail(guarded.code, guarded.message) };
    const proc = ctx.findProcess ? await ctx.findProcess(guarded.pid) : (await ctx.listProcesses()).find((p) => p.pid === guarded.pid);
    if (!proc) return { ok: false, result: fail('exited', exitedMessage({ pid: guarded.pid, name: '' })) };
    if (startTime !== undefined && proc.startTime !== startTime) return { ok: false, result: fail('mismatch', mismatchMessage(proc.pid)) };
    if (proc.state === 'Z') return { ok: false, result: fail('exited', `${label(proc)} has already exited (a zombie): it has no priority or CPUs to change`) };
    if (proc.kernelThread) return { ok: false, result: fail('refused', `Refused: ${label(proc)} is a kernel thread: it belongs to the kernel`) };
    return { ok: true, proc };
  }

  const handleOf = (proc: ProcInfo) => new ProcessHandle(proc.pid, proc.startTime, { readStartTime: readStart });

  /** Re-reads the identity right before the change, as the kill sender does. */
  function stillSame(proc: ProcInfo): ActionResult | null {
    const identity = handleOf(proc).identity();
    if (identity === 'gone') return fail('exited', exitedMessage(proc));
    if (identity === 'replaced') return fail('mismatch', mismatchMessage(proc.pid));
    return null;
  }

  return {
    async renice({ pid, startTime, nice }) {
      if (!Number.isInteger(nice) || nice < NICE_MIN || nice > NICE_MAX) {
        return fail('invalid', `Invalid nice value ${String(nice)}: it is a whole number from ${NICE_MIN} (most favoured) to ${NICE_MAX} (least)`);
      }
      const t = await target(pid, startTime);
      if (!t.ok) return t.result;
      const proc = t.proc;
      let before: number | null;
      try {
        before = getPriority(proc.pid);
      } catch {
        before = null; // unknown: the message below just omits it
      }
      // The change is made through the handle: the identity re-read and the call on consecutive lines.
      const outcome = handleOf(proc).act((p) => setPriority(p, nice));
      if (!outcome.ok && !('error' in outcome)) return outcome.problem === 'gone' ? fail('exited', exitedMessage(proc)) : fail('mismatch', mismatchMessage(proc.pid));
      if (!outcome.ok) {
        const err = outcome.error;
        // os.setPriority throws ERR_SYSTEM_ERROR with the errno in info.code.
        const code = (err as { info?: { code?: string } }).info?.code ?? (err as NodeJS.ErrnoException).code;
        if (code === 'EACCES' || code === 'EPERM' || /EACCES|EPERM|permission/i.test(String((err as Error).message))) {
          const why = before !== null && nice < before
            ? `lowering the nice value (from ${before} to ${nice}) needs root (CAP_SYS_NICE)`
            : `${label(proc)} belongs to ${proc.user || 'another user'}: only its owner or root may change its priority`;
          return fail('not-permitted', `Not permitted: ${why}`);
        }
        if (code === 'ESRCH') return fail('exited', exitedMessage(proc));
        return fail('failed', `Could not renice ${label(proc)}: ${(err as Error).message}`);
      }
      ctx.changed?.(proc.pid);
      return { ok: true, code: 'done', message: `Reniced ${label(proc)} from ${before ?? '?'} to ${nice}` };
    },

    async setAffinity({ pid, startTime, cpus }) {
      if (platform !== 'linux') return fail('unsupported', 'Setting CPU affinity is offered on Linux only (taskset)');
      const list = cpus.trim();
      const expanded = CPU_LIST.test(list) ? expandCpuList(list) : null;
      if (!expanded) return fail('invalid', `Invalid CPU list ${JSON.stringify(cpus.slice(0, 40))}: use numbers and ranges such as 0, 0-3 or 0,2`);
      const n = cpuCount();
      const outside = expanded.find((c) => c >= n);
      if (outside !== undefined) return fail('invalid', `Invalid CPU list: CPU ${outside} does not exist (this machine has CPUs 0-${n - 1})`);
      const t = await target(pid, startTime);
      if (!t.ok) return t.result;
      const changed = stillSame(t.proc);
      if (changed) return changed;
      const error = await taskset(list, t.proc.pid);
      if (error === null) return { ok: true, code: 'done', message: `${label(t.proc)} now runs on CPUs ${list}` };
      if (/not permitted|permission/i.test(error)) {
        return fail('not-permitted', `Not permitted: ${label(t.proc)} belongs to ${t.proc.user || 'another user'}: only its owner or root may set its CPUs (${error})`);
      }
      if (/No such process/i.test(error)) return fail('exited', exitedMessage(t.proc));
      return fail('failed', `Could not set the CPUs of ${label(t.proc)}: ${error}`);
    },
  };
}
