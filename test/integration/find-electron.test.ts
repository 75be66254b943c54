// The launcher's Electron lookup on a stand-in `electron` package: a downloaded binary is found
// without running electron's index.js, and a failed download is remembered instead of being tried
// (for seconds, offline) at every start — until the retry time, a reinstall, or when asked.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { failureFile, findElectronBinary, RETRY_AFTER_MS } from '../../main/launcher/find-electron.js';

let root: string;
let electronDir: string;
let probes: string;
const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({ PATH: process.env.PATH, ...extra });
/** How many times the stand-in's index.js ran (each run is one download attempt). */
const probeCount = () => (existsSync(probes) ? readFileSync(probes, 'utf8').length : 0);

beforeEach(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'procplay-find-electron-'));
  electronDir = path.join(root, 'node_modules', 'electron');
  probes = path.join(root, 'probes.txt');
  mkdirSync(electronDir, { recursive: true });
  writeFileSync(path.join(electronDir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.0.0', main: 'index.js' }));
  // Like electron's index.js offline: its download (install.js) says why it failed, then it throws.
  writeFileSync(path.join(electronDir, 'index.js'), `require('fs').appendFileSync(${JSON.stringify(probes)}, 'x');\nconsole.error('TypeError: fetch failed');\nprocess.exit(1);\n`);
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('findElectronBinary', () => {
  it('finds a downloaded binary from path.txt without running electron', () => {
    writeFileSync(path.join(electronDir, 'path.txt'), 'electron');
    mkdirSync(path.join(electronDir, 'dist'));
    writeFileSync(path.join(electronDir, 'dist', 'electron'), '');
    expect(findElectronBinary({ root, env: env() })).toEqual({ path: path.join(electronDir, 'dist', 'electron') });
    expect(probeCount()).toBe(0);
  });

  it('remembers a failed download, and tries again after the retry time, a reinstall, or when asked', () => {
    const t0 = 1_800_000_000_000;
    expect(findElectronBinary({ root, env: env(), now: t0 })).toEqual({ error: 'its download failed: fetch failed' });
    expect(probeCount()).toBe(1);
    expect(existsSync(failureFile(root))).toBe(true);

    const again = findElectronBinary({ root, env: env(), now: t0 + 5 * 60_000 });
    expect(again).toEqual({ error: expect.stringMatching(/^its download failed 5 min ago: fetch failed; tried again after 60 min, or now with PROCPLAY_RETRY_ELECTRON=1$/) });
    expect(probeCount()).toBe(1);

    findElectronBinary({ root, env: env({ PROCPLAY_RETRY_ELECTRON: '1' }), now: t0 + 6 * 60_000 });
    expect(probeCount()).toBe(2);

    findElectronBinary({ root, env: env(), now: t0 + 6 * 60_000 + RETRY_AFTER_MS });
    expect(probeCount()).toBe(3);

    // A reinstall (a new package.json) forgets the failure.
    const later = new Date(Date.now() + 10_000);
    utimesSync(path.join(electronDir, 'package.json'), later, later);
    findElectronBinary({ root, env: env(), now: t0 + 7 * 60_000 + RETRY_AFTER_MS });
    expect(probeCount()).toBe(4);
  });

  it('says so when the electron package is not installed at all', () => {
    rmSync(electronDir, { recursive: true });
    expect(findElectronBinary({ root, env: env() })).toEqual({ error: 'the electron package is not installed: run "npm install"' });
  });
});
