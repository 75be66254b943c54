// The metrics endpoint as the app's settings turn it on and off (desktop app and web mode).
// Loopback-only by default; "allow other machines" listens on all interfaces and then requires a
// random bearer token, which the settings show so it can be pasted into a Prometheus config.
import { randomBytes } from 'node:crypto';
import type { MetricsStatus } from '../../shared/api.js';
import type { ProcessMetrics } from './collector.js';
import { DEFAULT_METRICS_PORT, startMetricsServer, type MetricsServer } from './http.js';

export class MetricsEndpoint {
  private server: MetricsServer | null = null;
  private token: string | null = null;
  private port = DEFAULT_METRICS_PORT;
  private network = false;
  private busy: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly metrics: ProcessMetrics,
    private readonly otlpEndpoint: () => string | null,
  ) {}

  status(): MetricsStatus {
    return {
      enabled: this.server !== null,
      url: this.server?.url ?? null,
      port: this.server?.port ?? this.port,
      network: this.network,
      token: this.server?.tokenRequired ? this.token : null,
      groupBy: this.metrics.groupBy,
      otlpEndpoint: this.otlpEndpoint(),
    };
  }

  /** Starts, restarts or stops the endpoint; a port already in use is an error and leaves it off. */
  configure(change: { enabled: boolean; port?: number; network?: boolean }): Promise<MetricsStatus> {
    const next = this.busy.then(async () => {
      await this.stop();
      if (change.port !== undefined) this.port = change.port;
      if (change.network !== undefined) this.network = change.network;
      if (!change.enabled) return this.status();
      if (this.network) this.token ??= randomBytes(16).toString('hex');
      try {
        this.server = await startMetricsServer({ metrics: this.metrics, port: this.port, host: this.network ? '0.0.0.0' : '127.0.0.1', token: this.network ? this.token : null });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new Error(code === 'EADDRINUSE' ? `port ${this.port} is already in use: choose another one` : `the metrics endpoint did not start: ${(e as Error).message}`, { cause: e });
      }
      return this.status();
    });
    this.busy = next.catch(() => undefined);
    return next;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await s.close();
  }
}
