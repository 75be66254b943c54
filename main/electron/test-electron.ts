// `npm run test:electron`: the smoke test in the real Electron, for machines that have its binary
// (it needs a download, so internet access once, and a display: Xvfb on a headless Linux). Starts
// the app with --smoke (main.ts: the window renders the first snapshot, is captured to a PNG, and
// one lesson runs), and exits with its status. Without the binary it says so in one line and exits
// 0, claiming nothing.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { appRoot } from '../app/paths.js';
import { findElectronBinary } from '../launcher/find-electron.js';

const SMOKE_TIMEOUT_MS = 3 * 60_000;

function onPath(program: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${program}`], { stdio: 'ignore' }).status === 0;
}

function main(): void {
  const found = findElectronBinary();
  if (!('path' in found)) {
    console.log(`test:electron: not run: Electron's binary is not available on this machine (${found.error}).`);
    return;
  }
  const png = path.join(os.tmpdir(), `procplay-smoke-${process.pid}.png`);
  rmSync(png, { force: true });
  // Chromium refuses to run as root without --no-sandbox (containers, CI).
  const appArgs = [appRoot, '--smoke', `--smoke-png=${png}`, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
  let command = found.path;
  let args = appArgs;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    if (!onPath('xvfb-run')) {
      console.error('test:electron: there is no display ($DISPLAY is unset) and no xvfb-run: install Xvfb (apt-get install xvfb) or run it on a desktop.');
      process.exit(1);
    }
    [command, args] = ['xvfb-run', ['-a', found.path, ...appArgs]];
  }
  const child = spawn(command, args, { stdio: 'inherit' });
  const timer = setTimeout(() => {
    console.error(`test:electron: FAILED: the app did not finish its smoke run within ${SMOKE_TIMEOUT_MS / 1000} s`);
    child.kill('SIGKILL');
  }, SMOKE_TIMEOUT_MS);
  child.on('exit', (code, signal) => {
    clearTimeout(timer);
    if (code === 0 && existsSync(png)) {
      console.log(`test:electron: passed (Electron ${found.path}; window captured to ${png})`);
      process.exit(0);
    }
    console.error(`test:electron: FAILED: the app exited with ${signal ?? `status ${code}`}${code === 0 ? ' but wrote no PNG' : ''}`);
    process.exit(1);
  });
}

main();
