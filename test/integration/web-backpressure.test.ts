// A client that stops reading must cost the web-mode server bounded memory: it is skipped for
// snapshots (and gets the newest when it reads again, never a backlog), and closed with a reason if
// it stays stuck, while a client that reads still gets every snapshot. The server runs as its own
// process (test/support/web-load-server.ts: the real server, made-up snapshots of 2,000 processes
// every 100 ms, about 5 MB/s of deltas per client) so that its RSS can be read from /proc. Snapshots go as
// deltas; the load server changes every row every tick, so a delta is as large as a full table and
// the bounds are reached as before. A client is sent a delta only against the table it last got:
// after being skipped it gets a full table first.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { repoRoot } from '../support/web-app.js';
import { LONG_RUN_V8_FLAGS } from '../../main/app/v8-flags.js';

// 2,000 changed rows every 100 ms is about 5 MB/s per client: a reading client (this test process, on a
// loaded two-core machine) keeps up with it, so every snapshot it misses is the server's fault.
const INTERVAL_MS = 100;
const STUCK_MS = 6000;
const RSS_GROWTH_MAX = 30 * 1024 * 1024;

let server: ChildProcess;
let port = 0;
let token = '';
let out = '';
const sockets: WebSocket[] = [];

const rssOf = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) * 1024;
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MiB`;

async function until(cond: () => boolean, what: string, ms: number, onPoll: () => void = () => undefined): Promise<void> {
  const end = performance.now() + ms;
  while (!cond()) {
    onPoll();
    if (performance.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Reader {
  ws: WebSocket;
  seqs: number[];
  /** Indexes in seqs of full tables (the rest were deltas). */
  fulls: number[];
  /** Deltas whose base was not the table this client held last (must stay empty). */
  unfollowable: string[];
  closed: Promise<{ code: number; reason: string }>;
  pause(): void;
  resume(): void;
}

/**
 * A client that notes the seq of every snapshot it reads, full or delta, and checks that each delta
 * applies to the table it holds (from the frame's head: a full decode of 5 MB/s would slow this
 * reader down, which the test must not do); pause() stops reading its socket.
 */
function reader(): Promise<Reader> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${token}`, { headers: { Origin: `http://127.0.0.1:${port}` } });
  sockets.push(ws);
  const seqs: number[] = [];
  const fulls: number[] = [];
  const unfollowable: string[] = [];
  ws.on('message', (d) => {
    const head = (d as Buffer).toString('utf8', 0, 100);
    const full = /^\{"event":"snapshot","data":\{"seq":(\d+)/.exec(head);
    const delta = /^\{"event":"snapshot\.delta","data":\{"seq":(\d+),"baseSeq":(\d+)/.exec(head);
    if (full) {
      fulls.push(seqs.length);
      seqs.push(Number(full[1]));
    } else if (delta) {
      if (Number(delta[2]) !== seqs.at(-1)) unfollowable.push(`${delta[2]}→${delta[1]} after ${seqs.at(-1)}`);
      seqs.push(Number(delta[1]));
    }
  });
  ws.on('error', () => undefined);
  const closed = new Promise<{ code: number; reason: string }>((r) => ws.once('close', (code, reason) => r({ code, reason: reason.toString() })));
  // ws keeps its socket private; pausing it is exactly what a client that stops reading does.
  const socket = () => (ws as unknown as { _socket: { pause(): void; resume(): void } })._socket;
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, seqs, fulls, unfollowable, closed, pause: () => socket().pause(), resume: () => socket().resume() }));
    ws.once('unexpected-response', (_q, res) => reject(new Error(`refused: ${res.statusCode}`)));
  });
}

/** Whether a run of seqs has no gap. */
const contiguous = (seqs: number[]) => seqs.every((s, i) => i === 0 || s === seqs[i - 1] + 1);

