// Kill tree at scale: a 501-process tree (a shell, 20 shells under it, 24 sleeps under each) ends
// in under 1 s from the click, with none left; the tree is frozen first, so a fork while it is
// being killed changes nothing. Runs under the repo's subreaper so every process is collected
// (pid 1 may not reap here) and "gone" means gone.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ProcInfo } from '../../shared/process.js';
import { createSampler } from '../../main/processes/create-sampler.js';
import { createKillService } from '../../main/kill/kill-service.js';
import { protectedPids } from '../../main/kill/protected-pids.js';
import { readStartTime } from '../../main/processes/process-files.js';
import { until } from '../support/marked-processes.js';
import { repoRoot } from '../support/web-app.js';

const SUBREAPER = path.join(repoRoot, 'main/lessons/reaper/subreaper.py');
const FANOUT = 20;
const LEAVES = 24;

let reaper: ChildProcess | null = null;

afterEach(async () => {
  if (reaper && reaper.exitCode === null && reaper.signalCode === null) {
    const exited = new Promise((r) => reaper!.once('exit', r));
    reaper.kill('SIGTERM'); // it kills every child it has, collects them, and ends
    await exited;
  }
  reaper = null;
});

/** Every process now: pid → (ppid, start time, state). */
function table(): Map<number, { ppid: number; start: number; state: string }> {
  const out = new Map<number, { ppid: number; start: number; state: string }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const text = readFileSync(`/proc/${name}/stat`, 'latin1');
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
      out.set(Number(name), { ppid: Number(f[1]), start: Number(f[19]), state: f[0]! });
    } catch {
      // gone
    }
  }
  return out;
}

function descendants(root: number): { pid: number; start: number }[] {
  const t = table();
  const out: { pid: number; start: number }[] = [];
  const queue = [root];
  for (let i = 0; i < queue.length; i++) {
    for (const [pid, p] of t) {
      if (p.ppid === queue[i] && p.state !== 'Z') {
        out.push({ pid, start: p.start });
        queue.push(pid);
      }
    }
  }
  return out;
}

/** Still that process and not yet ended. */
function running(id: { pid: number; start: number }): boolean {
  try {
    const text = readFileSync(`/proc/${id.pid}/stat`, 'latin1');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return Number(f[19]) === id.start && f[0] !== 'Z';
  } catch {
    return false;
  }
}

const sampler = createSampler();
const service = createKillService({
  listProcesses: async (): Promise<ProcInfo[]> => (await sampler.sample()).processes,
  protectedPids: () => protectedPids([]),
  startedByApp: () => false,
});

describe('Kill tree of a 501-process tree', () => {
  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`${signal}: every process ends in under 1 s and none is left`, async () => {
      const script = `for i in $(seq ${FANOUT}); do sh -c 'for j in $(seq ${LEAVES}); do sleep 300 & done; wait' & done; wait`;
      const proc = spawn('python3', [SUBREAPER, 'sh', '-c', script], { stdio: ['ignore', 'pipe', 'ignore'] });
      reaper = proc;
      let out = '';
      proc.stdout!.on('data', (d) => (out += d));
      expect(await until(() => /started (\d+) /.test(out), 30_000)).toBe(true);
      const root = Number(/started (\d+) /.exec(out)![1]);
      const want = FANOUT + FANOUT * LEAVES;
      expect(await until(() => descendants(root).length === want, 30_000, 100), `${descendants(root).length} of ${want} descendants`).toBe(true);
      const tree = [{ pid: root, start: table().get(root)!.start }, ...descendants(root)];
      const startTime = readStartTime(root)!;
      // The user clicks a row the table already shows: the sampler has seen these processes before.
      await sampler.sample();

      const t0 = performance.now();
      const result = await service.kill({ pid: root, startTime, signal, tree: true });
      const signalledMs = performance.now() - t0;
      const allGone = await until(() => !tree.some(running), 5000, 5);
      const goneMs = performance.now() - t0;
      console.log(`Kill tree (${signal}) of ${tree.length} processes: signalled in ${signalledMs.toFixed(0)} ms, all ended in ${goneMs.toFixed(0)} ms`);

      expect(result).toMatchObject({ ok: true, code: 'signalled' });
      expect(result.message).toBe(`${signal === 'SIGKILL' ? 'Killed' : 'Sent SIGTERM to'} ${root} (sh) and ${want} descendants${signal === 'SIGKILL' ? ' with SIGKILL' : ''}`);
      expect(new Set(result.pids)).toEqual(new Set(tree.map((p) => p.pid)));
      expect(allGone, `${tree.filter(running).length} left`).toBe(true);
      expect(goneMs).toBeLessThan(1000);
    }, 60_000);
  }

  it('a tree that forks while it is being killed: the newcomers are frozen and ended too', async () => {
    // Every shell forks a new sleep every 10 ms, for ever.
    const script = `for i in $(seq 10); do sh -c 'while :; do sleep 300 & sleep 0.01; done' & done; wait`;
    const proc = spawn('python3', [SUBREAPER, 'sh', '-c', script], { stdio: ['ignore', 'pipe', 'ignore'] });
    reaper = proc;
    let out = '';
    proc.stdout!.on('data', (d) => (out += d));
    expect(await until(() => /started (\d+) /.test(out), 30_000)).toBe(true);
    const root = Number(/started (\d+) /.exec(out)![1]);
    expect(await until(() => descendants(root).length > 60, 30_000, 50)).toBe(true);
    const result = await service.kill({ pid: root, startTime: readStartTime(root)!, signal: 'SIGKILL', tree: true });
    expect(result.ok).toBe(true);
    // Nothing of the tree goes on: no descendant of the root, and no sleep the loops started is left.
    const mine = () => [...table()].filter(([, p]) => p.state !== 'Z' && p.ppid === proc.pid).map(([pid]) => pid);
    expect(await until(() => mine().length === 0, 2000), `left under the reaper: ${mine().join(' ')}`).toBe(true);
  }, 60_000);
});
