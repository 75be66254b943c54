// Starts and ends a crowd of idle processes (`sleep`) for the benchmark: a few `sh` parents that
// each fork many sleeps, which is far faster than spawning each from Node. Linux only (/proc).
// Ending is careful because an orphan would be re-parented to pid 1, which may never reap it:
// the sleeps are killed first so their own sh reaps them, then each sh exits and Node reaps it.
import { type ChildProcess, spawn } from 'node:child_process';
import { scanProcStats } from '../processes/process-files.js';
import type { ProcStat } from '../processes/proc-stat.js';

/**
 * How long a sleep lasts if the benchmark dies without ending it. Longer than the longest run:
 * `BENCH_PROCS=10000 npm run bench` takes about 17 minutes, and with 600 s its crowd had half
 * ended by the page's measure (4,612 rows of 10,072, and the churn of their exits measured).
 */
export const SLEEP_SECONDS = 2400;
const POLL_MS = 50;
const READY_TIMEOUT_MS = 60_000;
const END_TIMEOUT_MS = 15_000;

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));


/**
 * A crowd of idle processes. Created empty, so that whoever holds it can end() it at any moment,
 * including halfway through start() (a Ctrl+C during start-up must not leak processes).
 */
export class IdleCrowd {
  private readonly shells: ChildProcess[] = [];
  private readonly exited = new Set<number>();
  /** The sh parents' pids, which are also their groups' ids (they are started detached). */
  private readonly groups = new Set<number>();

  /** Starts `count` sleeps under `parents` sh processes; resolves once every one has exec'd sleep. */
  async start(count: number, parents = 4): Promise<void> {
    const perParent = Math.ceil(count / parents);
    let left = count;
    const ready: Promise<void>[] = [];
    for (let i = 0; i < parents && left > 0; i++) {
      const n = Math.min(perParent, left);
      left -= n;
      const script = `i=0; while [ $i -lt ${n} ]; do sleep ${SLEEP_SECONDS} & i=$((i+1)); done; echo ready; wait`;
      // detached: its own process group, so a Ctrl+C at the terminal reaches only us, and we clean up.
      const sh = spawn('sh', ['-c', script], { detached: true, stdio: ['ignore', 'pipe', 'ignore'] });
      if (sh.pid === undefined) throw new Error('could not start sh');
      const pid = sh.pid;
      this.shells.push(sh);
      this.groups.add(pid);
      ready.push(
        new Promise<void>((resolve, reject) => {
          let out = '';
          sh.stdout!.on('data', (d: Buffer) => {
            out += d.toString();
            if (out.includes('ready')) resolve();
          });
          sh.on('exit', () => {
            this.exited.add(pid);
            reject(new Error('a crowd parent exited before it was ready'));
          });
        }),
      );
    }
    await Promise.all(ready);
    const readyBy = Date.now() + READY_TIMEOUT_MS;
    while (this.sleepPids().length < count) {
      if (Date.now() > readyBy) throw new Error(`only ${this.sleepPids().length} of ${count} sleeps started`);
      await wait(POLL_MS);
    }
  }

  get parentPids(): number[] {
    return [...this.groups];
  }

  /** Pids of the sleeps alive now. */
  sleepPids(): number[] {
    return this.members().filter((s) => s.pid !== s.pgrp && s.comm === 'sleep').map((s) => s.pid);
  }

  /** Ends every process of the crowd; resolves to the number still present afterwards (0 expected). */
  async end(): Promise<number> {
    const deadline = Date.now() + END_TIMEOUT_MS;
    while (this.shells.some((sh) => !this.exited.has(sh.pid!)) && Date.now() < deadline) {
      // Kill the children (sleeps, or a sh still forking); their sh reaps them and its `wait` returns.
      for (const s of this.members()) if (s.pid !== s.pgrp) signal(s.pid, 'SIGKILL');
      await wait(POLL_MS);
    }
    // Last resort (a stuck parent): kill whole groups; an orphan is then pid 1's to reap.
    for (const g of this.groups) signal(-g, 'SIGKILL');
    while (this.members().length > 0 && Date.now() < deadline + END_TIMEOUT_MS) await wait(POLL_MS);
    return this.members().length;
  }

  /** Every live process in one of the crowd's groups (parents included). */
  private members(): ProcStat[] {
    return scanProcStats().filter((s) => this.groups.has(s.pgrp));
  }
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}
