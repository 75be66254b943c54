// The provisioning step `npm test` runs first, on machines made up for it: a PATH that holds only node
// (and whatever fake tools a test puts there), an empty root file system instead of /usr/bin, an
// /etc/os-release of the test's choosing, and root or not. apt-get is a fake that records its calls
// and "installs" by creating the tools, so nothing on this machine changes.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const PROVISION = path.resolve('test/provision/provision.mjs');
const RUN_FIXTURE = path.resolve('test/provision/fixtures/run-fixture.mjs');
const EVERY_TOOL = ['chromium', 'python3', 'ps', 'strace', 'prometheus', 'promtool', 'prometheus-process-exporter'];
// Which tool each Debian package provides, for the fake apt-get.
const DEBIAN_PACKAGES: Record<string, string[]> = {
  chromium: ['chromium'],
  python3: ['python3'],
  procps: ['ps'],
  strace: ['strace'],
  prometheus: ['prometheus', 'promtool'],
  'prometheus-process-exporter': ['prometheus-process-exporter'],
};

let dir: string;
let bin: string;
let rootfs: string;
let aptLog: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'procplay-provision-'));
  bin = path.join(dir, 'bin');
  rootfs = path.join(dir, 'root');
  aptLog = path.join(dir, 'apt-get.log');
  mkdirSync(bin);
  mkdirSync(path.join(rootfs, 'etc'), { recursive: true });
  symlinkSync(process.execPath, path.join(bin, 'node'));
  // npm runs scripts with "sh" from the PATH; a shell adds none of the tools looked for.
  symlinkSync('/bin/sh', path.join(bin, 'sh'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function osRelease(id: string) {
  writeFileSync(path.join(rootfs, 'etc/os-release'), `PRETTY_NAME="made up"\nID=${id}\n`);
}

function fakeTool(name: string) {
  const file = path.join(bin, name);
  writeFileSync(file, '#!/bin/sh\nexit 0\n');
  chmodSync(file, 0o755);
}

/** A fake apt-get (a node script): logs "argv | DEBIAN_FRONTEND" per call; `install` creates the packages' tools unless told to fail. */
function fakeAptGet({ failInstall = false } = {}) {
  const script = `#!${process.execPath}
const fs = require('node:fs');
const args = process.argv.slice(2);
fs.appendFileSync(${JSON.stringify(aptLog)}, args.join(' ') + ' | ' + (process.env.DEBIAN_FRONTEND ?? '') + '\\n');
if (args[0] !== 'install') process.exit(0);
if (${failInstall}) { console.error('E: Unable to locate package'); process.exit(100); }
const provides = ${JSON.stringify(DEBIAN_PACKAGES)};
for (const pkg of args) for (const tool of provides[pkg] ?? []) {
  fs.writeFileSync(${JSON.stringify(bin)} + '/' + tool, '#!/bin/sh\\nexit 0\\n', { mode: 0o755 });
}
`;
  writeFileSync(path.join(bin, 'apt-get'), script, { mode: 0o755 });
}

function provision(env: Record<string, string>) {
  const r = spawnSync(process.execPath, [PROVISION], {
    env: { PATH: bin, PROCPLAY_PROVISION_ROOTFS: rootfs, HOME: dir, ...env },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const aptCalls = () => (existsSync(aptLog) ? readFileSync(aptLog, 'utf8').trim().split('\n') : []);

describe('the provisioning step npm test runs first', () => {
  it('as root on Debian, installs every missing tool with one apt-get update and one apt-get install, then passes', () => {
    osRelease('debian');
    fakeAptGet();
    const r = provision({ PROCPLAY_PROVISION_ROOT: '1', PROCPLAY_PROVISION_PLATFORM: 'linux' });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(aptCalls()).toEqual([
      'update | noninteractive',
      'install -y --no-install-recommends chromium python3 procps strace prometheus prometheus-process-exporter | noninteractive',
    ]);
    expect(r.stdout).toContain(`chromium ${bin}/chromium`);
    expect(r.stdout).toContain(`process-exporter ${bin}/prometheus-process-exporter`);
  });

  it('as root on Debian, installs only what is missing', () => {
    osRelease('debian');
    fakeAptGet();
    for (const t of ['chromium', 'python3', 'ps', 'prometheus', 'promtool']) fakeTool(t);
    const r = provision({ PROCPLAY_PROVISION_ROOT: '1', PROCPLAY_PROVISION_PLATFORM: 'linux' });
    expect(r.code).toBe(0);
    expect(aptCalls()).toEqual(['update | noninteractive', 'install -y --no-install-recommends strace prometheus-process-exporter | noninteractive']);
  });

  it('with everything present, does nothing and passes', () => {
    osRelease('debian');
    fakeAptGet();
    for (const t of EVERY_TOOL) fakeTool(t);
    const r = provision({ PROCPLAY_PROVISION_ROOT: '1', PROCPLAY_PROVISION_PLATFORM: 'linux' });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(aptCalls()).toEqual([]);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    for (const t of EVERY_TOOL) expect(r.stdout).toContain(`${bin}/${t}`);
  });

  it('as root on Debian, when apt-get fails, stops with one message per tool', () => {
    osRelease('debian');
    fakeAptGet({ failInstall: true });
    for (const t of EVERY_TOOL.filter((t) => t !== 'strace' && t !== 'chromium')) fakeTool(t);
    const r = provision({ PROCPLAY_PROVISION_ROOT: '1', PROCPLAY_PROVISION_PLATFORM: 'linux' });
    expect(r.code).toBe(1);
    expect(aptCalls()).toHaveLength(2);
    expect(r.stderr).toContain('2 tools the tests need are missing (apt-get did not install them); no test was run.');
    expect(r.stderr).toMatch(/missing: Chromium .*\n {4}to install: apt-get update && apt-get install -y --no-install-recommends chromium\n/);
    expect(r.stderr).toMatch(/missing: strace .*\n {4}to install: apt-get update && apt-get install -y --no-install-recommends strace\n/);
  });

  it('not root on Debian: installs nothing, names each missing tool with its sudo apt-get command, exits non-zero', () => {
    osRelease('debian');
    fakeAptGet();
    const r = provision({ PROCPLAY_PROVISION_ROOT: '0', PROCPLAY_PROVISION_PLATFORM: 'linux' });
    expect(r.code).toBe(1);
    expect(aptCalls()).toEqual([]);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('7 tools the tests need are missing (not root, so nothing was installed); no test was run.');
    const wanted: Array<[string, string]> = [
      ['Chromium', 'chromium'], ['python3', 'python3'], ['ps', 'procps'], ['strace', 'strace'],
      ['prometheus', 'prometheus'], ['promtool', 'prometheus'], ['prometheus-process-exporter', 'prometheus-process-exporter'],
    ];
    for (const [tool, pkg] of wanted) {
      expect(r.stderr).toMatch(new RegExp(`missing: ${tool} .*\\n {4}to install: sudo apt-get update && sudo apt-get install -y --no-install-recommends ${pkg}\\n`));
    }
    expect(r.stderr).toContain('all at once: sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium python3 procps strace prometheus prometheus-process-exporter');
    expect(r.stderr).toContain('PROCPLAY_CHROMIUM=/path/to/it');
  });

  it.each([
    ['fedora', 'linux', ['dnf install -y chromium', 'dnf install -y strace', 'dnf install -y golang-github-prometheus', 'github.com/ncabatoff/process-exporter/releases'], 7],
    ['arch', 'linux', ['sudo pacman -S --needed chromium', 'sudo pacman -S --needed python', 'sudo pacman -S --needed procps-ng', 'yay -S prometheus-process-exporter'], 7],
    ['debian', 'darwin', ['brew install --cask chromium', 'brew install python', 'brew install prometheus', 'ps is part of macOS'], 5],
    ['debian', 'win32', ['winget install --id Google.Chrome -e', 'winget install --id Python.Python.3.12 -e', 'https://prometheus.io/download/'], 4],
  ] as const)('on %s (%s), stops with the commands for that OS', (id, platform, commands, count) => {
    osRelease(id);
    fakeAptGet();
    const r = provision({ PROCPLAY_PROVISION_ROOT: '0', PROCPLAY_PROVISION_PLATFORM: platform });
    expect(r.code).toBe(1);
    expect(aptCalls()).toEqual([]);
    expect(r.stderr).toContain(`${count} tools the tests need are missing`);
    expect(r.stderr.match(/^ {2}missing: /gm)).toHaveLength(count);
    for (const c of commands) expect(r.stderr).toContain(c);
    // strace and process-exporter are Linux tools: elsewhere their tests are left out, not required.
    if (platform !== 'linux') expect(r.stderr).not.toMatch(/strace|process-exporter/);
  });

  it('names tests left out on another OS and for a non-root user, with the reason', () => {
    for (const t of EVERY_TOOL) fakeTool(t);
    const mac = provision({ PROCPLAY_PROVISION_ROOT: '0', PROCPLAY_PROVISION_PLATFORM: 'darwin' });
    expect(mac.code).toBe(0);
    expect(mac.stdout).toContain('tests marked (Linux) are left out: they need Linux');
    expect(mac.stdout).toContain('tests marked (root) are left out: they need root');
    const linuxRoot = provision({ PROCPLAY_PROVISION_ROOT: '1', PROCPLAY_PROVISION_PLATFORM: 'linux' });
    expect(linuxRoot.stdout).not.toContain('left out');
  });

  it('refuses a PROCPLAY_CHROMIUM that is not an executable, installing nothing', () => {
    osRelease('debian');
    fakeAptGet();
    for (const t of EVERY_TOOL) fakeTool(t);
    const r = provision({ PROCPLAY_PROVISION_ROOT: '1', PROCPLAY_PROVISION_PLATFORM: 'linux', PROCPLAY_CHROMIUM: path.join(dir, 'no-such-chrome') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`PROCPLAY_CHROMIUM is set to ${path.join(dir, 'no-such-chrome')}, which is not an executable file`);
    expect(aptCalls()).toEqual([]);
  });

  it('a failing provisioning step stops npm test before any build or test runs', () => {
    osRelease('debian');
    // npm itself, run by this node; its scripts run under /bin/sh, so the PATH can stay node-only.
    const npmCli = [process.env.npm_execpath ?? '', path.join(path.dirname(process.execPath), '../lib/node_modules/npm/bin/npm-cli.js')]
      .find((f) => f.endsWith('npm-cli.js') && existsSync(f));
    expect(npmCli, 'npm-cli.js next to node').toBeDefined();
    const r = spawnSync(process.execPath, [npmCli!, 'test'], {
      env: { PATH: bin, PROCPLAY_PROVISION_ROOTFS: rootfs, PROCPLAY_PROVISION_ROOT: '0', HOME: dir, npm_config_update_notifier: 'false' },
      encoding: 'utf8',
      timeout: 50_000,
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('no test was run');
    expect(r.stdout).toContain('node test/provision/provision.mjs');
    expect(r.stdout + r.stderr).not.toMatch(/npm run build|tsc -p|vitest run/);
  }, 60_000);
});

// These start a nested vitest (or npm), which takes seconds on a loaded machine: hence their longer timeouts.
describe('what the vitest config takes from provisioning', () => {
  function runFixture(env: Record<string, string>) {
    const out = path.join(dir, 'ran.txt');
    writeFileSync(out, '');
    const r = spawnSync(process.execPath, [RUN_FIXTURE], {
      // A fresh environment: nothing of this vitest run (VITEST_* variables) leaks into the nested one.
      env: { HOME: dir, PROCPLAY_PROVISION_ROOTFS: rootfs, PROCPLAY_FIXTURE_OUT: out, ...env },
      encoding: 'utf8',
      timeout: 80_000,
    });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    return readFileSync(out, 'utf8').trim().split('\n');
  }

  it('runs every tagged test on Linux as root, handing the e2e helper the Chromium it found', () => {
    fakeTool('chromium');
    const ran = runFixture({ PATH: bin, PROCPLAY_PROVISION_ROOT: '1', PROCPLAY_PROVISION_PLATFORM: 'linux' });
    expect(ran.sort()).toEqual(['linux-hook', 'linux', 'root', 'linux-root', 'plain', 'words', `chromium=${bin}/chromium`].sort());
  }, 90_000);

  it('leaves out "(Linux)" and "(root)" tests, hooks included, on macOS as a user', () => {
    fakeTool('chromium');
    const ran = runFixture({ PATH: bin, PROCPLAY_PROVISION_ROOT: '0', PROCPLAY_PROVISION_PLATFORM: 'darwin' });
    expect(ran.sort()).toEqual(['plain', 'words', `chromium=${bin}/chromium`].sort());
  }, 90_000);
});
