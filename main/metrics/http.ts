// The /metrics endpoint. Who may scrape: a client holding the bearer token (Prometheus'
// `authorization` scrape setting), or, when no token is set, only this machine: the server then
// binds a loopback address and also refuses any peer that is not loopback. Without a token it
// never listens on the network.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tokensEqual } from '../web/auth.js';
import type { ProcessMetrics } from './collector.js';

export const METRICS_PATH = '/metrics';
export const DEFAULT_METRICS_PORT = 9256; // process-exporter's port: scrape configs carry over

export interface MetricsServerOptions {
  metrics: ProcessMetrics;
  port?: number;
  /** Where to listen; by default all interfaces with a token, 127.0.0.1 without. */
  host?: string;
  /** Required from every scraper as `Authorization: Bearer TOKEN`; null = loopback only. */
  token: string | null;
}

export interface MetricsServer {
  url: string;
  host: string;
  port: number;
  tokenRequired: boolean;
  close(): Promise<void>;
}

export const isLoopbackHost = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '::1' || /^127\./.test(host);
const isLoopbackPeer = (addr: string | undefined) => !!addr && (addr === '::1' || /^(::ffff:)?127\./.test(addr));

/** Throws when the options would expose process data to the network without a token. */
export function checkExposure(host: string, token: string | null): void {
  if (token === null && !isLoopbackHost(host)) {
    throw new Error(`refusing to serve metrics on ${host} without a token: give --token (or PROCPLAY_METRICS_TOKEN), or listen on 127.0.0.1`);
  }
  if (token !== null && token.length < 16) throw new Error('the metrics token must be at least 16 characters');
}

export async function startMetricsServer(opts: MetricsServerOptions): Promise<MetricsServer> {
  const token = opts.token;
  const host = opts.host ?? (token ? '0.0.0.0' : '127.0.0.1');
  checkExposure(host, token);
  // prom-client is loaded when a metrics server starts, not with the app: most runs never serve /metrics.
  const { negotiateExposition, renderExposition } = await import('./exposition.js');

  const server = http.createServer((req, res) => {
    const reply = (status: number, text: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
      res.end(text + '\n');
    };
    if (token === null && !isLoopbackPeer(req.socket.remoteAddress)) return reply(403, 'Forbidden: metrics are served to this machine only (no token set)');
    if (token !== null) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
      if (!m || !tokensEqual(m[1], token)) return reply(401, 'Unauthorised: send Authorization: Bearer TOKEN', { 'WWW-Authenticate': 'Bearer realm="procplay metrics"' });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(405, 'Method not allowed', { Allow: 'GET, HEAD' });
    const path = (req.url ?? '/').split('?')[0];
    if (path !== METRICS_PATH) return reply(404, `Not found: metrics are at ${METRICS_PATH}`);
    const type = negotiateExposition(req.headers.accept);
    opts.metrics
      .collect()
      .then((view) => renderExposition(view, type))
      .then(
        (body) => {
          res.writeHead(200, { 'Content-Type': type, 'Cache-Control': 'no-store' });
          res.end(req.method === 'HEAD' ? undefined : body);
        },
        (err: Error) => reply(500, `collecting metrics failed: ${err.message}`),
      );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? DEFAULT_METRICS_PORT, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${shown}:${port}${METRICS_PATH}`,
    host,
    port,
    tokenRequired: token !== null,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
