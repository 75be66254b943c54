// `procplay serve` scraped by a real Prometheus server (Debian's `prometheus` package) every second
// with a bearer token: the group of three `sleep` processes and a busy process's CPU counter show up
// through Prometheus' query API; promtool accepts the exposition; a scrape without the token gets 401.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { survivorsAfter } from '../support/marked-processes.js';
import { freePort, httpGet, startServe, type ServeProcess } from '../support/metrics-serve.js';

const TOKEN = 'test-token-0123456789abcdef';
const MARK = `metrics-prom-${process.pid}`;
/** A name of our own (a script's comm is its file name), so no other process shares the group. */
const BUSY = `ppbusy${process.pid % 100000}`;

let dir: string;
let serve: ServeProcess;
let prometheus: ChildProcess;
let promPort: number;
const started: ChildProcess[] = [];

async function query(expr: string): Promise<{ metric: Record<string, string>; value: [number, string] }[]> {
  const r = await httpGet(promPort, `/api/v1/query?query=${encodeURIComponent(expr)}`);
  if (r.status !== 200) throw new Error(`Prometheus query failed (${r.status}): ${r.body}`);
  return JSON.parse(r.body).data.result;
}

/** For failure messages: whether Prometheus' scrapes succeed and how long they take. */
async function scrapeHealth(): Promise<string> {
  const up = await query('up{job="procplay"}').catch((e: Error) => e.message);
  const dur = await query('scrape_duration_seconds{job="procplay"}').catch((e: Error) => e.message);
  return `up: ${JSON.stringify(up)}; scrape_duration_seconds: ${JSON.stringify(dur)}`;
}

/** Polls a PromQL query until `ok` holds for its first value (bounded); returns that value or null. */
async function waitForValue(expr: string, ok: (v: number) => boolean, timeoutMs: number): Promise<number | null> {
  const end = performance.now() + timeoutMs;
  while (performance.now() < end) {
    const res = await query(expr);
    const last = res.length > 0 ? Number(res[0].value[1]) : null;
    if (last !== null && ok(last)) return last;
    await new Promise((r) => setTimeout(r, 250));
  }
  return null;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'procplay-prom-'));
  const tokenFile = path.join(dir, 'token');
  writeFileSync(tokenFile, TOKEN + '\n', { mode: 0o600 });
  serve = await startServe(['--metrics-port', '0', '--host', '127.0.0.1', '--token-file', tokenFile], {}, MARK);

  promPort = await freePort();
  writeFileSync(
    path.join(dir, 'prometheus.yml'),
    [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      'scrape_configs:',
      '  - job_name: procplay',
      '    authorization:',
      '      type: Bearer',
      `      credentials_file: ${tokenFile}`,
      '    static_configs:',
      `      - targets: ['127.0.0.1:${serve.port}']`,
      '',
    ].join('\n'),
  );
  prometheus = spawn(
    'prometheus',
    [`--config.file=${path.join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${path.join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${promPort}`],
    { stdio: 'ignore' },
  );
  const ready = await (async () => {
    const end = performance.now() + 20_000;
    while (performance.now() < end && prometheus.exitCode === null) {
      const r = await httpGet(promPort, '/-/ready').catch(() => null);
      if (r?.status === 200) return true;
      await new Promise((res) => setTimeout(res, 200));
    }
    return false;
  })();
  if (!ready) throw new Error('Prometheus did not become ready in 20 s');
}, 60_000);

afterAll(async () => {
  for (const c of started) c.kill('SIGKILL');
  if (prometheus && prometheus.exitCode === null) {
    const gone = new Promise((r) => prometheus.once('exit', r));
    prometheus.kill('SIGTERM');
    const killer = setTimeout(() => prometheus.kill('SIGKILL'), 10_000);
    await gone;
    clearTimeout(killer);
  }
  await serve?.end();
  const left = await survivorsAfter(started.map((c) => c.pid!).filter(Boolean), 5000);
  rmSync(dir, { recursive: true, force: true });
  expect(left).toEqual([]);
}, 30_000);

describe('procplay serve scraped by Prometheus', () => {
  it('refuses a scrape without the token (401) and serves one with it', async () => {
    expect(serve.stdout()).toMatch(/every scrape needs "Authorization: Bearer <token>"; requests without it get 401/);
    const none = await httpGet(serve.port, '/metrics');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(none.body).not.toContain('namedprocess');
    expect((await httpGet(serve.port, '/metrics', { Authorization: 'Bearer wrong-token-0123456789' })).status).toBe(401);
    const ok = await httpGet(serve.port, '/metrics', { Authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const om = await httpGet(serve.port, '/metrics', { Authorization: `Bearer ${TOKEN}`, Accept: 'application/openmetrics-text;version=1.0.0,text/plain;q=0.5' });
    expect(om.headers['content-type']).toMatch(/^application\/openmetrics-text; version=1\.0\.0/);
    expect(om.body.trimEnd().endsWith('# EOF')).toBe(true);
  });

  it('promtool check metrics accepts the exposition', async () => {
    const r = await httpGet(serve.port, '/metrics', { Authorization: `Bearer ${TOKEN}` });
    const check = spawnSync('promtool', ['check', 'metrics'], { input: r.body, encoding: 'utf8' });
    expect(check.stderr + check.stdout).toBe('');
    expect(check.status).toBe(0);
  });

  it('Prometheus finds the group of three sleep processes', async () => {
    for (let i = 0; i < 3; i++) started.push(spawn('sleep', ['300'], { stdio: 'ignore', env: { ...process.env, PROCPLAY_TEST_MARK: MARK } }));
    // Generous bound: on a loaded 2-core machine Prometheus itself may lag a few scrapes.
    const n = await waitForValue('namedprocess_namegroup_num_procs{groupname="sleep"}', (v) => v >= 3, 45_000);
    expect(n, await scrapeHealth()).not.toBeNull();
    expect(n).toBeGreaterThanOrEqual(3);
    const states = await query('namedprocess_namegroup_states{groupname="sleep",state="Sleeping"}');
    expect(Number(states[0].value[1])).toBeGreaterThanOrEqual(3);
    const up = await query('up{job="procplay"}');
    expect(up[0].value[1]).toBe('1');
  }, 60_000);

  it("a busy process's CPU counter increases between two queries", async () => {
    const script = path.join(dir, BUSY);
    writeFileSync(script, '#!/bin/sh\nwhile :; do :; done\n');
    chmodSync(script, 0o755);
    const busy = spawn(script, [], { stdio: 'ignore', env: { ...process.env, PROCPLAY_TEST_MARK: MARK } });
    started.push(busy);
    const expr = `sum(namedprocess_namegroup_cpu_seconds_total{groupname="${BUSY}"})`;
    const first = await waitForValue(expr, (v) => v > 0, 45_000);
    expect(first, await scrapeHealth()).not.toBeNull();
    const second = await waitForValue(expr, (v) => v > (first as number), 30_000);
    expect(second, await scrapeHealth()).not.toBeNull();
    expect(second as number).toBeGreaterThan(first as number);
    busy.kill('SIGKILL');
  }, 90_000);
});
