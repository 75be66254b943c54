// OTLP push: the same per-group figures, under the OpenTelemetry hostmetrics `process` scraper's
// metric names, sent by the OpenTelemetry SDK's OTLP/HTTP exporter. On when the standard
// OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_METRICS_ENDPOINT is set (the exporter reads
// them itself); OTEL_METRIC_EXPORT_INTERVAL sets the period (ms, default 60 s).
// hostmetrics puts one process in each resource; we aggregate per group, so the group goes in the
// data point's attributes instead (process.executable.name, process.owner or process.cgroup, and
// procplay.group). The group cap (groups.ts, 500) keeps every instrument at most 2 x 501 attribute
// sets, well under the SDK's default cardinality limit of 2,000.
// This file decides whether the push is on; otlp-sdk.ts (loaded only then) does it.
import type { ProcessMetrics } from './collector.js';

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

/**
 * Starts the push when the environment asks for it; null when it does not. The OpenTelemetry SDK
 * (some 800 files: about 17 MiB of memory and a large share of start-up) is loaded only then, from
 * otlp-sdk.ts; until it is loaded, flush and shutdown wait for it.
 */
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
  const sdk = import('./otlp-sdk.js').then((m) => m.startSdkExport(metrics, intervalMs));
  sdk.catch((err: Error) => console.error(`procplay: OTLP push is off: the OpenTelemetry SDK did not load (${err.message})`));
  return {
    endpoint,
    intervalMs,
    flush: async () => (await sdk).flush(),
    shutdown: async () => (await sdk).shutdown(),
  };
}
