// A web-mode server (the real startWebServer) fed with synthetic snapshots of LOAD_PROCS processes
// every LOAD_INTERVAL_MS, run as its own process so a test can read its RSS from /proc. The
// snapshots are made up so that their size and rate are the same on every machine; the transport
// (sockets, buffering, backpressure) is the real one. Every row changes every tick (CPU and memory
// figures, name and command, as if each process exec'd): the worst case for deltas on the wire, so a
// tick's delta is nearly as large as the full table (530 of 675 kB at 2,000 rows) and the
// transport's bounds are exercised as before deltas. Prints `ready PORT TOKEN`, then `log: …` lines.
// Env: LOAD_PROCS, LOAD_INTERVAL_MS, LOAD_BACKLOG_BYTES, LOAD_STUCK_MS (defaults: the app's limits).
import os from 'node:os';
import type { ProcInfo, Snapshot } from '../../shared/process.js';
import { startWebServer } from '../../main/web/server.js';
import { stubServices, stubSnapshot } from './stub-services.js';

const envInt = (name: string): number | undefined => (process.env[name] ? Number(process.env[name]) : undefined);
const procs = envInt('LOAD_PROCS') ?? 2000;
const intervalMs = envInt('LOAD_INTERVAL_MS') ?? 50;

const rows: ProcInfo[] = Array.from({ length: procs }, (_, i) => ({
  pid: 10_000 + i, ppid: 1 + (i % 50), startTime: 1_700_000_000_000 + i * 37, name: `worker-${i % 97}`,
  command: `/usr/bin/python3 /home/user/projects/demo/worker.py --id ${i} --queue jobs-${i % 13} --verbose`,
  user: 'user', uid: 1000, state: 'S', cpu: 0, cpuTimeMs: i * 13, memRss: 12_345_678 + i, memPercent: 0.3,
  memVsz: 98_765_432 + i, threads: 1 + (i % 4), kernelThread: false,
}));

// seq 0 before the first tick (the stub says 1, which the first tick says too).
let current: Snapshot = { ...stubSnapshot(), seq: 0 };
const { services } = stubServices();
const emit = (services as unknown as { emit: (m: unknown) => void }).emit;
(services.monitor as unknown as { current: () => Promise<Snapshot> }).current = async () => current;

const server = await startWebServer({
  services,
  staticDir: os.tmpdir(),
  clientBacklogMaxBytes: envInt('LOAD_BACKLOG_BYTES'),
  clientStuckCloseMs: envInt('LOAD_STUCK_MS'),
  log: (line) => console.log(`log: ${line}`),
});

let seq = 0;
setInterval(() => {
  seq++;
  // New row objects, as the sampler makes each tick: a published snapshot is never modified.
  const processes = rows.map((p, i) => ({
    ...p, name: `worker-${(i + seq) % 97}`, command: `${p.command} --tick ${seq}`, cpu: ((seq + i) % 1000) / 10,
    cpuTimeMs: p.cpuTimeMs + seq, memRss: p.memRss + seq * 4096, memPercent: ((p.memRss + seq * 4096) / 8e9) * 100, memVsz: (p.memVsz ?? 0) + seq * 4096,
  }));
  current = { ...stubSnapshot(), seq, intervalMs, processes };
  emit({ event: 'snapshot', data: current });
}, intervalMs);

console.log(`ready ${server.port} ${server.token}`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
