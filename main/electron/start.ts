// `npm start`: opens the Electron window; where Electron's binary cannot be had (an offline
// machine), says so in one line and runs web mode instead. Resolving the binary happens in a
// child process because require('electron') may try (and fail) to download it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appRoot } from '../app/paths.js';

const RESOLVE_TIMEOUT_MS = 5 * 60_000;

export function findElectronBinary(): { path: string } | { error: string } {
  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(String(require('electron')))"], {
    cwd: appRoot,
    encoding: 'utf8',
    timeout: RESOLVE_TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = probe.stdout?.trim() ?? '';
  if (probe.status === 0 && out && existsSync(out)) return { path: out };
  const reason = (probe.stderr ?? '').split('\n').find((l) => /error|fail|ENOTFOUND|ECONN/i.test(l))?.trim();
  return { error: reason ? reason.slice(0, 160) : `exit status ${probe.status ?? probe.signal}` };
}

async function main(): Promise<void> {
  const found = findElectronBinary();
  if ('path' in found) {
    const child = spawn(found.path, [appRoot, ...process.argv.slice(2)], { stdio: 'inherit' });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
    return;
  }
  console.log(`procplay: Electron's binary is not available on this machine (${found.error}); starting web mode instead.`);
  const { runWebMode } = await import('../web/serve.js');
  await runWebMode(process.argv.slice(2));
}

main().catch((err: Error) => {
  console.error(`procplay: ${err.message}`);
  process.exit(1);
});
