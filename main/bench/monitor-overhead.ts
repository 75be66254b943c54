// Part of the benchmark: what the monitor costs as a user runs it, next to top. Web mode
// (dist/main/web/serve.js, its own process, default 1 Hz) with one connected client receiving every
// update, and `top -b -d 1` (when installed), run over the same seconds on the same machine; the
// CPU of each is read from /proc (percent of one core), and the server's RSS at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { procUsage } from './proc-usage.js';
import { round1 } from './stats.js';
import { startWebModeChild } from './web-mode-child.js';

const SERVE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../web/serve.js');
/** Updates the client receives before measuring: start-up (module loading, the first sample reading every command line) is not billed. */
const WARM_UP_UPDATES = 5;
const MIB = 1024 * 1024;

/** Children alive now, so the benchmark's exit path (Ctrl+C too) can end them. */
const running = new Set<ChildProcess>();

export interface MonitorOverhead {
  seconds: number;
  /** Web mode's CPU, percent of one core, with one client receiving updates. */
  serverCpuPct: number;
  serverRssMib: number;
  /** top -b -d 1 over the same seconds; null where top is not installed. */
  topCpuPct: number | null;
  /** Updates the client received per second (1 at 1 Hz). */
  updatesPerS: number;
}

const startServer = () => startWebModeChild(SERVE, (c) => running.add(c));

/** top in batch mode, its output read and dropped (a full pipe would stall it). Null if top cannot start. */
function startTop(): Promise<ChildProcess | null> {
  // eslint-disable-next-line walls/no-process-table-read -- top is the peer whose CPU this bench compares with ours.
  const top = spawn('top', ['-b', '-d', '1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  running.add(top);
  top.stdout!.resume();
  return new Promise((resolve) => {
    top.once('spawn', () => resolve(top));
    top.once('error', () => resolve(null));
  });
}

async function stop(child: ChildProcess | null): Promise<void> {
  if (!child) return;
  running.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const hard = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(hard);
}

export async function measureMonitorOverhead(seconds: number): Promise<MonitorOverhead> {
  const { child, url } = await startServer();
  let top: ChildProcess | null = null;
  let ws: WebSocket | null = null;
  try {
    let updates = 0;
    let warmedUp: () => void = () => undefined;
    const warm = new Promise<void>((r) => (warmedUp = r));
    ws = new WebSocket(`ws://${url.host}/api?token=${url.searchParams.get('token')}`, { headers: { Origin: url.origin } });
    ws.on('message', (d) => {
      if (/^\{"event":"snapshot(\.delta)?"/.test((d as Buffer).toString('utf8', 0, 30)) && ++updates === WARM_UP_UPDATES) warmedUp();
    });
    await new Promise((resolve, reject) => {
      ws!.once('open', resolve);
      ws!.once('error', reject);
    });
    top = await startTop();
    await warm;
    const s0 = procUsage(child.pid!);
    const t0 = top ? procUsage(top.pid!) : null;
    const u0 = updates;
    const wall0 = Date.now();
    await new Promise((r) => setTimeout(r, seconds * 1000));
    const wallMs = Date.now() - wall0;
    const s1 = procUsage(child.pid!);
    const t1 = top ? procUsage(top.pid!) : null;
    return {
      seconds: round1(wallMs / 1000),
      serverCpuPct: round1(((s1.cpuMs - s0.cpuMs) / wallMs) * 100),
      serverRssMib: round1(s1.rss / MIB),
      topCpuPct: t0 && t1 ? round1(((t1.cpuMs - t0.cpuMs) / wallMs) * 100) : null,
      updatesPerS: round1((updates - u0) / (wallMs / 1000)),
    };
  } finally {
    ws?.terminate();
    await Promise.all([stop(top), stop(child)]);
  }
}

/** Ends web mode and top if a measurement was interrupted. */
export async function endOverheadChildren(): Promise<void> {
  await Promise.all([...running].map(stop));
}
