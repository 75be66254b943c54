// `procplay serve`: headless, for servers. Publishes the process groups on /metrics for Prometheus
// (process-exporter's names and port) and, when OTEL_EXPORTER_OTLP_ENDPOINT is set, pushes them
// over OTLP. --port also starts web mode (the UI and API, its own token) on 127.0.0.1.
// Sampling happens when a scraper asks (no live loop unless the UI is on), as process-exporter does.
import { readFileSync } from 'node:fs';
import { parseStringOptions, portOption } from '../cli/parse-options.js';
import { createServices } from '../app/services.js';
import { GROUP_BY, type GroupBy } from './groups.js';
import { DEFAULT_METRICS_PORT, isLoopbackHost, startMetricsServer } from './http.js';

export const SERVE_USAGE = `usage: procplay serve [--metrics-port N] [--group-by name|user|cgroup] [--token TOKEN | --token-file FILE] [--host ADDRESS] [--port N]
  --metrics-port N   port of /metrics (default ${DEFAULT_METRICS_PORT}, process-exporter's; 0 = any free port)
  --group-by KEY     group processes by name (default, like process-exporter's {{.Comm}}), user or cgroup
  --token TOKEN      scrapers must send "Authorization: Bearer TOKEN" (16+ characters); then it listens on
                     every interface. Prefer --token-file FILE or PROCPLAY_METRICS_TOKEN: a command line is visible to ps.
                     Without a token it listens on 127.0.0.1 only and serves nobody else.
  --host ADDRESS     listen on this address instead (a non-loopback one needs a token)
  --port N           also start web mode (the app in a browser) on 127.0.0.1:N
  OTEL_EXPORTER_OTLP_ENDPOINT / OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: also push OTLP/HTTP metrics there
  (every OTEL_METRIC_EXPORT_INTERVAL ms, default 60000).`;

export interface ServeArgs {
  metricsPort: number;
  webPort: number | null;
  groupBy: GroupBy;
  token: string | null;
  host: string | null;
}

export function parseServeArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ServeArgs {
  const o = parseStringOptions(
    argv,
    { 'metrics-port': { type: 'string' }, port: { type: 'string' }, 'group-by': { type: 'string' }, token: { type: 'string' }, 'token-file': { type: 'string' }, host: { type: 'string' } },
    SERVE_USAGE,
  );
  const args: ServeArgs = {
    metricsPort: o['metrics-port'] !== undefined ? portOption('--metrics-port', o['metrics-port']) : DEFAULT_METRICS_PORT,
    webPort: o.port !== undefined ? portOption('--port', o.port) : null,
    groupBy: 'name',
    token: null,
    host: o.host ?? null,
  };
  if (o['group-by'] !== undefined) {
    if (!(GROUP_BY as readonly string[]).includes(o['group-by'])) throw new Error(`--group-by must be one of ${GROUP_BY.join(', ')}, got "${o['group-by']}"`);
    args.groupBy = o['group-by'] as GroupBy;
  }
  let token: string | null = env.PROCPLAY_METRICS_TOKEN?.trim() || null;
  if (o.token !== undefined) token = o.token;
  if (o['token-file'] !== undefined) {
    const file = o['token-file'];
    try {
      token = readFileSync(file, 'utf8').trim();
    } catch (e) {
      throw new Error(`cannot read the token file ${file}: ${(e as Error).message}`, { cause: e });
    }
  }
  if (token !== null && (token.length < 16 || /\s/.test(token))) throw new Error('the token must be at least 16 characters, without spaces');
  args.token = token;
  if (args.host !== null && !isLoopbackHost(args.host) && token === null) {
    throw new Error(`refusing to serve metrics on ${args.host} without a token: give --token-file FILE (or --token, or PROCPLAY_METRICS_TOKEN)`);
  }
  return args;
}

export async function runServeCommand(argv: readonly string[]): Promise<void> {
  const args = parseServeArgs(argv);
  const services = createServices({ groupBy: args.groupBy });
  const closers: (() => Promise<void>)[] = [];
  let closing = false;
  const shutdown = async (why: string, code: number) => {
    if (closing) return;
    closing = true;
    console.error(`procplay serve: ${why}, stopping`);
    await Promise.allSettled([...closers.map((c) => c()), services.dispose()]);
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('interrupted', 0));
  process.on('SIGTERM', () => void shutdown('terminated', 0));
  process.on('SIGHUP', () => void shutdown('hang-up', 0));

  try {
    const server = await startMetricsServer({ metrics: services.metrics, port: args.metricsPort, host: args.host ?? undefined, token: args.token });
    closers.push(() => server.close());
    console.log(`procplay serve: metrics at ${server.url} (grouped by ${args.groupBy})`);
    console.log(
      server.tokenRequired
        ? `procplay serve: listening on ${server.host}: every scrape needs "Authorization: Bearer <token>"; requests without it get 401`
        : `procplay serve: no token, so only this machine can scrape (listening on ${server.host}); give --token-file to let other machines in`,
    );
    if (services.otlp) console.log(`procplay serve: pushing OTLP metrics to ${services.otlp.endpoint} every ${services.otlp.intervalMs} ms`);
    if (args.webPort !== null) {
      const { rendererDir } = await import('../app/paths.js');
      const { startWebServer } = await import('../web/server.js');
      services.monitor.start(); // the UI shows live ticks
      const web = await startWebServer({ services, staticDir: rendererDir, port: args.webPort, host: '127.0.0.1' });
      closers.push(() => web.close());
      console.log(`procplay web: ${web.url}`);
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const message = err.code === 'EADDRINUSE' ? `port ${args.metricsPort} is already in use (another exporter?): choose --metrics-port` : err.message;
    console.error(`procplay serve: ${message}`);
    await shutdown('could not start', 2);
  }
}
