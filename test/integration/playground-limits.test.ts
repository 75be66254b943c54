// Bounded per run and per instance: input for a program that never reads is refused past a bound
// instead of growing the server (2,000 × 64 KiB to `sleep`), playground and lesson runs are capped
// with a clear message, and stopping every run of an instance (16 trees that ignore SIGTERM) ends
// them all within 5 s.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { LessonRunner } from '../../main/lessons/lesson-runner.js';
import { PlaygroundRunner } from '../../main/playground/playground-runner.js';
import { MAX_CONCURRENT_PLAYGROUND_RUNS } from '../../main/app/limits.js';
import { getSupervisor } from '../../main/supervision/supervisor.js';
import { pidsWithEnv, TEST_MARK_ENV, until } from '../support/marked-processes.js';
import { connectApi, startReapedWebApp, type ReapedWebApp } from '../support/reaped-web-app.js';

let app: ReapedWebApp | null = null;
let mark = '';

afterEach(async () => {
  await app?.stop('SIGTERM');
  app = null;
  await until(() => pidsWithEnv(TEST_MARK_ENV, mark).length === 0, 3000);
  for (const pid of pidsWithEnv(TEST_MARK_ENV, mark)) process.kill(pid, 'SIGKILL');
});

const rssBytes = (pid: number): number => Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
/**
 * Ten requests at a time, at most 400 a second: under web mode's per-connection rate limit (500/s),
 * which is another bound than the one tested here (a refused write answers at once, so a fast machine
 * would otherwise reach it).
 */
async function paced<T>(batches: number, send: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < batches; i++) {
    const started = performance.now();
    out.push(...(await Promise.all(Array.from({ length: 10 }, send))));
    const left = 25 - (performance.now() - started);
    if (left > 0) await new Promise((r) => setTimeout(r, left));
  }
  return out;
}
const errorOf = (res: Record<string, unknown>): string => (res.ok ? '' : ((res.error as { message: string }).message ?? ''));

describe('input for a program that does not read it', () => {
  it('2,000 × 64 KiB to `sleep`: refused with a clear error once 1 MiB waits, server RSS grows far less than the flood', async () => {
    mark = `stdin-${process.pid}-${Date.now()}`;
    app = await startReapedWebApp({ env: { [TEST_MARK_ENV]: mark } });
    const api = await connectApi(app);
    const run = await api.call('playground.run', { command: 'sleep 100' });
    const runId = (run.result as { runId: string }).runId;
    const line = 'x'.repeat(64 * 1024 - 1); // 64 KiB with its newline
    // Warm up with the same traffic to a program that reads it all: the server's heap (V8's young
    // generation alone may take 48 MiB) and socket buffers reach their working size before the baseline.
    const reader = await api.call('playground.run', { command: 'cat >/dev/null' });
    const readerId = (reader.result as { runId: string }).runId;
    const warm = await paced(40, () => api.call('playground.input', { runId: readerId, text: line }));
    // (A reader slower than the sender may see a refusal too: that is the bound doing its job.)
    for (const res of warm) if (!res.ok) expect(errorOf(res)).toMatch(/^the program is not reading its input/);
    const before = rssBytes(app.pid);
    let sent = 0;
    let refused = 0;
    let message = '';
    // In order, 10 in flight at a time (a client typing fast, or a script).
    for (const res of await paced(200, () => api.call('playground.input', { runId, text: line }))) {
      if (res.ok) sent++;
      else {
        refused++;
        message = errorOf(res);
      }
    }
    const growth = rssBytes(app.pid) - before;
    console.log(`stdin flood: ${sent} sent, ${refused} refused, server RSS growth ${(growth / 1048576).toFixed(1)} MiB`);
    expect(message).toMatch(/^the program is not reading its input: \d+ KiB sent earlier are still waiting \(at most 1024 KiB may wait\); nothing was sent$/);
    // The pipe (64 KiB) plus 1 MiB queued: about 17 lines, never more than 20.
    expect(sent).toBeLessThanOrEqual(20);
    expect(refused).toBe(2000 - sent);
    // Unbounded, the 2,000 lines stay queued: +125 MiB or more (+132.7 MiB measured before the
    // bound). Bounded, what is left is garbage of the refused messages that V8 has not collected
    // yet: 13 MiB on a quiet machine, up to 40 MiB while other tests run. Half the unbounded queue
    // tells the two apart; `sent` above is the exact check of the bound.
    expect(growth).toBeLessThan(64 * 1024 * 1024);
    // A program that reads gets its input as before.
    const cat = await api.call('playground.run', { command: 'head -c 10 >/dev/null; echo got it' });
    const catId = (cat.result as { runId: string }).runId;
    expect((await api.call('playground.input', { runId: catId, text: 'hello there' })).result).toEqual({ sent: true });
    api.close();
  }, 180_000);
});

