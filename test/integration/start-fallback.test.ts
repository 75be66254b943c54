// `npm start` where Electron's binary cannot be had: one clear line, then web mode with its URL.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../main/launcher/find-electron.js';
import { repoRoot } from '../support/web-app.js';

describe('npm start', () => {
  it('falls back to web mode with one clear line when Electron is unavailable (or finds the real binary)', async () => {
    const found = findElectronBinary();
    if ('path' in found) {
      // A developer machine with Electron downloaded: the launcher would open the real window.
      expect(existsSync(found.path)).toBe(true);
      return;
    }
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist/main/launcher/start.js'), '--port', '0'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      await expect.poll(() => out, { timeout: 20_000 }).toMatch(/procplay web: http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32}/);
      const lines = out.trim().split('\n');
      expect(lines[0]).toMatch(/^procplay: Electron's binary is not available on this machine \(.+\); starting web mode instead\.$/);
      const url = /procplay web: (\S+)/.exec(out)![1];
      const res = await fetch(url);
      expect(res.status).toBe(200);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    expect(child.exitCode).toBe(0);
  });
});
