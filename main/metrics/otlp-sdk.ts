// The OpenTelemetry side of OTLP push (see otlp.ts, which loads this file only when the push is
// on): a MeterProvider whose observable instruments read the per-group figures at each export.
import os from 'node:os';
import type { Attributes } from '@opentelemetry/api';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { appVersion } from '../app/version.js';
import type { ProcessMetrics } from './collector.js';
import type { GroupBy } from './groups.js';

const GROUP_ATTRIBUTE: Record<GroupBy, string> = { name: 'process.executable.name', user: 'process.owner', cgroup: 'process.cgroup' };

export function startSdkExport(metrics: ProcessMetrics, intervalMs: number): { flush(): Promise<void>; shutdown(): Promise<void> } {
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
    flush: () => reader.forceFlush(),
    shutdown: () => provider.shutdown(),
  };
}