describe('caps on concurrent runs', () => {
  it(`playground: the ${MAX_CONCURRENT_PLAYGROUND_RUNS + 1}th run is refused with a clear message, and stopping all ${MAX_CONCURRENT_PLAYGROUND_RUNS} takes < 5 s`, async () => {
    mark = `cap-${process.pid}-${Date.now()}`;
    app = await startReapedWebApp({ env: { [TEST_MARK_ENV]: mark } });
    const api = await connectApi(app);
    // Each tree ignores SIGTERM (inherited by its children): the stop has to escalate to SIGKILL.
    const command = 'trap "" TERM; sleep 300 & sleep 300 & wait';
    for (let i = 0; i < MAX_CONCURRENT_PLAYGROUND_RUNS; i++) expect(errorOf(await api.call('playground.run', { command }))).toBe('');
    const over = await api.call('playground.run', { command });
    expect(errorOf(over)).toBe(
      `${MAX_CONCURRENT_PLAYGROUND_RUNS} programs are already running, the most this app runs at once is ${MAX_CONCURRENT_PLAYGROUND_RUNS}: stop one first; nothing was started`,
    );
    // 16 shells and their 32 sleeps, plus web mode and its watchdog.
    expect(await until(() => pidsWithEnv(TEST_MARK_ENV, mark).length >= 3 * MAX_CONCURRENT_PLAYGROUND_RUNS + 2, 10_000)).toBe(true);
    api.close();

    // Stopping web mode stops every run of the instance.
    const t0 = performance.now();
    process.kill(app.pid, 'SIGTERM');
    const allGone = await until(() => pidsWithEnv(TEST_MARK_ENV, mark).length === 0, 10_000);
    const ms = performance.now() - t0;
    console.log(`stopping ${MAX_CONCURRENT_PLAYGROUND_RUNS} runs (${3 * MAX_CONCURRENT_PLAYGROUND_RUNS} processes ignoring SIGTERM) and web mode: ${ms} ms`);
    expect(allGone).toBe(true);
    expect(ms).toBeLessThan(5000);
  });

  it('playground and lessons: a small injected cap refuses the next run and allows one again once a run has stopped', async () => {
    mark = `cap-small-${process.pid}-${Date.now()}`;
    const prev = process.env[TEST_MARK_ENV];
    process.env[TEST_MARK_ENV] = mark;
    const playground = new PlaygroundRunner({ maxRuns: 2, onEvent: () => undefined });
    const lessons = new LessonRunner({ maxRuns: 1, onEvent: () => undefined });
    try {
      const a = await playground.run({ command: 'exec sleep 100' });
      await playground.run({ command: 'exec sleep 100' });
      await expect(playground.run({ command: 'exec sleep 100' })).rejects.toThrow(
        '2 programs are already running, the most this app runs at once is 2: stop one first; nothing was started',
      );
      await playground.stop(a.runId);
      await playground.run({ command: 'exec sleep 100' });

      const l = await lessons.run('heartbeat-healthy');
      await expect(lessons.run('pid-ppid')).rejects.toThrow(
        '1 lessons are already running, the most this app runs at once is 1 (each costs about 140 MiB): stop one first; nothing was started',
      );
      await lessons.stop(l.runId);
      const again = await lessons.run('heartbeat-healthy');
      expect(again.runId).not.toBe(l.runId);
    } finally {
      await Promise.all([playground.stopAll(), lessons.stopAll()]);
      // The app's watchdog was started with the marker in its environment: it ends with the app's shutdown.
      await getSupervisor().shutdown();
      if (prev === undefined) delete process.env[TEST_MARK_ENV];
      else process.env[TEST_MARK_ENV] = prev;
    }
    const left = () => pidsWithEnv(TEST_MARK_ENV, mark).filter((p) => p !== process.pid);
    expect(await until(() => left().length === 0, 3000), `left: ${left().join(' ')}`).toBe(true);
  });
});
