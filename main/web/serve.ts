// `npm run web` / `procplay web`: starts web mode and prints the one line a user needs,
// `procplay web: http://127.0.0.1:PORT/?token=TOKEN`. Ctrl+C or SIGTERM ends every process the app started.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServices } from '../app/services.js';
import { rendererDir } from '../app/paths.js';
import { startWebServer } from './server.js';
import { parseStringOptions, portOption } from '../cli/parse-options.js';

export interface WebArgs {
  port: number;
  host: string;
}

export function parseWebArgs(argv: readonly string[]): WebArgs {
  const o = parseStringOptions(argv, { port: { type: 'string' }, host: { type: 'string' } }, '(options: --port N, --host ADDRESS)');
  return { port: o.port !== undefined ? portOption('--port', o.port) : 0, host: o.host ?? '127.0.0.1' };
}

/**
 * A stop ends lessons (2.5 s grace), playground runs (1 s grace) and then waits for the watchdog's
 * sweep (3 s): past this, something hangs, and web mode exits anyway (the watchdog, whose pipe
 * closes with us, ends what is left) rather than ignore the user's Ctrl+C.
 */
const SHUTDOWN_LIMIT_MS = 8000;

function exitNow(why: string): never {
  console.error(`procplay web: ${why}`);
  process.exit(1);
}

const isLoopback = (host: string) => host === '127.0.0.1' || host === 'localhost' || host === '::1';

export async function runWebMode(argv: readonly string[]): Promise<void> {
  const args = parseWebArgs(argv);
  if (!existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`the UI is not built (${rendererDir} is missing): run "npm run build"`);
  }
  if (!isLoopback(args.host)) {
    console.error(`procplay web: WARNING: listening on ${args.host}, reachable from other machines; anyone with the token can see and kill your processes.`);
  }
  const services = createServices();
  services.monitor.start();
  const server = await startWebServer({
    services,
    staticDir: rendererDir,
    port: args.port,
    host: args.host,
    log: (line) => console.error(`procplay web: ${line}`),
  });
  console.log(`procplay web: ${server.url}`);

  let closing = false;
  const shutdown = async (why: string) => {
    // A second Ctrl+C means "now", as in most terminal programs; the watchdog ends what is left.
    if (closing) exitNow(`${why} again: exiting now; the watchdog ends what is left`);
    closing = true;
    console.error(`procplay web: ${why}, stopping`);
    setTimeout(() => exitNow(`still stopping after ${SHUTDOWN_LIMIT_MS / 1000} s: exiting; the watchdog ends what is left`), SHUTDOWN_LIMIT_MS).unref();
    await Promise.allSettled([services.dispose(), server.close()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('interrupted'));
  process.on('SIGTERM', () => void shutdown('terminated'));
  process.on('SIGHUP', () => void shutdown('hang-up'));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  runWebMode(process.argv.slice(2)).catch((err: Error) => {
    console.error(`procplay web: ${err.message}`);
    process.exit(2);
  });
}
