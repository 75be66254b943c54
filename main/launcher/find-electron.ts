// Finds Electron's binary without loading 'electron' here: require('electron') may try (and,
// offline, fail) to download it, so it runs in a child process whose failure is just an answer.
// Two things keep a second `npm start` fast: a binary already downloaded is found by reading
// electron's own path.txt (as its index.js does), with no child process; and a download that just
// failed is not tried again at every start (on an offline machine that costs seconds each time)
// but remembered for RETRY_AFTER_MS, or until `electron` is reinstalled.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { appRoot } from '../app/paths.js';

const RESOLVE_TIMEOUT_MS = 5 * 60_000;
/** A failed download is tried again after this long (or at once with PROCPLAY_RETRY_ELECTRON=1). */
export const RETRY_AFTER_MS = 60 * 60_000;

export type ElectronLookup = { path: string } | { error: string };

interface RememberedFailure {
  /** When the download failed (ms since the epoch). */
  at: number;
  reason: string;
  /** mtime of electron's package.json then: a reinstall changes it and clears the memory. */
  packageMtimeMs: number;
}

export interface FindElectronOptions {
  root?: string;
  env?: NodeJS.ProcessEnv;
  now?: number;
}

/** Where the last failed download is remembered (beside the build caches, outside the repository). */
export const failureFile = (root: string) => path.join(root, 'node_modules', '.cache', 'procplay', 'electron-download-failed.json');

/** Pure enough to test: the binary electron's index.js would name, if it is already on disk (null otherwise). */
export function downloadedBinary(electronDir: string, env: NodeJS.ProcessEnv = process.env): string | null {
  const pathFile = path.join(electronDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : '';
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  const full = override ? path.join(override, executable || 'electron') : executable ? path.join(electronDir, 'dist', executable) : null;
  return full && existsSync(full) ? full : null;
}

function readFailure(file: string): RememberedFailure | null {
  try {
    const f = JSON.parse(readFileSync(file, 'utf8')) as RememberedFailure;
    return typeof f.at === 'number' && typeof f.reason === 'string' && typeof f.packageMtimeMs === 'number' ? f : null;
  } catch {
    return null;
  }
}

function agoText(ms: number): string {
  const min = Math.round(ms / 60_000);
  return min < 1 ? 'less than a minute ago' : `${min} min ago`;
}

export function findElectronBinary(opts: FindElectronOptions = {}): ElectronLookup {
  const root = opts.root ?? appRoot;
  const env = opts.env ?? process.env;
  const now = opts.now ?? Date.now();
  const electronDir = path.join(root, 'node_modules', 'electron');
  let packageMtimeMs: number;
  try {
    packageMtimeMs = statSync(path.join(electronDir, 'package.json')).mtimeMs;
  } catch {
    return { error: 'the electron package is not installed: run "npm install"' };
  }
  const ready = downloadedBinary(electronDir, env);
  if (ready) return { path: ready };

  const file = failureFile(root);
  const last = env.PROCPLAY_RETRY_ELECTRON === '1' ? null : readFailure(file);
  if (last && last.packageMtimeMs === packageMtimeMs && now >= last.at && now - last.at < RETRY_AFTER_MS) {
    return { error: `its download failed ${agoText(now - last.at)}: ${last.reason}; tried again after ${RETRY_AFTER_MS / 60_000} min, or now with PROCPLAY_RETRY_ELECTRON=1` };
  }

  const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(String(require('electron')))"], {
    cwd: root,
    env,
    encoding: 'utf8',
    timeout: RESOLVE_TIMEOUT_MS,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const out = probe.stdout?.trim() ?? '';
  if (probe.status === 0 && out && existsSync(out)) return { path: out };
  const line = (probe.stderr ?? '').split('\n').find((l) => /error|fail|ENOTFOUND|ECONN/i.test(l))?.trim();
  const reason = line ? line.replace(/^(Type)?Error:\s*/, '').slice(0, 160) : `exit status ${probe.status ?? probe.signal}`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ at: now, reason, packageMtimeMs } satisfies RememberedFailure));
  } catch {
    // Not remembered (a read-only install): the next start simply tries again.
  }
  return { error: `its download failed: ${reason}` };
}
