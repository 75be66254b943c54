// `procplay run` as a user runs it (a separate node process): output on the right streams, the
// tree's + and - lines, the program's exit status as its own, and bad input refused.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'procplay-cli-'));
const CLI = path.join(tmp, 'cli.mjs');
const runModule = path.join(process.cwd(), 'dist/main/cli/run-command.js');

beforeAll(() => {
  if (!existsSync(runModule)) throw new Error('dist/main/cli/run-command.js is missing: run npm run build first');
  writeFileSync(CLI, `import { runRunCommand } from ${JSON.stringify(runModule)};\nprocess.exitCode = await runRunCommand(process.argv.slice(2));\n`);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { cwd: tmp, encoding: 'utf8', timeout: 15_000, input: '' });

describe('procplay run', () => {
  it('prints the output and the tree, and exits with the program\'s code', () => {
    const r = run('--', 'echo out; echo err >&2; sleep 0.3 & wait; exit 3');
    expect(r.status).toBe(3);
    expect(r.stdout).toBe('out\n');
    const lines = r.stderr.split('\n');
    expect(lines[0]).toBe(`[procplay] running with /bin/sh -c in ${tmp}`);
    const root = /^\+ (\d+) sh \(ppid (\d+)\)$/.exec(lines[1]!)!;
    expect(Number(root[2])).toBe(r.pid);
    expect(lines).toContain('err');
    // Traced (strace, which CI installs): the fork shows the parent's program, then the exec.
    const sleepPid = lines.map((l) => /^~ (\d+) exec sleep$/.exec(l)?.[1]).find(Boolean);
    expect(sleepPid).toBeDefined();
    expect(lines).toContain(`+ ${sleepPid} sh (ppid ${root[1]})`);
    expect(lines).toContain(`. ${sleepPid} reaped by ${root[1]}`);
    expect(lines).toContain(`- ${root[1]} exit 3`);
    expect(lines).toContain('[procplay] exit code 3');
  });

  it('passes several words to the program unchanged, forwards stdin, and reports 128+N after signal N', () => {
    const r = spawnSync(process.execPath, [CLI, '-q', '--', 'python3', '-c', 'import sys; print(sys.argv[1:], input())', 'a b', "it's"], {
      cwd: tmp, encoding: 'utf8', timeout: 15_000, input: 'typed\n',
    });
    expect(r.stdout).toBe(`['a b', "it's"] typed\n`);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    expect(run('-q', '--', 'kill -TERM $$').status).toBe(143);
  });

  /** Starts the CLI, waits until the program printed `ready`, presses Ctrl+C (SIGINT to the CLI) and collects the end. */
  async function ctrlC(command: string): Promise<{ status: number | null; stdout: string; stderr: string; ms: number }> {
    const child = spawn(process.execPath, [CLI, '--', command], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const ended = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d) => {
        stdout += d;
        if (stdout.includes('ready')) resolve();
      });
      void ended.then(() => resolve());
    });
    const at = performance.now();
    child.kill('SIGINT');
    const status = await ended;
    clearTimeout(killer);
    return { status, stdout, stderr, ms: performance.now() - at };
  }

  it('Ctrl+C sends SIGINT to the program, as a terminal does: Python cleans up in its KeyboardInterrupt handler', async () => {
    const r = await ctrlC(`exec python3 -c "
import time
print('ready', flush=True)
try:
    time.sleep(30)
except KeyboardInterrupt:
    print('cleaning up after KeyboardInterrupt', flush=True)
    raise SystemExit(5)"`);
    expect(r.stderr).toMatch(/Ctrl\+C: sent SIGINT to the program/);
    expect(r.stdout).toContain('cleaning up after KeyboardInterrupt');
    expect(r.status).toBe(5);
    expect(r.stderr).not.toMatch(/SIGTERM to the program/);
  });

  it('Ctrl+C on a program that ignores SIGINT: SIGTERM after the grace period, saying so', async () => {
    const r = await ctrlC(`trap '' INT; echo ready; sleep 30; echo 'not reached'`);
    expect(r.stderr).toMatch(/Ctrl\+C: sent SIGINT[\s\S]*still running 3 s after SIGINT: SIGTERM to the program and all its processes/);
    expect(r.stdout).not.toContain('not reached');
    expect(r.status).toBe(143);
    expect(r.ms).toBeGreaterThanOrEqual(3000);
  });

  it('refuses bad input with a message and starts nothing', () => {
    const missing = run('--', 'no-such-program-xyz', '--flag');
    expect(missing.status).toBe(127);
    expect(missing.stderr).toMatch(/command not found: no-such-program-xyz .*nothing was started/);
    expect(missing.stderr).not.toMatch(/^\+ /m);
    const cwd = run('--cwd', path.join(tmp, 'nope'), '--', 'ls');
    expect(cwd.status).toBe(2);
    expect(cwd.stderr).toMatch(/the working directory ".*nope" does not exist/);
    const empty = run('--');
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/no command given[\s\S]*usage: procplay run/);
  });
});
