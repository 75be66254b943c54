// Renice and affinity on real processes: `procplay renice 10 PID` shows in /proc/PID/stat, an
// affinity shows in /proc/PID/status; pid 1, the app and its ancestors are refused like kill; and
// run as `nobody`, lowering nice is refused with "needs root" and another user's process with its owner.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPriorityService } from '../../main/kill/priority-service.js';
import { protectedPids } from '../../main/kill/protected-pids.js';
import { createSampler } from '../../main/processes/create-sampler.js';
import { exitOf } from '../support/child-waits.js';

const run = promisify(execFile);
const CLI = path.join(process.cwd(), 'dist/main/cli/procplay.js');
const AS_NOBODY = ['--reuid=nobody', '--regid=nogroup', '--clear-groups'];
const children: ChildProcess[] = [];

const niceOf = (pid: number) => Number(readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[16]);
const cpusOf = (pid: number) => /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1];

function sleeper(asNobody = false): ChildProcess {
  const child = asNobody ? spawn('setpriv', [...AS_NOBODY, 'sleep', '60'], { stdio: 'ignore' }) : spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(child);
  return child;
}

const cli = (args: string[], asNobody = false) =>
  (asNobody ? run('setpriv', [...AS_NOBODY, process.execPath, CLI, ...args]) : run(process.execPath, [CLI, ...args])).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );

let victim: ChildProcess;

beforeAll(() => {
  victim = sleeper();
});

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await Promise.all(children.map(exitOf));
});

describe('procplay renice and affinity', () => {
  it('renice 10 is visible in /proc/PID/stat', async () => {
    const r = await cli(['renice', '10', String(victim.pid)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Reniced ${victim.pid} \\(sleep\\) from 0 to 10`));
    expect(niceOf(victim.pid!)).toBe(10);
  });

  it('affinity 0 is visible in /proc/PID/status, and a CPU that does not exist is refused', async () => {
    const r = await cli(['affinity', '0', String(victim.pid)]);
    expect(r.code).toBe(0);
    expect(cpusOf(victim.pid!)).toBe('0');
    const bad = await cli(['affinity', '999', String(victim.pid)]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/CPU 999 does not exist/);
    const junk = await cli(['affinity', '0;reboot', String(victim.pid)]);
    expect(junk.code).toBe(2);
    expect(junk.stderr).toMatch(/Invalid CPU list/);
    expect(cpusOf(victim.pid!)).toBe('0');
  }, 90_000);

  it('refuses pid 1, a bad value, and an ancestor of procplay (this test process), changing nothing', async () => {
    const init = await cli(['renice', '5', '1']);
    expect(init.code).toBe(1);
    expect(init.stderr).toMatch(/Refused: pid 1 is the system's init/);
    const ancestor = await cli(['renice', '5', String(process.pid)]);
    expect(ancestor.code).toBe(1);
    expect(ancestor.stderr).toMatch(/ancestor of Process Playground/);
    expect(niceOf(process.pid)).toBe(0);
    const range = await cli(['renice', '40', String(victim.pid)]);
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/-20 \(most favoured\) to 19/);
  }, 90_000);

  it('the service refuses the app itself and a pid reused since it was seen', async () => {
    const sampler = createSampler({ adapter: 'linux' });
    const svc = createPriorityService({ listProcesses: async () => (await sampler.sample()).processes, protectedPids: () => protectedPids([]) });
    const self = await svc.renice({ pid: process.pid, nice: 5 });
    expect(self).toMatchObject({ ok: false, code: 'refused' });
    expect(self.message).toMatch(/is Process Playground itself/);
    const stale = await svc.renice({ pid: victim.pid, startTime: 1, nice: 5 });
    expect(stale).toMatchObject({ ok: false, code: 'mismatch' });
    expect(niceOf(victim.pid!)).toBe(10);
  });

  it('as nobody: lowering nice says it needs root, and a root process is not theirs', async () => {
    const own = sleeper(true);
    await expect.poll(() => readFileSync(`/proc/${own.pid}/status`, 'utf8').match(/^Uid:\s*(\d+)/m)?.[1]).toBe('65534');
    expect((await cli(['renice', '10', String(own.pid)])).code).toBe(0);
    const lower = await cli(['renice', '5', String(own.pid)], true);
    expect(lower.code).toBe(1);
    expect(lower.stderr).toMatch(/Not permitted: lowering the nice value \(from 10 to 5\) needs root/);
    expect(niceOf(own.pid!)).toBe(10);
    const raise = await cli(['renice', '15', String(own.pid)], true);
    expect(raise.code).toBe(0);
    expect(niceOf(own.pid!)).toBe(15);
    const other = await cli(['renice', '12', String(victim.pid)], true);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/Not permitted: .*belongs to root/);
    expect(niceOf(victim.pid!)).toBe(10);
  }, 90_000);
});
