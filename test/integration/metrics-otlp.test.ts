// OTLP push: `procplay serve` with OTEL_EXPORTER_OTLP_ENDPOINT set sends its groups to a small
// OTLP/HTTP receiver here. The OpenTelemetry exporter's requests (OTLP/JSON, decoded with JSON.parse
// per the OTLP specification's JSON encoding) carry the hostmetrics process scraper's names and the
// group attributes, with a bounded number of attribute sets.
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { survivorsAfter, until } from '../support/marked-processes.js';
import { startServe, type ServeProcess } from '../support/metrics-serve.js';

interface AnyValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
}
interface KeyValue {
  key: string;
  value: AnyValue;
}
interface DataPoint {
  attributes?: KeyValue[];
  asDouble?: number;
  asInt?: string | number;
}
interface OtlpMetric {
  name: string;
  unit?: string;
  sum?: { dataPoints: DataPoint[]; isMonotonic?: boolean; aggregationTemporality?: number };
  gauge?: { dataPoints: DataPoint[] };
}
interface ExportRequest {
  resourceMetrics: { resource?: { attributes?: KeyValue[] }; scopeMetrics: { scope?: { name?: string }; metrics: OtlpMetric[] }[] }[];
}

const MARK = `metrics-otlp-${process.pid}`;
const received: { path: string; contentType: string; body: ExportRequest }[] = [];
let receiver: http.Server;
let serve: ServeProcess;
const sleeps: ChildProcess[] = [];

const attr = (kvs: KeyValue[] | undefined, key: string) => kvs?.find((kv) => kv.key === key)?.value;
const metricsOf = (req: ExportRequest) => req.resourceMetrics.flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics));

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let raw = Buffer.concat(chunks);
      if (req.headers['content-encoding'] === 'gzip') raw = gunzipSync(raw);
      received.push({ path: req.url ?? '', contentType: String(req.headers['content-type']), body: JSON.parse(raw.toString('utf8')) });
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  const port = (receiver.address() as AddressInfo).port;
  for (let i = 0; i < 2; i++) sleeps.push(spawn('sleep', ['120'], { stdio: 'ignore', env: { ...process.env, PROCPLAY_TEST_MARK: MARK } }));
  serve = await startServe(['--metrics-port', '0'], { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_METRIC_EXPORT_INTERVAL: '500' }, MARK);
}, 30_000);

afterAll(async () => {
  await serve?.end();
  for (const s of sleeps) s.kill('SIGKILL');
  await new Promise((r) => receiver?.close(r));
  expect(await survivorsAfter(sleeps.map((s) => s.pid!), 5000)).toEqual([]);
}, 30_000);

describe('OTLP push', () => {
  it('says where it pushes at start', async () => {
    // The lines after the URL may arrive a moment after it.
    await until(() => /pushing OTLP/.test(serve.stdout()), 5000);
    expect(serve.stdout()).toMatch(/no token, so only this machine can scrape \(listening on 127\.0\.0\.1\)/);
    expect(serve.stdout()).toMatch(/pushing OTLP metrics to http:\/\/127\.0\.0\.1:\d+\/v1\/metrics every 500 ms/);
  });

  it("sends the hostmetrics process scraper's metric names, aggregated per group", async () => {
    expect(await until(() => received.length >= 2, 20_000, 100)).toBe(true);
    const last = received[received.length - 1];
    expect(last.path).toBe('/v1/metrics');
    expect(last.contentType).toMatch(/^application\/json/);
    expect(attr(last.body.resourceMetrics[0].resource?.attributes, 'service.name')?.stringValue).toBe('procplay');

    const metrics = metricsOf(last.body);
    const names = metrics.map((m) => m.name);
    for (const name of ['process.cpu.time', 'process.memory.usage', 'process.memory.virtual', 'process.disk.io', 'process.threads', 'process.open_file_descriptors', 'process.paging.faults', 'process.context_switches', 'system.processes.count']) {
      expect(names).toContain(name);
    }
    const byName = (n: string) => metrics.find((m) => m.name === n)!;

    const cpu = byName('process.cpu.time');
    expect(cpu.unit).toBe('s');
    expect(cpu.sum?.isMonotonic).toBe(true);
    const cpuStates = new Set(cpu.sum!.dataPoints.map((dp) => attr(dp.attributes, 'state')?.stringValue));
    expect(cpuStates).toEqual(new Set(['user', 'system']));

    const mem = byName('process.memory.usage');
    expect(mem.unit).toBe('By');
    const sleepPoint = mem.sum!.dataPoints.find((dp) => attr(dp.attributes, 'process.executable.name')?.stringValue === 'sleep');
    expect(sleepPoint, 'a data point for the group "sleep"').toBeDefined();
    expect(attr(sleepPoint!.attributes, 'procplay.group')?.stringValue).toBe('sleep');
    expect(Number(sleepPoint!.asInt ?? sleepPoint!.asDouble)).toBeGreaterThan(0);

    const io = byName('process.disk.io');
    expect(new Set(io.sum!.dataPoints.map((dp) => attr(dp.attributes, 'direction')?.stringValue))).toEqual(new Set(['read', 'write']));

    const threads = byName('process.threads');
    const sleepThreads = threads.sum!.dataPoints.find((dp) => attr(dp.attributes, 'process.executable.name')?.stringValue === 'sleep');
    expect(Number(sleepThreads!.asInt ?? sleepThreads!.asDouble)).toBeGreaterThanOrEqual(2);

    const counts = byName('system.processes.count');
    const total = counts.sum!.dataPoints.reduce((s, dp) => s + Number(dp.asInt ?? dp.asDouble), 0);
    expect(total).toBeGreaterThan(10);

    // Attribute sets per instrument stay bounded by the group cap (2 x 501 at most).
    for (const m of metrics) expect((m.sum ?? m.gauge)!.dataPoints.length).toBeLessThanOrEqual(1002);
  }, 30_000);
});
