// The cost of one /metrics scrape with the benchmark's crowd alive: `procplay serve` against
// Debian's prometheus-process-exporter (when installed), both as separate processes, grouped the
// same way (by process name, process-exporter's packaging/conf/all.yaml), scraped alternately over
// one kept-alive connection each, as Prometheus does. process-exporter is measured twice: with the
// work we also do (-threads=false -gather-smaps=false) and with its defaults (it then also reads
// every process's smaps and threads).
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const PROCPLAY_CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'cli', 'procplay.js');
const PROCESS_EXPORTER = 'prometheus-process-exporter';
const READY_TIMEOUT_MS = 30_000;

export interface ScrapeTarget {
  name: string;
  port: number;
  child: ChildProcess;
}

export interface ScrapeResult {
  /** Medians per target name, ms. */
  times: Record<string, number[]>;
  /** Sample lines (series) in one exposition, per target. */
  series: Record<string, number>;
}

const children = new Set<ChildProcess>();
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export function scrape(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/metrics', agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`scrape of port ${port}: HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
  });
}

export const seriesCount = (exposition: string) => exposition.split('\n').filter((l) => l.length > 0 && !l.startsWith('#')).length;

async function waitReady(t: ScrapeTarget): Promise<void> {
  const end = performance.now() + READY_TIMEOUT_MS;
  while (performance.now() < end) {
    if (t.child.exitCode !== null) throw new Error(`${t.name} exited with code ${t.child.exitCode}`);
    try {
      await scrape(t.port);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`${t.name} did not answer on port ${t.port} within ${READY_TIMEOUT_MS} ms`);
}

function start(name: string, cmd: string, args: string[], port: number): ScrapeTarget {
  const child = spawn(cmd, args, { stdio: 'ignore' });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return { name, port, child };
}

export function processExporterInstalled(): boolean {
  try {
    execFileSync(PROCESS_EXPORTER, ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Starts the exporters, times `rounds` scrapes of each (alternating, after one warm-up), and ends them. */
export async function measureScrapes(rounds: number, beforeEach: () => Promise<void>): Promise<ScrapeResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'procplay-scrape-bench-'));
  try {
    const targets: ScrapeTarget[] = [];
    const oursPort = await freePort();
    targets.push(start('procplay', process.execPath, [PROCPLAY_CLI, 'serve', '--metrics-port', String(oursPort), '--host', '127.0.0.1'], oursPort));
    if (processExporterInstalled()) {
      const config = path.join(dir, 'all.yaml');
      writeFileSync(config, 'process_names:\n  - name: "{{.Comm}}"\n    cmdline:\n    - \'.+\'\n');
      const p1 = await freePort();
      targets.push(start('process_exporter', PROCESS_EXPORTER, ['-config.path', config, '-threads=false', '-gather-smaps=false', '-web.listen-address', `127.0.0.1:${p1}`], p1));
      const p2 = await freePort();
      targets.push(start('process_exporter_defaults', PROCESS_EXPORTER, ['-config.path', config, '-web.listen-address', `127.0.0.1:${p2}`], p2));
    }
    for (const t of targets) await waitReady(t);
    const times: Record<string, number[]> = Object.fromEntries(targets.map((t) => [t.name, []]));
    const series: Record<string, number> = {};
    for (const t of targets) series[t.name] = seriesCount(await scrape(t.port)); // warm-up
    for (let round = 0; round < rounds; round++) {
      for (let i = 0; i < targets.length; i++) {
        const t = targets[(round + i) % targets.length];
        await beforeEach();
        const t0 = performance.now();
        await scrape(t.port);
        times[t.name].push(performance.now() - t0);
      }
    }
    return { times, series };
  } finally {
    await endScrapeTargets();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Ends every exporter this module started (also called from the benchmark's signal handlers). */
export async function endScrapeTargets(): Promise<void> {
  agent.destroy();
  await Promise.all(
    [...children].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const killer = setTimeout(() => c.kill('SIGKILL'), 10_000);
          c.once('exit', () => {
            clearTimeout(killer);
            resolve();
          });
          c.kill('SIGTERM');
        }),
    ),
  );
}
