// OTLP push: the same per-group figures, under the OpenTelemetry hostmetrics `process` scraper's
// metric names, sent by the OpenTelemetry SDK's OTLP/HTTP exporter. On when the standard
// OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_METRICS_ENDPOINT is set (the exporter reads
// them itself); OTEL_METRIC_EXPORT_INTERVAL sets the period (ms, default 60 s).
// hostmetrics puts one process in each resource; we aggregate per group, so the group goes in the
// data point's attributes instead (process.executable.name, process.owner or process.cgroup, and
// procplay.group). The group cap (groups.ts, 500) keeps every instrument at most 2 x 501 attribute
// sets, well under the SDK's default cardinality limit of 2,000.
import os from 'node:os';
import type { Attributes } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { appVersion } from '../app/version.js';
import type { ProcessMetrics } from './collector.js';
import type { GroupBy } from './groups.js';

const DEFAULT_INTERVAL_MS = 60_000;
const MIN_INTERVAL_MS = 100;

export interface OtlpExport {
  endpoint: string;
  intervalMs: number;
  /** Collects and sends once now (tests, and on shutdown so the last figures are not lost). */
  flush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** The configured endpoint, or null when OTLP push is off. */
export function otlpEndpoint(env: NodeJS.ProcessEnv = process.env): string | null {
  const metrics = env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT?.trim();
  if (metrics) return metrics;
  const base = env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim();
  return base ? `${base.replace(/\/+$/, '')}/v1/metrics` : null;
}

export function otlpIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.OTEL_METRIC_EXPORT_INTERVAL);
  return Number.isFinite(n) && n >= MIN_INTERVAL_MS ? n : DEFAULT_INTERVAL_MS;
}

const GROUP_ATTRIBUTE: Record<GroupBy, string> = { name: 'process.executable.name', user: 'process.owner', cgroup: 'process.cgroup' };

/** Starts the push when the environment asks for it; null when it does not. */
export function startOtlpExport(metrics: ProcessMetrics, env: NodeJS.ProcessEnv = process.env): OtlpExport | null {
  const endpoint = otlpEndpoint(env);
  if (!endpoint) return null;
  try {
    new URL(endpoint);
  } catch {
    console.error(`procplay: OTLP push is off: "${endpoint}" (from OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_EXPORTER_OTLP_METRICS_ENDPOINT) is not a URL`);
    return null;
  }
  const intervalMs = otlpIntervalMs(env);
  const reader = new PeriodicExportingMetricReader({
    exporter: new OTLPMetricExporter(),
    exportIntervalMillis: intervalMs,
    exportTimeoutMillis: Math.min(intervalMs, 30_000),
  });
  const provider = new MeterProvider({
    resource: defaultResource().merge(resourceFromAttributes({ 'service.name': 'procplay', 'service.version': appVersion(), 'host.name': os.hostname(), 'procplay.group_by': metrics.groupBy })),
    readers: [reader],
  });
  const meter = provider.getMeter('procplay.process-groups', appVersion());
  const cpuTime = meter.createObservableCounter('process.cpu.time', { description: 'Total CPU seconds broken down by different states.', unit: 's' });
  const diskIo = meter.createObservableCounter('process.disk.io', { description: 'Disk bytes transferred.', unit: 'By' });
  const memUsage = meter.createObservableUpDownCounter('process.memory.usage', { description: 'The amount of physical memory in use.', unit: 'By' });
  const memVirtual = meter.createObservableUpDownCounter('process.memory.virtual', { description: 'Virtual memory size.', unit: 'By' });
  const threads = meter.createObservableUpDownCounter('process.threads', { description: 'Process threads count.', unit: '{threads}' });
  const fds = meter.createObservableUpDownCounter('process.open_file_descriptors', { description: 'Number of file descriptors in use by the process.', unit: '{count}' });
  const faults = meter.createObservableCounter('process.paging.faults', { description: 'Number of page faults the process has made.', unit: '{faults}' });
  const ctx = meter.createObservableCounter('process.context_switches', { description: 'Number of times the process has been context switched.', unit: '{count}' });
  const procCount = meter.createObservableUpDownCounter('system.processes.count', { description: 'Total number of processes in each state.', unit: '{processes}' });
  const groupKey = GROUP_ATTRIBUTE[metrics.groupBy];

  meter.addBatchObservableCallback(
    async (result) => {
      const view = await metrics.collect();
      for (const g of view.groups) {
        const attrs: Attributes = { [groupKey]: g.name, 'procplay.group': g.name };
        result.observe(cpuTime, g.cpuUserSec, { ...attrs, state: 'user' });
        result.observe(cpuTime, g.cpuSystemSec, { ...attrs, state: 'system' });
        if (g.readBytes !== null) result.observe(diskIo, g.readBytes, { ...attrs, direction: 'read' });
        if (g.writeBytes !== null) result.observe(diskIo, g.writeBytes, { ...attrs, direction: 'write' });
        result.observe(memUsage, g.residentBytes, attrs);
        result.observe(memVirtual, g.virtualBytes, attrs);
        result.observe(threads, g.threads, attrs);
        if (g.openFds !== null) result.observe(fds, g.openFds, attrs);
        if (g.majorFaults !== null) result.observe(faults, g.majorFaults, { ...attrs, type: 'major' });
        if (g.minorFaults !== null) result.observe(faults, g.minorFaults, { ...attrs, type: 'minor' });
        if (g.ctxVoluntary !== null) result.observe(ctx, g.ctxVoluntary, { ...attrs, type: 'voluntary' });
        if (g.ctxNonvoluntary !== null) result.observe(ctx, g.ctxNonvoluntary, { ...attrs, type: 'involuntary' });
      }
      for (const [status, n] of Object.entries(view.host.byStatus)) result.observe(procCount, n, { status });
    },
    [cpuTime, diskIo, memUsage, memVirtual, threads, fds, faults, ctx, procCount],
  );

  return {
    endpoint,
    intervalMs,
    flush: () => reader.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
