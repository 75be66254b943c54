// Which pids the kill service must never signal besides init: the app's own processes (main,
// renderer, web server, helpers) and every process above them up to init, since killing the shell
// or terminal that started the app would take the app down with it.
import { readProcStat } from '../processes/process-files.js';
import type { ProtectedPids } from './kill-guard.js';

/** Longest ancestor chain followed; a real chain is a handful of hops, this only stops a loop. */
const MAX_ANCESTOR_HOPS = 1000;

/**
 * Pure core: the self pids plus the ancestors of each, nearest first (the main process's own chain
 * comes first, so ancestors[0] is the shell that started the app). Stops at init (pid 1, refused
 * on its own) and at pid 0 (the kernel), and where a parent is unknown.
 */
export function computeProtectedPids(selfPids: readonly number[], ppidOf: (pid: number) => number | null): ProtectedPids {
  const self = new Set(selfPids);
  const ancestors: number[] = [];
  const seen = new Set<number>(self);
  for (const start of selfPids) {
    let pid = ppidOf(start);
    for (let hops = 0; pid !== null && pid > 1 && hops < MAX_ANCESTOR_HOPS; hops++) {
      if (!seen.has(pid)) {
        seen.add(pid);
        ancestors.push(pid);
      }
      pid = ppidOf(pid);
    }
  }
  return { self, ancestors };
}

/**
 * The app's protected pids right now (recomputed on each call: the app may be re-parented when its
 * shell exits). Linux walks /proc/PID/stat's ppid; elsewhere only the main process's parent is
 * known cheaply (process.ppid), which still covers the shell that started the app.
 */
export function protectedPids(selfPids: readonly number[] = [], platform: NodeJS.Platform = process.platform): ProtectedPids {
  const all = [process.pid, ...selfPids.filter((p) => p !== process.pid)];
  const ppidOf =
    platform === 'linux'
      ? (pid: number) => readProcStat(pid)?.ppid ?? null
      : (pid: number) => (pid === process.pid ? process.ppid : null);
  return computeProtectedPids(all, ppidOf);
}
