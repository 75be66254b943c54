// The exposition prom-client writes for a known view: process-exporter's exact family names and
// labels in both formats, the host counts, and per-process series only for the listed processes.
import { describe, expect, it } from 'vitest';
import type { MetricsView } from '../../main/metrics/collector.js';
import { OPENMETRICS_TEXT, PROMETHEUS_TEXT, renderExposition } from '../../main/metrics/exposition.js';

const group = {
  name: 'sleep',
  procs: 3,
  cpuUserSec: 1.5,
  cpuSystemSec: 0.25,
  readBytes: 4096,
  writeBytes: null,
  minorFaults: 10,
  majorFaults: 0,
  ctxVoluntary: 7,
  ctxNonvoluntary: 1,
  residentBytes: 3000,
  swapBytes: 0,
  worstFdRatio: 0.01,
  virtualBytes: 9000,
  threads: 3,
  states: { Running: 0, Sleeping: 3, Waiting: 0, Zombie: 0, Other: 0 },
  oldestStartSec: 1_700_000_000,
  openFds: 9,
};
const view = (owned: MetricsView['owned']): MetricsView => ({
  takenAt: 0,
  groupBy: 'name',
  groups: [group],
  host: { processes: 120, zombies: 2, byStatus: { running: 1, sleeping: 117, blocked: 0, zombies: 2, stopped: 0, idle: 0, unknown: 0 } },
  owned,
});
const mine = { pid: 4242, startTimeSec: 1_700_000_123.45, name: 'python3', userSec: 0.5, systemSec: 0.1, residentBytes: 100, virtualBytes: 200, threads: 2, openFds: 4, readBytes: 0, writeBytes: 0 };

describe('renderExposition', () => {
  it("writes process-exporter's families with the groupname label (Prometheus text)", async () => {
    const text = await renderExposition(view([]), PROMETHEUS_TEXT);
    for (const line of [
      'namedprocess_namegroup_num_procs{groupname="sleep"} 3',
      'namedprocess_namegroup_cpu_seconds_total{groupname="sleep",mode="user"} 1.5',
      'namedprocess_namegroup_cpu_seconds_total{groupname="sleep",mode="system"} 0.25',
      'namedprocess_namegroup_read_bytes_total{groupname="sleep"} 4096',
      'namedprocess_namegroup_memory_bytes{groupname="sleep",memtype="resident"} 3000',
      'namedprocess_namegroup_memory_bytes{groupname="sleep",memtype="virtual"} 9000',
      'namedprocess_namegroup_memory_bytes{groupname="sleep",memtype="swapped"} 0',
      'namedprocess_namegroup_num_threads{groupname="sleep"} 3',
      'namedprocess_namegroup_states{groupname="sleep",state="Sleeping"} 3',
      'namedprocess_namegroup_states{groupname="sleep",state="Zombie"} 0',
      'namedprocess_namegroup_oldest_start_time_seconds{groupname="sleep"} 1700000000',
      'namedprocess_namegroup_open_filedesc{groupname="sleep"} 9',
      'namedprocess_namegroup_worst_fd_ratio{groupname="sleep"} 0.01',
      'namedprocess_namegroup_minor_page_faults_total{groupname="sleep"} 10',
      'namedprocess_namegroup_context_switches_total{groupname="sleep",ctxswitchtype="voluntary"} 7',
      'procplay_host_processes 120',
      'procplay_host_zombie_processes 2',
      '# TYPE namedprocess_namegroup_cpu_seconds_total counter',
      '# TYPE namedprocess_namegroup_num_procs gauge',
    ]) {
      expect(text.split('\n')).toContain(line);
    }
    // write_bytes was never readable: no series rather than a made-up zero.
    expect(text).not.toMatch(/^namedprocess_namegroup_write_bytes_total\{/m);
    expect(text).not.toMatch(/^procplay_process_/m);
  });

  it('writes OpenMetrics with counter families named without _total and # EOF', async () => {
    const text = await renderExposition(view([]), OPENMETRICS_TEXT);
    expect(text).toContain('# TYPE namedprocess_namegroup_cpu_seconds counter');
    expect(text).toContain('namedprocess_namegroup_cpu_seconds_total{groupname="sleep",mode="user"} 1.5');
    expect(text.trimEnd().endsWith('# EOF')).toBe(true);
    // A second render in the other format is unaffected (a fresh registry each time).
    expect(await renderExposition(view([]), PROMETHEUS_TEXT)).toContain('# TYPE namedprocess_namegroup_cpu_seconds_total counter');
  });

  it('writes per-process series only for the processes listed as started by the app', async () => {
    const text = await renderExposition(view([mine]), PROMETHEUS_TEXT);
    expect(text).toContain('procplay_process_cpu_seconds_total{pid="4242",start_time="1700000123.45",name="python3",mode="user"} 0.5');
    expect(text).toContain('procplay_process_memory_bytes{pid="4242",start_time="1700000123.45",name="python3",memtype="resident"} 100');
    expect(text).toContain('procplay_process_open_filedesc{pid="4242",start_time="1700000123.45",name="python3"} 4');
    expect(await renderExposition(view([]), PROMETHEUS_TEXT)).not.toContain('pid="4242"');
  });
});

describe('OTLP settings from the environment', async () => {
  const { otlpEndpoint, otlpIntervalMs, startOtlpExport } = await import('../../main/metrics/otlp.js');
  it('reads the standard variables: the metrics one as is, the base one plus /v1/metrics', () => {
    expect(otlpEndpoint({})).toBeNull();
    expect(otlpEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/' })).toBe('http://collector:4318/v1/metrics');
    expect(otlpEndpoint({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://a:4318', OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://b:9999/custom' })).toBe('http://b:9999/custom');
    expect(otlpIntervalMs({})).toBe(60_000);
    expect(otlpIntervalMs({ OTEL_METRIC_EXPORT_INTERVAL: '5000' })).toBe(5000);
    expect(otlpIntervalMs({ OTEL_METRIC_EXPORT_INTERVAL: 'soon' })).toBe(60_000);
  });
  it('stays off, with a message, for an endpoint that is not a URL', () => {
    const metrics = { groupBy: 'name', collect: async () => view([]) } as unknown as Parameters<typeof startOtlpExport>[0];
    expect(startOtlpExport(metrics, { OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'not a url' })).toBeNull();
  });
});
