// Nothing left behind: whichever way web mode ends (Ctrl+C, SIGTERM, SIGKILL), every process
// it started for a lesson or a playground program ends within 2 s. Web mode runs with a marker in
// its environment that every descendant inherits, so nothing it started can hide.
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RUN_ID_ENV } from '../../main/lessons/lesson-runner.js';
import { describePids, pidsWithEnv, TEST_MARK_ENV, until } from '../support/marked-processes.js';
import { startWebApp } from '../support/web-app.js';

// The watchdog checks its owner every second, then gives a 0.5 s grace before SIGKILL: 3 s leaves the
// sweep (strace and its tracees included) a second on a loaded machine.
const ENDING_BUDGET_MS = 3000;
const MARK = TEST_MARK_ENV;

async function call(ws: WebSocket, method: string, params: object): Promise<Record<string, unknown>> {
  const id = Math.floor(Math.random() * 1e9);
  return new Promise((resolve) => {
    const onMessage = (d: WebSocket.RawData) => {
      const msg = JSON.parse(d.toString());
      if (msg.id !== id) return;
      ws.off('message', onMessage);
      resolve(msg);
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, method, params }));
  });
}

describe.each([
  ['Ctrl+C (SIGINT)', 'SIGINT'],
  ['SIGTERM', 'SIGTERM'],
  ['SIGKILL (no handler runs)', 'SIGKILL'],
] as const)('web mode ended by %s (Linux)', (_name, signal) => {
  it('leaves no lesson or playground process behind', async () => {
    const mark = `${process.pid}-${signal}-${Date.now()}`;
    const app = await startWebApp(['--port', '0'], { [MARK]: mark });
    const ws = new WebSocket(`${app.origin.replace('http', 'ws')}/api?token=${app.token}`, { headers: { Origin: app.origin } });
    await new Promise((r) => ws.once('open', r));
    const res = await call(ws, 'lesson.run', { lessonId: 'daemon-many' });
    expect(res.ok).toBe(true);
    const runId = (res.result as { runId: string }).runId;
    // The main program, its daemon and its normal child: three processes carry the run's marker.
    expect(await until(() => pidsWithEnv(RUN_ID_ENV, runId).length >= 3, 5000)).toBe(true);
    const pg = await call(ws, 'playground.run', { command: 'sleep 30 & setsid sleep 30 & sleep 30' });
    expect(pg.ok).toBe(true);
    // web mode, the lesson's three, the watchdog, the shell and its three sleeps
    expect(await until(() => pidsWithEnv(MARK, mark).length >= 8, 5000)).toBe(true);
    ws.terminate();

    const endedAt = performance.now();
    app.child.kill(signal);
    await new Promise((r) => (app.child.exitCode !== null || app.child.signalCode !== null ? r(null) : app.child.once('exit', r)));
    const gone = await until(() => pidsWithEnv(MARK, mark).length === 0, ENDING_BUDGET_MS);
    const leftBehind = pidsWithEnv(MARK, mark);
    console.log(`web mode ended by ${signal}: ${leftBehind.length} processes left behind, all gone after ${Math.round(performance.now() - endedAt)} ms`, describePids(leftBehind));
    for (const pid of leftBehind) process.kill(pid, 'SIGKILL');
    expect(gone).toBe(true);
    expect(leftBehind).toEqual([]);
  });
});
