// Deltas on the wire, end to end: while the test starts, stops, continues and ends processes of its
// own, the page (Chromium, web mode) is sent one full table and then only deltas, and after the
// churn it shows exactly the rows `procplay ps --json` lists for those processes (pid, ppid, state).
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { repoRoot, startWebApp, type RunningWebApp } from '../support/web-app.js';
import { connectApi } from '../support/reaped-web-app.js';

let app: RunningWebApp;
let browser: Browser;
let page: Page;
const live = new Map<number, ChildProcess>();
const frames = { full: 0, delta: 0 };
// `sleep 86xxx.N`: a command line no other process has, so a filter finds the test's own processes.
const tag = `86${String(process.pid % 1000).padStart(3, '0')}`;
const FILTER = `cmd:"sleep ${tag}."`;
const ROUNDS = 16;

function start(n: number): void {
  const child = spawn('sleep', [`${tag}.${n}`], { stdio: 'ignore' });
  live.set(child.pid!, child);
}

async function end(pid: number): Promise<void> {
  const child = live.get(pid)!;
  live.delete(pid);
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited; // reaped by Node: gone from /proc, not a zombie
}

interface Row {
  pid: number;
  ppid: number;
  state: string;
}

const byPid = (a: Row, b: Row) => a.pid - b.pid;

function psJson(): Promise<Row[]> {
  return new Promise((resolve, reject) =>
    execFile(process.execPath, [path.join(repoRoot, 'main/cli/bin.js'), 'ps', '--json', '--filter', FILTER], { cwd: repoRoot }, (err, stdout) => {
      if (err) return reject(err);
      const rows = JSON.parse(stdout) as Row[];
      resolve(rows.map(({ pid, ppid, state }) => ({ pid, ppid, state })).sort(byPid));
    }),
  );
}

/** The rows the page shows now (the filter keeps them few, so all are rendered). */
async function pageRows(): Promise<Row[]> {
  const rows = await page.$$eval('[data-testid^="row-"][data-pid]', (els) =>
    els.map((e) => ({ pid: Number(e.getAttribute('data-pid')), ppid: Number(e.getAttribute('data-ppid')), state: e.getAttribute('data-state') ?? '' })),
  );
  return rows.sort(byPid);
}

/** The page's perf probe (renderer/src/App.tsx): ticks applied so far. */
type PerfWindow = { __procplayPerf?: { applied: number } };
const ticksApplied = () => page.evaluate(() => (window as unknown as PerfWindow).__procplayPerf?.applied ?? 0);

beforeAll(async () => {
  app = await startWebApp();
  // A quick tick, so the churn spans many deltas in a few seconds.
  const api = await connectApi(app);
  expect(await api.call('sampler.configure', { intervalMs: 250 })).toMatchObject({ ok: true });
  api.close();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  page.on('websocket', (ws) =>
    ws.on('framereceived', ({ payload }) => {
      const head = String(payload).slice(0, 40);
      if (head.startsWith('{"event":"snapshot.delta"')) frames.delta++;
      else if (head.startsWith('{"event":"snapshot"')) frames.full++;
    }),
  );
});

afterAll(async () => {
  await browser?.close();
  await app?.stop();
  for (const [pid, child] of live) {
    child.kill('SIGCONT');
    await end(pid);
  }
});

describe('deltas on the wire in Chromium (web mode) (Linux)', () => {
  it('shows the same rows as `procplay ps --json` after processes were started, stopped, continued and ended', async () => {
    await page.goto(app.url);
    await page.getByTestId('row-1').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('filter').fill(FILTER);
    let n = 0;
    start(n++);
    const toggled = [...live.keys()][0]; // stopped and continued in turn, never ended
    for (let i = 0; i < 4; i++) start(n++);
    for (let round = 0; round < ROUNDS; round++) {
      const before = await ticksApplied();
      const pids = [...live.keys()].filter((p) => p !== toggled);
      // Each round: two new processes, the oldest ended, one stopped or continued (a changed field).
      start(n++);
      start(n++);
      await end(pids[0]);
      live.get(toggled)!.kill(round % 2 === 0 ? 'SIGCONT' : 'SIGSTOP');
      // The next round only once the page has applied two ticks after this one's changes.
      await page.waitForFunction((n) => ((window as unknown as PerfWindow).__procplayPerf?.applied ?? 0) >= n, before + 2, { timeout: 5000 });
    }
    // The processes now stay as they are: the page's rows settle on what ps lists.
    const expected = await psJson();
    expect(expected.map((r) => r.pid)).toEqual([...live.keys()].sort((a, b) => a - b));
    expect(expected.find((r) => r.pid === toggled)?.state).toBe('T');
    const rowsJson = JSON.stringify(expected);
    await page
      .waitForFunction(
        (want) => {
          const rows = Array.from(document.querySelectorAll('[data-testid^="row-"][data-pid]')).map((e) => ({
            pid: Number(e.getAttribute('data-pid')), ppid: Number(e.getAttribute('data-ppid')), state: e.getAttribute('data-state') ?? '',
          }));
          return JSON.stringify(rows.sort((a, b) => a.pid - b.pid)) === want;
        },
        rowsJson,
        { timeout: 10_000 },
      )
      .catch(() => undefined); // the comparison below says what differs
    expect(await pageRows()).toEqual(expected);
    // It was deltas that got it there: one full table on connect, then a delta per tick.
    console.log(`frames: ${frames.full} full, ${frames.delta} deltas; ${expected.length} rows of the test's own`);
    expect(frames.full).toBeLessThanOrEqual(2);
    expect(frames.delta).toBeGreaterThanOrEqual(ROUNDS * 2);
  }, 30_000);
});
