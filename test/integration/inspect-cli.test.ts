// `procplay inspect` against a real python3 process: its file, its listening socket, its
// environment, threads, I/O, cwd and exe; and, run as `nobody` against a root-owned process,
// "no permission" with the reason for what the OS refuses (never 0 or an empty list).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectReport } from '../../shared/inspect.js';
import { startInspectTarget, type InspectTarget } from '../support/inspect-target.js';

const run = promisify(execFile);
const CLI = path.join(process.cwd(), 'dist/main/cli/procplay.js');
const TEN_MIB = 10 * 1024 * 1024;
let target: InspectTarget;

beforeAll(async () => {
  target = await startInspectTarget();
});

afterAll(async () => {
  await target?.stop();
});

async function inspectJson(args: string[] = [], asUser: string[] = []): Promise<InspectReport> {
  const cmd = asUser.length ? asUser[0] : process.execPath;
  const argv = asUser.length ? [...asUser.slice(1), process.execPath, CLI, 'inspect', ...args] : [CLI, 'inspect', ...args];
  const { stdout } = await run(cmd, argv, { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as InspectReport;
}

describe('procplay inspect', () => {
  it('--json lists the open file, the LISTEN socket, FOO=bar, the threads, the writes, cwd and exe', async () => {
    const r = await inspectJson([String(target.pid), '--json']);
    expect(r.pid).toBe(target.pid);
    if (!r.overview.ok || !r.files.ok || !r.network.ok || !r.environment.ok || !r.threads.ok || !r.io.ok) {
      throw new Error(`a section was refused: ${JSON.stringify(r)}`);
    }
    const o = r.overview.data;
    expect(o.cwd).toEqual({ ok: true, data: fs.realpathSync(target.dir) });
    expect(o.exe.ok && path.basename(o.exe.data)).toMatch(/^python3/);
    expect(o.argv[1]).toBe('-c');
    expect(o.argv[o.argv.length - 1]).toBe(target.file);
    expect(o.uid).toMatchObject({ real: 0, effective: 0, realName: 'root' });

    const file = r.files.data.find((f) => f.target === target.file);
    expect(file).toMatchObject({ type: 'file', mode: 'w', pos: TEN_MIB });

    const listen = r.network.data.find((s) => s.state === 'LISTEN' && s.port === target.port);
    expect(listen).toMatchObject({ proto: 'tcp', local: `127.0.0.1:${target.port}`, remote: '0.0.0.0:0' });
    expect(r.files.data.find((f) => f.fd === listen!.fd)?.type).toBe('socket');

    expect(r.environment.data.find((e) => e.name === 'FOO')).toEqual({ name: 'FOO', value: 'bar', secret: false });
    expect(r.environment.data.find((e) => e.name === 'API_TOKEN')).toMatchObject({ secret: true });
    const names = r.environment.data.map((e) => e.name);
    expect(names).toEqual([...names].sort());

    expect(r.threads.data.length).toBeGreaterThanOrEqual(3);
    expect(r.threads.data.map((t) => t.tid)).toContain(target.pid);
    // Two readings 250 ms apart: every thread has a CPU figure, not just a total.
    for (const t of r.threads.data) expect(typeof t.cpu).toBe('number');

    expect(r.io.data.wchar).toBeGreaterThanOrEqual(TEN_MIB);
    expect(r.io.data.wcharPerSec).not.toBeNull();

    expect(r.limits.ok && r.limits.data.find((l) => l.name === 'Max open files')).toBeTruthy();
    expect(r.memory.ok && r.memory.data.rss).toBeGreaterThan(0);
  }, 90_000);

  it('prints the same sections as text', async () => {
    const { stdout } = await run(process.execPath, [CLI, 'inspect', String(target.pid)]);
    const titles = stdout.split('\n').filter((l) => /^\w+:/.test(l)).map((l) => l.split(':')[0]);
    expect(titles).toEqual(['overview', 'files', 'network', 'threads', 'io', 'environment', 'limits', 'memory']);
    expect(stdout).toContain(`127.0.0.1:${target.port}`);
    expect(stdout).toContain('FOO=bar');
    // Byte counts read as the app's inspector shows them (shared/format.ts): the 10 MiB written.
    expect(stdout).toMatch(/^ {2}write \d+(\.\d)? MiB \(/m);
    // A secret-looking value is hidden unless asked for.
    expect(stdout).not.toContain('hunter2');
    const shown = await run(process.execPath, [CLI, 'inspect', String(target.pid), '--show-secrets']);
    expect(shown.stdout).toContain('API_TOKEN=hunter2');
  }, 90_000);

  it('run as nobody against a root process: environment, files, network and I/O say "no permission" with the errno', async () => {
    const r = await inspectJson([String(target.pid), '--json'], ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups']);
    for (const name of ['environment', 'files', 'network', 'io'] as const) {
      const s = r[name];
      expect(s.ok, name).toBe(false);
      if (!s.ok) {
        expect(s.code).toBe('no-permission');
        expect(s.reason).toMatch(/^no permission \((EACCES|EPERM)\)/);
      }
    }
    // What the OS does give another user is still there: the overview's argv and the threads.
    expect(r.overview.ok && r.overview.data.argv).toContain(target.file);
    expect(r.overview.ok && !r.overview.data.cwd.ok && r.overview.data.cwd.code).toBe('no-permission');
    expect(r.threads.ok && r.threads.data.length).toBeGreaterThanOrEqual(3);
  }, 90_000);

  it('procplay ps --filter port:N finds the process listening on N', async () => {
    const { stdout } = await run(process.execPath, [CLI, 'ps', '--filter', `port:${target.port}`, '--json']);
    expect((JSON.parse(stdout) as { pid: number }[]).map((p) => p.pid)).toEqual([target.pid]);
  }, 90_000);

  it('refuses a bad pid (exit 2) and a pid with no process (exit 1) with a message', async () => {
    const bad = await run(process.execPath, [CLI, 'inspect', 'abc']).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/Invalid pid "abc"/);
    const gone = await run(process.execPath, [CLI, 'inspect', '4194304']).catch((e) => e);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toMatch(/No process 4194304/);
  }, 90_000);

  it('the portable reader (ps + lsof) fills files and network and says "not available on this OS" for the rest', async () => {
    const r = await inspectJson([String(target.pid), '--json', '--adapter', 'portable']);
    expect(r.files.ok && r.files.data.some((f) => f.target === target.file)).toBe(true);
    expect(r.network.ok && r.network.data.find((s) => s.port === target.port)).toMatchObject({ state: 'LISTEN' });
    for (const name of ['threads', 'io', 'environment', 'limits', 'memory'] as const) {
      const s = r[name];
      expect(s.ok === false && s.code).toBe('unavailable');
      expect(s.ok === false && s.reason).toMatch(/^not available on this OS/);
    }
  }, 90_000);
});
