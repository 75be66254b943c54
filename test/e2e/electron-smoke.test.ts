// `--smoke` (what `npm run test:electron` runs in the real Electron) through the Electron-shaped
// harness: the app opens its window, waits for the first snapshot to render, captures the page to
// a PNG, runs one lesson through the UI and exits 0, leaving no process behind. And where
// Electron's binary is missing, `npm run test:electron` says so in one line and claims no pass.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../main/launcher/find-electron.js';
import { ElectronHarness, REPO_ROOT } from '../support/electron-harness/host.js';
import { pidsWithEnv, TEST_MARK_ENV, until } from '../support/marked-processes.js';

describe('the --smoke run', () => {
  it('renders, captures the window to a PNG, runs a lesson and exits 0 (under the harness)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'procplay-smoke-'));
    const png = path.join(dir, 'smoke.png');
    const mark = `smoke-${process.pid}`;
    const harness = await ElectronHarness.start({ args: ['--smoke', `--smoke-png=${png}`], env: { [TEST_MARK_ENV]: mark } });
    try {
      const status = await harness.waitForExit(200_000);
      expect(harness.output).toMatch(/procplay smoke: ok \(\d+ rows rendered; window captured to .*smoke\.png, \d+ bytes; lesson pid-ppid: \d+ observations ok\)/);
      expect(status).toEqual({ code: 0, signal: null });
      const image = readFileSync(png);
      expect(image.subarray(1, 4).toString('latin1')).toBe('PNG');
      // The capture is of the window the app created (1280 × 820).
      expect([image.readUInt32BE(16), image.readUInt32BE(20)]).toEqual([1280, 820]);
      // Every process the app started (the lesson's, the watchdog) has ended with it.
      expect(await until(() => pidsWithEnv(TEST_MARK_ENV, mark).length === 0, 10_000)).toBe(true);
    } finally {
      await harness.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it('npm run test:electron without the binary: one line saying so, exit 0, no pass claimed', async () => {
    const found = findElectronBinary();
    if ('path' in found) {
      // A machine with Electron downloaded runs the real smoke test instead.
      expect(existsSync(found.path)).toBe(true);
      return;
    }
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist/main/electron/test-electron.js')], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(out.trim()).toMatch(/^test:electron: not run: Electron's binary is not available on this machine \(.+\)\.$/);
    expect(out).not.toMatch(/passed/);
  }, 60_000);
});
