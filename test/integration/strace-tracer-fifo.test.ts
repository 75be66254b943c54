// The tracer's FIFO when strace never opens its end (killed at once, or the app ends first): the
// app must still be able to exit, and the run's event stream must still end. (A blocking open of
// the FIFO once held one of libuv's pool threads for ever, and Node's exit, which joins that pool,
// hung: web mode ignored Ctrl+C.)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { StraceTracer } from '../../main/trace/strace-tracer.js';
import { repoRoot } from '../support/web-app.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'procplay-fifo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the strace tracer without strace (Linux)', () => {
  it('lets the process exit at once although nothing ever opened the FIFO for writing', async () => {
    const tracer = path.join(repoRoot, 'dist/main/trace/strace-tracer.js');
    // A tracer whose strace was "spawned" but never ran; then the app exits.
    const script = `
      const { StraceTracer } = await import(${JSON.stringify(tracer)});
      const t = new StraceTracer({ strace: '/nonexistent/strace', onEvents: () => {} });
      t.started(process.pid, Date.now());
      setTimeout(() => process.exit(7), 200);
    `;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore', env: { ...process.env, TMPDIR: tmp } });
    const t0 = performance.now();
    const code = await new Promise<number | null | 'hung'>((resolve) => {
      const timer = setTimeout(() => resolve('hung'), 5000);
      child.once('exit', (c) => {
        clearTimeout(timer);
        resolve(c);
      });
    });
    if (code === 'hung') child.kill('SIGKILL');
    expect(code).toBe(7);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('ends the event stream and removes its folder when the root exits and strace never wrote', async () => {
    const before = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const events: unknown[] = [];
      const t = new StraceTracer({ strace: '/nonexistent/strace', onEvents: (e) => events.push(...e) });
      const fifo = t.mark;
      t.started(process.pid, Date.now());
      expect(existsSync(fifo)).toBe(true);
      t.rootExited();
      const ended = await Promise.race([t.done.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
      expect(ended).toBe(true);
      expect(existsSync(path.dirname(fifo))).toBe(false);
      // Only the root's fork, which the tracer says itself: nothing was traced.
      expect(events).toEqual([{ type: 'fork', t: 0, pid: process.pid, ppid: process.pid }]);
    } finally {
      process.env.TMPDIR = before;
    }
  });
});