beforeAll(async () => {
  const jiti = createRequire(import.meta.url).resolve('jiti/package.json').replace(/package\.json$/, 'lib/jiti-cli.mjs');
  // With the V8 flags web mode runs with (its young generation capped): without them the young
  // generation may grow by up to 30 MiB while the RSS is watched, whatever the backlog holds.
  server = spawn(process.execPath, [...LONG_RUN_V8_FLAGS, jiti, path.join(repoRoot, 'test/support/web-load-server.ts')], {
    env: { ...process.env, JITI_FS_CACHE: 'false', LOAD_PROCS: '2000', LOAD_INTERVAL_MS: String(INTERVAL_MS), LOAD_STUCK_MS: String(STUCK_MS) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d) => (out += d));
  server.stderr!.on('data', (d) => (out += d));
  await until(() => /ready \d+ \w+/.test(out) || server.exitCode !== null, 'the server to start', 20_000);
  const m = /ready (\d+) (\w+)/.exec(out);
  if (!m) throw new Error(`the load server did not start:\n${out}`);
  port = Number(m[1]);
  token = m[2];
});

afterAll(async () => {
  for (const ws of sockets) ws.terminate();
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((r) => server.once('exit', r));
    server.kill('SIGTERM');
    const hard = setTimeout(() => server.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(hard);
  }
});

describe('web mode with a client that stops reading', () => {
  it('skips it while it is behind and sends it the newest snapshot when it reads again, never the backlog', async () => {
    const normal = await reader();
    const slow = await reader();
    await until(() => normal.seqs.length >= 10 && slow.seqs.length >= 10, 'both clients reading', 15_000);
    slow.pause();
    const pausedAt = normal.seqs.length;
    // Unread ticks (530 kB each) fill the kernel's buffers (their size depends on the machine) and
    // the backlog bound; then the server says it skips the client's snapshots. Three ticks more.
    const skippedLines = () => out.split('\n').filter((l) => l.includes('its snapshots are skipped')).length;
    const skippedBefore = skippedLines();
    await until(() => skippedLines() > skippedBefore, 'the server to skip the paused client', 20_000);
    const skippingFrom = normal.seqs.length;
    await until(() => normal.seqs.length >= Math.max(skippingFrom + 3, pausedAt + 10), 'ticks while the slow client is skipped', 15_000);
    const slowBefore = slow.seqs.length;
    const newestAtResume = normal.seqs.at(-1)!;
    slow.resume();
    await until(() => slow.seqs.at(-1)! >= newestAtResume, 'the slow client to catch up', 10_000);
    const caughtUp = slow.seqs.slice(slowBefore);
    const missed = newestAtResume - slow.seqs[slowBefore - 1];
    console.log(`paused for ${missed} ticks; after resuming it read ${caughtUp.length} snapshots to reach the newest`);
    // It got what was already on its way (the kernel's buffers and our bounded backlog), then the newest.
    expect(caughtUp.length).toBeLessThan(missed);
    expect(contiguous(slow.seqs)).toBe(false);
    expect(contiguous(normal.seqs), `the reading client's seqs: ${normal.seqs.join(',')}`).toBe(true);
    // Deltas on the wire: each client got one full table on connect and then deltas it could apply;
    // the skipped one got a full table again where it had missed ticks, never a delta against them.
    expect(normal.fulls).toEqual([0]);
    expect(normal.unfollowable).toEqual([]);
    expect(slow.unfollowable).toEqual([]);
    const jump = slow.seqs.findIndex((s, i) => i > 0 && s !== slow.seqs[i - 1] + 1);
    expect(slow.fulls).toContain(jump);
    slow.ws.close();
    normal.ws.close();
  });

  it(`keeps the server's RSS growth under 30 MiB, serves a reading client every tick, and closes the stuck one with a reason`, async () => {
    const normal = await reader();
    const slow = await reader();
    // The base is the highest RSS while both clients read, over about as long as the stuck phase
    // lasts: the server's garbage (5 MB/s of frames) makes its RSS rise and fall by tens of MiB
    // between collections, and a base read at a low point made that swing look like growth (CI:
    // +31.9 MiB). A backlog kept for the stuck client would grow on top of the highest point.
    let base = rssOf(server.pid!);
    const warm = () => {
      base = Math.max(base, rssOf(server.pid!));
    };
    await until(() => normal.seqs.length >= 80 && slow.seqs.length >= 10, 'both clients reading', 20_000, warm);
    let peak = base;
    const poll = () => {
      peak = Math.max(peak, rssOf(server.pid!));
      if (peak - base > RSS_GROWTH_MAX) throw new Error(`server RSS grew by ${mib(peak - base)} (from ${mib(base)})`);
    };
    slow.pause();
    const fromSeq = normal.seqs.length;
    const stuckLogged = () => /log: closed a client that stopped reading/.test(out);
    await until(stuckLogged, 'the server to close the stuck client', STUCK_MS + 15_000, poll);
    // Two more seconds of ticks after the close: the memory it held is not growing back.
    const afterClose = normal.seqs.length;
    await until(() => normal.seqs.length >= afterClose + 2000 / INTERVAL_MS, 'ticks after the close', 15_000, poll);
    poll();
    const served = normal.seqs.slice(fromSeq);
    console.log(`slow reader: server RSS ${mib(base)} → peak ${mib(peak)} (+${mib(peak - base)}); the reading client got ${served.length} snapshots meanwhile, none missed`);
    expect(peak - base).toBeLessThan(RSS_GROWTH_MAX);
    expect(contiguous(normal.seqs), `the reading client's seqs: ${normal.seqs.join(',')}`).toBe(true);
    expect(normal.unfollowable).toEqual([]);
    expect(served.length).toBeGreaterThanOrEqual(STUCK_MS / INTERVAL_MS / 2);
    // Reading again, the stuck client finds the close frame behind what was unsent, with its reason.
    slow.resume();
    const { code, reason } = await slow.closed;
    expect(code).toBe(4008);
    expect(reason).toMatch(/^not reading: more than 4 MiB unsent for 6 s$/);
    normal.ws.close();
  });
});
