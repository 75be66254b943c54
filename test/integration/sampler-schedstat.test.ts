// The Linux adapter keeps an idle single-threaded process's row on its schedstat's word (it did not
// run, so its stat cannot have changed) and reads stat only every STAT_EVERY_TICKS ticks. What can
// change without the process running must still show at once: a re-parenting when its parent ends
// (gone, or a zombie nobody collects), and a renice by the app. A busy process's CPU time moves
// every tick. Real processes under the repository's subreaper, which collects all of them at the end.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { createLinuxAdapter, STAT_EVERY_TICKS } from '../../main/processes/linux.js';
import { SUBREAPER_SCRIPT } from '../../main/lessons/reaper/family.js';
import { clockTicksPerSec } from '../../main/processes/proc-clock.js';
import { until } from '../support/marked-processes.js';

const adapter = createLinuxAdapter();
afterAll(() => adapter.close());

const stateOf = (pid: number) => {
  try {
    return /\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
};
const row = (pid: number) => adapter.listProcessesSync().find((p) => p.pid === pid);

// A (never collects its children) → B (waits for SIGUSR1, then exits) → C (sleep). When B ends it
// stays a zombie under A, and C is adopted by the subreaper without having run.
const FAMILY = `
import os, signal, sys, time
b = os.fork()
if b == 0:
    signal.signal(signal.SIGUSR1, lambda *_: os._exit(0))
    c = os.fork()
    if c == 0:
        os.execvp("sleep", ["sleep", "300"])
    print("family", os.getpid(), c, flush=True)
    while True:
        signal.pause()
time.sleep(300)
`;

/** Starts the family under the subreaper; resolves with the pids, and a function that ends everything. */
async function startFamily(): Promise<{ reaper: number; a: number; b: number; c: number; end: () => Promise<void> }> {
  const reaper = spawn('python3', [SUBREAPER_SCRIPT, 'python3', '-c', FAMILY], { stdio: ['ignore', 'pipe', 'ignore'] });
  const closed = new Promise((resolve) => reaper.on('close', resolve));
  const line = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no family line in 20 s')), 20_000);
    createInterface({ input: reaper.stdout! }).on('line', (l) => {
      if (l.startsWith('family ')) {
        clearTimeout(timer);
        resolve(l);
      }
    });
  });
  const [, b, c] = line.split(' ').map(Number);
  const a = Number(readFileSync(`/proc/${b}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
  const end = async () => {
    for (const pid of [c, b, a]) {
      try {
        process.kill(pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await closed; // the subreaper ends once it has collected everyone
  };
  return { reaper: reaper.pid!, a, b: b!, c: c!, end };
}

describe('the Linux adapter reading schedstat for idle processes (Linux)', () => {
  it('shows a re-parenting in the very listing after the parent became a zombie, though the child never ran', async () => {
    const fam = await startFamily();
    try {
      // Enough listings for C to be kept on schedstat's word on most ticks.
      for (let i = 0; i < 2 * STAT_EVERY_TICKS; i++) expect(row(fam.c)?.ppid).toBe(fam.b);
      process.kill(fam.b, 'SIGUSR1');
      expect(await until(() => stateOf(fam.b) === 'Z', 10_000)).toBe(true);
      const rows = adapter.listProcessesSync();
      expect(rows.find((p) => p.pid === fam.b)?.state).toBe('Z');
      expect(rows.find((p) => p.pid === fam.c)?.ppid).toBe(fam.reaper);
    } finally {
      await fam.end();
    }
    expect([fam.a, fam.b, fam.c].filter((pid) => existsSync(`/proc/${pid}`))).toEqual([]);
  }, 60_000);

  it('shows a re-parenting in the very listing after the parent is gone, at every offset of the full-read cycle', async () => {
    // One round per tick offset: on all but one the child is kept on schedstat's word.
    for (let round = 0; round < STAT_EVERY_TICKS; round++) {
      const fam = await startFamily();
      try {
        for (let i = 0; i < STAT_EVERY_TICKS + round; i++) expect(row(fam.c)?.ppid).toBe(fam.b);
        // A collects nothing, so end A first: B is adopted and collected by the subreaper at once when it ends.
        process.kill(fam.a, 'SIGKILL');
        expect(await until(() => stateOf(fam.a) === null && stateOf(fam.b) !== null, 10_000)).toBe(true);
        expect(row(fam.b)?.ppid, `a=${fam.a} b=${fam.b} c=${fam.c}`).toBe(fam.reaper);
        process.kill(fam.b, 'SIGUSR1');
        expect(await until(() => stateOf(fam.b) === null, 10_000)).toBe(true);
        const rows = adapter.listProcessesSync();
        expect(rows.some((p) => p.pid === fam.b)).toBe(false);
        expect(rows.find((p) => p.pid === fam.c)?.ppid).toBe(fam.reaper);
      } finally {
        await fam.end();
      }
    }
  }, 120_000);

  it('shows the app\'s renice of an idle process in the next listing, and another program\'s within STAT_EVERY_TICKS', async () => {
    const sleeper = spawn('sleep', ['300'], { stdio: 'ignore' });
    const closed = new Promise((resolve) => sleeper.on('close', resolve));
    const pid = sleeper.pid!;
    try {
      expect(await until(() => row(pid)?.name === 'sleep', 10_000)).toBe(true);
      for (let i = 0; i < 2 * STAT_EVERY_TICKS; i++) expect(row(pid)?.nice).toBe(0);
      os.setPriority(pid, 5);
      adapter.invalidate!(pid);
      expect(row(pid)?.nice).toBe(5);
      os.setPriority(pid, 7); // as `renice` would: nobody tells the adapter
      let listings = 0;
      while (row(pid)?.nice !== 7 && listings < STAT_EVERY_TICKS) listings++;
      expect(row(pid)?.nice).toBe(7);
    } finally {
      sleeper.kill('SIGKILL');
      await closed;
    }
  });

  it('shows a stopped process continued (SIGCONT) in the next listing, though it may not have run yet', async () => {
    const sleeper = spawn('sleep', ['300'], { stdio: 'ignore' });
    const closed = new Promise((resolve) => sleeper.on('close', resolve));
    const pid = sleeper.pid!;
    try {
      expect(await until(() => row(pid)?.name === 'sleep' && row(pid)?.state === 'S', 10_000)).toBe(true);
      for (let round = 0; round < 3; round++) {
        for (let i = 0; i < STAT_EVERY_TICKS; i++) row(pid);
        process.kill(pid, 'SIGSTOP');
        expect(await until(() => stateOf(pid) === 'T', 10_000)).toBe(true);
        expect(row(pid)?.state).toBe('T');
        for (let i = 0; i < STAT_EVERY_TICKS; i++) expect(row(pid)?.state).toBe('T');
        process.kill(pid, 'SIGCONT');
        expect(await until(() => stateOf(pid) !== 'T', 10_000)).toBe(true);
        expect(row(pid)?.state).not.toBe('T');
      }
    } finally {
      sleeper.kill('SIGKILL');
      await closed;
    }
  });

  it('never shows a busy single-threaded process\'s CPU time older than /proc said just before the listing', async () => {
    const busy = spawn('sh', ['-c', 'while :; do :; done'], { stdio: 'ignore' });
    const closed = new Promise((resolve) => busy.on('close', resolve));
    const pid = busy.pid!;
    const tck = clockTicksPerSec();
    const direct = () => {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return ((Number(f[11]) + Number(f[12])) * 1000) / tck;
    };
    try {
      expect(await until(() => (row(pid)?.threads ?? 0) === 1 && direct() > 0, 10_000)).toBe(true);
      let last = row(pid)!.cpuTimeMs;
      for (let i = 0; i < 2 * STAT_EVERY_TICKS; i++) {
        expect(await until(() => direct() > last, 10_000)).toBe(true);
        const before = direct();
        const listed = row(pid)!.cpuTimeMs;
        expect(listed).toBeGreaterThanOrEqual(before);
        last = listed;
      }
    } finally {
      busy.kill('SIGKILL');
      await closed;
    }
  });
});
