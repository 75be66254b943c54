// Part of the benchmark: what a kill click costs with the app's services (the monitor ticking at
// 1 Hz over the machine's processes and the idle crowd). Per kill of a fresh `sleep`: the
// preview's and the kill's reply time through the API dispatcher, as the page's dialog calls
// them, and the time from the click to the first published snapshot without the row (the target
// is ≤ one sampling interval + 50 ms: the kill no longer samples and broadcasts by itself). For
// comparison, the reply time of the same kill with the target found in a whole-system listing, as
// before the lookup by pid.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { createServices } from '../app/services.js';
import { createKillService } from '../kill/kill-service.js';
import { protectedPids } from '../kill/protected-pids.js';
import type { ProcInfo } from '../../shared/process.js';
import { median, round1 } from './stats.js';

export interface KillLatency {
  kills: number;
  intervalMs: number;
  previewMs: number;
  killReplyMs: number;
  /** Click (the kill request) to the first snapshot without the row, median and max. */
  rowGoneMs: number;
  rowGoneMaxMs: number;
  /** The kill's reply with the target looked up in a whole listing instead (before). */
  listingKillReplyMs: number;
}

const startSleep = () => spawn('sleep', ['600'], { stdio: 'ignore' });

export async function measureKillLatency(kills: number, intervalMs = 1000): Promise<KillLatency> {
  const services = createServices({ adapter: 'linux' });
  services.monitor.configure({ intervalMs });
  services.monitor.start();
  let latest: ProcInfo[] = [];
  const seen = new Set<(rows: ProcInfo[]) => void>();
  const off = services.monitor.onSnapshot((s) => {
    latest = s.processes;
    for (const f of seen) f(s.processes);
  });
  /** Resolves at the first published snapshot for which cond holds. */
  const snapshotWhere = (cond: (rows: ProcInfo[]) => boolean) =>
    new Promise<void>((resolve) => {
      const f = (rows: ProcInfo[]) => {
        if (!cond(rows)) return;
        seen.delete(f);
        resolve();
      };
      seen.add(f);
    });
  let id = 1;
  const call = async (method: string, params: object) => {
    const t0 = performance.now();
    const res = await services.dispatch({ id: id++, method, params });
    if (!res.ok) throw new Error(`${method}: ${res.error.message}`);
    return { ms: performance.now() - t0, result: res.result };
  };
  const preview: number[] = [];
  const reply: number[] = [];
  const gone: number[] = [];
  const listingReply: number[] = [];
  try {
    for (let i = 0; i < kills; i++) {
      const child = startSleep();
      const pid = child.pid!;
      await snapshotWhere((rows) => rows.some((p) => p.pid === pid && p.name === 'sleep'));
      const row = latest.find((p) => p.pid === pid)!;
      const exited = new Promise((r) => child.once('exit', r));
      preview.push((await call('process.killPreview', { pid, startTime: row.startTime })).ms);
      const clickAt = performance.now();
      const rowGone = snapshotWhere((rows) => !rows.some((p) => p.pid === pid));
      reply.push((await call('process.kill', { pid, startTime: row.startTime, signal: 'SIGKILL' })).ms);
      await Promise.all([exited, rowGone]);
      gone.push(performance.now() - clickAt);
    }
    // Before: the same kill, the target found by listing every process.
    const byListing = createKillService({
      listProcesses: () => services.sampler.listProcesses(),
      protectedPids: () => protectedPids([process.pid]),
      startedByApp: () => false,
    });
    for (let i = 0; i < kills; i++) {
      const child = startSleep();
      const exited = new Promise((r) => child.once('exit', r));
      const t0 = performance.now();
      const r = await byListing.kill({ pid: child.pid!, signal: 'SIGKILL' });
      listingReply.push(performance.now() - t0);
      if (!r.ok) throw new Error(r.message);
      await exited;
    }
  } finally {
    off();
    await services.dispose();
  }
  return {
    kills,
    intervalMs,
    previewMs: round1(median(preview)),
    killReplyMs: round1(median(reply)),
    rowGoneMs: round1(median(gone)),
    rowGoneMaxMs: round1(Math.max(...gone)),
    listingKillReplyMs: round1(median(listingReply)),
  };
}
