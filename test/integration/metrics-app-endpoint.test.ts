// The metrics endpoint as the app's settings turn it on (through the API contract, as the desktop
// app and web mode do): per-process series exist only for a playground run's live processes and
// disappear when the run ends; loopback only without a token; with "allow other machines" a token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsStatus } from '../../shared/api.js';
import type { PlaygroundRunInfo } from '../../shared/playground.js';
import { createServices, type AppServices } from '../../main/app/services.js';
import { freePort, httpGet } from '../support/metrics-serve.js';
import { survivorsAfter } from '../support/marked-processes.js';

let services: AppServices;
let nextId = 1;

async function call<T>(method: string, params: unknown): Promise<T> {
  const reply = await services.dispatch({ id: nextId++, method, params });
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.result as T;
}

beforeAll(() => {
  services = createServices();
});

afterAll(async () => {
  await services.dispose();
}, 20_000);

/** The lines of procplay_process_* series for one pid. */
function seriesOfPid(body: string, pid: number): string[] {
  return body.split('\n').filter((l) => l.startsWith('procplay_process_') && l.includes(`pid="${pid}"`));
}

describe('metrics endpoint from the settings', () => {
  it('is off until turned on, refuses bad settings, and serves loopback-only without a token', async () => {
    const off = await call<MetricsStatus>('metrics.status', {});
    expect(off).toMatchObject({ enabled: false, url: null, token: null, groupBy: 'name' });
    await expect(call('metrics.configure', { enabled: true, port: 70000 })).rejects.toThrow(/port/);
    await expect(call('metrics.configure', { enabled: 'yes' })).rejects.toThrow(/enabled/);
    expect((await call<MetricsStatus>('metrics.status', {})).enabled).toBe(false);

    const on = await call<MetricsStatus>('metrics.configure', { enabled: true, port: await freePort(), network: false });
    expect(on.enabled).toBe(true);
    expect(on.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/metrics$/);
    expect(on.token).toBeNull();
    const r = await httpGet(on.port, '/metrics');
    expect(r.status).toBe(200);
    expect(r.body).toContain('namedprocess_namegroup_num_procs{groupname="node"}');
    expect(r.body).toMatch(/^procplay_host_processes \d+$/m);
    expect(r.body).toMatch(/^procplay_host_zombie_processes \d+$/m);
  });

  it('exposes the series of a playground process while it runs and drops them when it ends', async () => {
    const { port } = await call<MetricsStatus>('metrics.status', {});
    const run = await call<PlaygroundRunInfo>('playground.run', { command: 'exec sleep 60' });
    let body = '';
    const end = performance.now() + 10_000;
    while (seriesOfPid(body, run.pid).length === 0 && performance.now() < end) {
      body = (await httpGet(port, '/metrics')).body;
      if (seriesOfPid(body, run.pid).length === 0) await new Promise((r) => setTimeout(r, 200));
    }
    const lines = seriesOfPid(body, run.pid);
    expect(lines.some((l) => /^procplay_process_cpu_seconds_total\{pid="\d+",start_time="[\d.]+",name="sleep",mode="user"\} [\d.e-]+$/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('procplay_process_memory_bytes{') && l.includes('memtype="resident"'))).toBe(true);
    // Only processes the app started get such series: the test runner's own pid has none.
    expect(seriesOfPid(body, process.pid)).toEqual([]);

    await call('playground.stop', { runId: run.runId });
    expect(await survivorsAfter([run.pid], 5000)).toEqual([]);
    const after = (await httpGet(port, '/metrics')).body;
    expect(seriesOfPid(after, run.pid)).toEqual([]);
    expect(after).toContain('namedprocess_namegroup_num_procs');
  }, 30_000);

  it('with "allow other machines" listens on every interface and requires the token it shows', async () => {
    const on = await call<MetricsStatus>('metrics.configure', { enabled: true, network: true });
    expect(on.network).toBe(true);
    expect(on.token).toMatch(/^[0-9a-f]{32}$/);
    expect(on.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+\/metrics$/);
    expect((await httpGet(on.port, '/metrics')).status).toBe(401);
    expect((await httpGet(on.port, '/metrics', { Authorization: `Bearer ${on.token}` })).status).toBe(200);
    const off = await call<MetricsStatus>('metrics.configure', { enabled: false });
    expect(off.enabled).toBe(false);
    await expect(httpGet(on.port, '/metrics')).rejects.toThrow(/ECONNREFUSED/);
  });
});
