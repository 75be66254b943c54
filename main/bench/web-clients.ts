// Web mode under many clients (`node dist/main/bench/web-clients.js`): starts the real web-mode server
// (dist/main/web/serve.js, or the one named by BENCH_SERVE, e.g. an older build to compare) next to
// ~1,000 idle processes, sets a 250 ms interval, connects BENCH_CLIENTS readers and optionally one
// reader that never reads, and measures the server's CPU and RSS growth from /proc over BENCH_SECONDS.
// Env: BENCH_SERVE, BENCH_PROCS (1000), BENCH_CLIENTS (50), BENCH_SLOW (0 or 1), BENCH_SECONDS (20),
// BENCH_INTERVAL_MS (250). Prints one JSON line last. Linux only.
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { IdleCrowd } from './idle-crowd.js';
import { round1 } from './stats.js';
import { startWebModeChild } from './web-mode-child.js';
import { procUsage as usage } from './proc-usage.js';

const envInt = (name: string, fallback: number): number => {
  const n = Number(process.env[name]);
  return process.env[name] !== undefined && Number.isInteger(n) && n >= 0 ? n : fallback;
};
const SERVE = process.env.BENCH_SERVE ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/serve.js');
const PROCS = envInt('BENCH_PROCS', 1000);
const CLIENTS = envInt('BENCH_CLIENTS', 50);
const SLOW = envInt('BENCH_SLOW', 0);
const SECONDS = envInt('BENCH_SECONDS', 20);
const INTERVAL_MS = envInt('BENCH_INTERVAL_MS', 250);
const MIB = 1024 * 1024;

const crowd = new IdleCrowd();
let server: ChildProcess | null = null;
const sockets: WebSocket[] = [];

const startServer = () => startWebModeChild(SERVE, (c) => (server = c));

/** A client that reads (and counts) every message; the token goes in the query, which every version accepts. */
function connect(url: URL, onMessage: (data: WebSocket.RawData) => void): Promise<WebSocket> {
  // No UTF-8 check on receipt: this process plays 50 browsers and must not be the bottleneck.
  const ws = new WebSocket(`ws://${url.host}/api?token=${url.searchParams.get('token')}`, { headers: { Origin: url.origin }, skipUTF8Validation: true });
  sockets.push(ws);
  ws.on('message', onMessage);
  ws.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_q, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
}

async function run(): Promise<void> {
  if (process.platform !== 'linux') throw new Error('this benchmark reads /proc: run it on Linux');
  await crowd.start(PROCS);
  const { child, url } = await startServer();
  let snapshots = 0;
  let bytes = 0;
  const count = (d: WebSocket.RawData) => {
    const b = d as Buffer;
    bytes += b.length;
    // A tick is a full table or a delta (deltas on the wire): both count.
    if (/^\{"event":"snapshot(\.delta)?"/.test(b.toString('utf8', 0, 30))) snapshots++;
  };
  // The first client also notes the newest snapshot seq: the server's tick count, even across
  // snapshots it was skipped for, to bill CPU per tick.
  let newestSeq = 0;
  const first = await connect(url, (d) => {
    count(d);
    const m = /"seq":(\d+)/.exec((d as Buffer).toString('utf8', 0, 200));
    if (m) newestSeq = Math.max(newestSeq, Number(m[1]));
  });
  first.send(JSON.stringify({ id: 1, method: 'sampler.configure', params: { intervalMs: INTERVAL_MS } }));
  for (let i = 1; i < CLIENTS; i++) await connect(url, count);
  let slowClosed = '';
  if (SLOW) {
    const slow = await connect(url, () => undefined);
    slow.on('close', (code, reason) => (slowClosed = `${code} ${reason.toString()}`));
    // Stop reading: the kernel buffers fill, then whatever the server keeps for this client stays in its memory.
    (slow as unknown as { _socket: { pause(): void } })._socket.pause();
  }
  await new Promise((r) => setTimeout(r, 3000)); // warm-up: the interval change and JIT settle
  const u0 = usage(child.pid!);
  const t0 = Date.now();
  const snap0 = snapshots;
  const bytes0 = bytes;
  const seq0 = newestSeq;
  let rssMax = u0.rss;
  while (Date.now() - t0 < SECONDS * 1000) {
    await new Promise((r) => setTimeout(r, 500));
    rssMax = Math.max(rssMax, usage(child.pid!).rss);
  }
  const u1 = usage(child.pid!);
  const wallMs = Date.now() - t0;
  const ticks = newestSeq - seq0;
  const result = {
    server: SERVE,
    procs: PROCS,
    clients: CLIENTS,
    slow: SLOW,
    interval_ms: INTERVAL_MS,
    seconds: round1(wallMs / 1000),
    server_cpu_pct: round1(((u1.cpuMs - u0.cpuMs) / wallMs) * 100),
    ticks_per_s: round1(ticks / (wallMs / 1000)),
    server_cpu_ms_per_tick: ticks > 0 ? round1((u1.cpuMs - u0.cpuMs) / ticks) : null,
    rss_start_mib: round1(u0.rss / MIB),
    rss_max_mib: round1(rssMax / MIB),
    rss_growth_mib: round1((rssMax - u0.rss) / MIB),
    snapshots_per_client_per_s: round1((snapshots - snap0) / Math.max(1, CLIENTS) / (wallMs / 1000)),
    received_mib: round1((bytes - bytes0) / MIB),
    server_cpu_ms_per_mib_sent: bytes > bytes0 ? round1((u1.cpuMs - u0.cpuMs) / ((bytes - bytes0) / MIB)) : null,
    slow_client_closed: slowClosed || null,
  };
  console.log(
    `server CPU ${result.server_cpu_pct} % of one core with ${CLIENTS} clients at ${INTERVAL_MS} ms; ` +
      `${result.ticks_per_s} ticks/s, ${result.server_cpu_ms_per_tick} ms CPU per tick; RSS ${result.rss_start_mib} → max ${result.rss_max_mib} MiB over ${result.seconds} s`,
  );
  await finish(0, result);
}

let finishing = false;

async function finish(code: number, result?: object): Promise<void> {
  if (finishing) return;
  finishing = true;
  for (const ws of sockets) ws.terminate();
  if (server && server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((r) => server!.once('exit', r));
    server.kill('SIGTERM');
    const hard = setTimeout(() => server!.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(hard);
  }
  const left = await crowd.end();
  if (left !== 0) {
    console.log(`WARNING: ${left} benchmark processes still present`);
    code = code || 1;
  }
  if (result) console.log(JSON.stringify(result));
  process.exit(code);
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(sig, () => void finish(130));
}

run().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack ?? e.message : e);
  void finish(1);
});
