// Finds Electron's binary without loading 'electron' here: require('electron') may try (and,
// offline, fail) to download it, so it runs in a child process whose failure is just an answer.
import { spawnSync } from 'node:child_process';
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
  const detail = reason ? reason.replace(/^(Type)?Error:\s*/, '').slice(0, 160) : `exit status ${probe.status ?? probe.signal}`;
  return { error: `its download failed: ${detail}` };
}

