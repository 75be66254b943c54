// `procplay ps` on real processes: the JSON has the test's child with the right ppid, and the
// table and tree views show it.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/web-app.js';

const run = promisify(execFile);
const bin = path.join(repoRoot, 'main/cli/bin.js');
let parent: ChildProcess;
let childPid = 0;

beforeAll(async () => {
  // sh starts a sleep as its child and reports the child's pid.
  parent = spawn('sh', ['-c', 'sleep 60 & echo $!; wait'], { stdio: ['ignore', 'pipe', 'ignore'] });
  childPid = await new Promise<number>((resolve) => parent.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
});

afterAll(() => {
  if (childPid) {
    try {
      process.kill(childPid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  parent.kill('SIGKILL');
});

describe('procplay ps', () => {
  it('--json prints one array with the documented fields and the test child under its parent', async () => {
    const { stdout } = await run(process.execPath, [bin, 'ps', '--json'], { maxBuffer: 64 * 1024 * 1024 });
    const list = JSON.parse(stdout) as Record<string, unknown>[];
    expect(Array.isArray(list)).toBe(true);
    const child = list.find((p) => p.pid === childPid);
    expect(child).toMatchObject({ pid: childPid, ppid: parent.pid, user: 'root', command: 'sleep 60' });
    for (const key of ['pid', 'ppid', 'user', 'state', 'cpu', 'memRss', 'startTime', 'command']) expect(child).toHaveProperty(key);
    expect(['S', 'R']).toContain(child!.state);
    expect(typeof child!.startTime).toBe('number');
  });

  it('--filter finds a process by pid, and its children by their ppid, like ps aux | grep', async () => {
    const byChild = await run(process.execPath, [bin, 'ps', '--filter', String(childPid), '--json']);
    const found = JSON.parse(byChild.stdout) as { pid: number; command: string }[];
    expect(found.map((p) => p.pid)).toContain(childPid);
    expect(found.map((p) => p.pid)).not.toContain(parent.pid);
    // Like grep in ps aux | grep, other matches hold the number somewhere (the CLI's own command line, or a longer pid).
    for (const p of found) if (p.pid !== childPid) expect(`${p.pid} ${p.command}`).toContain(String(childPid));
    // The CLI itself, whose command line holds the number, is not listed.
    expect(found.filter((p) => p.command.includes(`ps --filter ${childPid}`))).toEqual([]);
    const byParent = await run(process.execPath, [bin, 'ps', '--filter', String(parent.pid), '--json']);
    const pids = (JSON.parse(byParent.stdout) as { pid: number }[]).map((p) => p.pid);
    expect(pids).toEqual(expect.arrayContaining([parent.pid, childPid]));
  });

  it('--filter does not list its own invocation: neither itself nor the sh and node wrappers that started it', async () => {
    // sh -c "node bin.js ps --filter sleep": a wrapper like npx's, whose command line holds the filter too.
    const { stdout } = await run('sh', ['-c', `${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} ps --filter 'sleep 60' --json; :`]);
    const found = JSON.parse(stdout) as { pid: number; command: string }[];
    expect(found.map((p) => p.pid)).toContain(childPid);
    expect(found.filter((p) => p.command.includes('ps --filter'))).toEqual([]);
  });

  it('--tree shows the child indented under its parent', async () => {
    const { stdout } = await run(process.execPath, [bin, 'ps', '--tree', '--filter', 'sleep 60']);
    const lines = stdout.split('\n');
    const childLine = lines.find((l) => new RegExp(`\\s${childPid}\\s+${parent.pid}\\s`).test(l));
    expect(childLine).toMatch(/\\_ sleep 60$/);
  });

  it('--filter speaks the filter language: pid:N is exact, !negation, and a bad regex is a usage error', async () => {
    const exact = await run(process.execPath, [bin, 'ps', '--filter', `pid:${childPid}`, '--json']);
    expect((JSON.parse(exact.stdout) as { pid: number }[]).map((p) => p.pid)).toEqual([childPid]);
    const negated = await run(process.execPath, [bin, 'ps', '--filter', `ppid:${parent.pid} !name:sleep`, '--json']);
    expect(JSON.parse(negated.stdout)).toEqual([]);
    const bad = await run(process.execPath, [bin, 'ps', '--filter', 'sleep /(x/']).catch((e) => e);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--filter: bad regular expression \/\(x\/: /);
  });

  it('refuses an unknown option with usage and exit status 2', async () => {
    const err = await run(process.execPath, [bin, 'ps', '--frobnicate']).catch((e) => e);
    expect(err.code).toBe(2);
    expect(err.stderr).toMatch(/unknown option "--frobnicate"/);
  });
});
