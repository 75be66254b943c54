// `procplay kill` refuses what must never be signalled, with a clear message and a non-zero exit,
// and signals nothing: a canary process (in the test's own process group, so kill(0) or kill(-1)
// would reach it) must still be the same running process after every refusal.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKillCommand } from '../../main/cli/kill-command.js';
import { readProcStat, readStartTime } from '../../main/processes/process-files.js';
import { exitOf, waitFor } from '../support/child-waits.js';

async function startSleep(): Promise<{ child: ChildProcess; pid: number; startTime: number }> {
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  const pid = child.pid!;
  await waitFor('sleep to start', () => readProcStat(pid)?.comm === 'sleep');
  return { child, pid, startTime: readStartTime(pid)! };
}

/** Runs the CLI in-process and keeps what it printed. */
async function cli(argv: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runKillCommand(argv, { log: (t) => stdout.push(t), error: (t) => stderr.push(t) });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/** A pid no process has now: counted down from the top of the pid range, where allocation rarely is. */
function unusedPid(): number {
  const max = Number(readFileSync('/proc/sys/kernel/pid_max', 'utf8'));
  for (let pid = max - 1; pid > 1; pid--) if (!existsSync(`/proc/${pid}`)) return pid;
  throw new Error('no free pid');
}

function childrenOf(pid: number): number[] {
  return readdirSync('/proc').filter((e) => /^\d+$/.test(e)).map(Number).filter((p) => readProcStat(p)?.ppid === pid);
}

let canary: { child: ChildProcess; pid: number; startTime: number };

beforeAll(async () => {
  canary = await startSleep();
});

afterAll(async () => {
  canary.child.kill('SIGKILL');
  expect((await exitOf(canary.child)).signal).toBe('SIGKILL');
  expect(readStartTime(canary.pid)).not.toBe(canary.startTime);
});

const canaryIsUnharmed = () => {
  expect(canary.child.exitCode).toBeNull();
  expect(canary.child.signalCode).toBeNull();
  expect(readStartTime(canary.pid)).toBe(canary.startTime);
  expect(readProcStat(canary.pid)?.state).toBe('S'); // not stopped (T) either
};

describe('procplay kill refuses, and nothing is signalled (Linux)', () => {
  const rows: [string, () => string[], () => string][] = [
    ['-1 (every process)', () => ['--', '-1'], () => 'Refused: -1 is not a process: kill(-1) would signal every process the user may signal'],
    ['0 (own process group)', () => ['0'], () => "Refused: 0 is not a process: kill(0) would signal every process in the caller's own process group"],
    ['1 (init)', () => ['1'], () => "Refused: pid 1 is the system's init"],
    ['the test runner itself', () => [String(process.pid)], () => `Refused: ${process.pid} is Process Playground itself`],
    ["the test runner's parent", () => [String(process.ppid)], () => `Refused: ${process.ppid} is an ancestor of Process Playground (the shell that started it)`],
    ['"abc"', () => ['abc'], () => 'Invalid pid "abc": a pid is a whole number such as 4242'],
    ['"1; echo x"', () => ['1; echo x'], () => 'Invalid pid "1; echo x": a pid is a whole number such as 4242'],
    ['2**40', () => [String(2 ** 40)], () => `Invalid pid ${2 ** 40}: out of range (pids go from 1 to 4194304)`],
    ['4.5', () => ['4.5'], () => 'Invalid pid "4.5": a pid is a whole number such as 4242'],
  ];

  it.each(rows)('%s', async (_name, argv, message) => {
    for (const signal of ['-9', '-STOP']) {
      const r = await cli([signal, ...argv()]);
      expect(r).toEqual({ code: 1, stdout: '', stderr: message() });
      canaryIsUnharmed();
    }
  });

  it('a pid that is not in use', async () => {
    const pid = unusedPid();
    expect(await cli(['-9', String(pid)])).toEqual({ code: 1, stdout: '', stderr: `${pid} had already exited` });
    canaryIsUnharmed();
  });

  it('the right pid with another start time (the process ended and its pid was reused)', async () => {
    const r = await cli(['-9', '--start-time', String(canary.startTime - 10), String(canary.pid)]);
    expect(r).toEqual({ code: 1, stdout: '', stderr: `${canary.pid} is no longer the process you selected: it ended and the pid was reused` });
    canaryIsUnharmed();
  });

  it('a usage error prints the usage and exits 2 (kill -1 PID means SIGHUP, which is not offered)', async () => {
    const r = await cli(['-1', String(canary.pid)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('procplay kill: signal 1 (SIGHUP) is not offered');
    expect(r.stderr).toContain('usage: procplay kill');
    canaryIsUnharmed();
  });
});

describe('procplay kill signals (Linux)', () => {
  it('kill -9 PID ends the process with SIGKILL and exits 0', async () => {
    const target = await startSleep();
    const exited = exitOf(target.child);
    expect(await cli(['-9', String(target.pid)])).toEqual({ code: 0, stdout: `Killed ${target.pid} (sleep) with SIGKILL`, stderr: '' });
    expect((await exited).signal).toBe('SIGKILL');
    canaryIsUnharmed();
  });

  it('signals the good pids of a list, refuses the others, and exits 1', async () => {
    const target = await startSleep();
    const exited = exitOf(target.child);
    const r = await cli(['-s', 'TERM', String(target.pid), '1', '--start-time', String(target.startTime)]);
    expect(r.code).toBe(2); // --start-time is for one pid only: nothing was signalled
    expect(target.child.exitCode === null && target.child.signalCode === null).toBe(true);

    expect(await cli(['-s', 'TERM', String(target.pid), '1'])).toEqual({
      code: 1,
      stdout: `Sent SIGTERM to ${target.pid} (sleep)`,
      stderr: "Refused: pid 1 is the system's init",
    });
    expect((await exited).signal).toBe('SIGTERM');
    canaryIsUnharmed();
  });

  it('--tree ends a process and its children; the right --start-time is accepted', async () => {
    const top = spawn('sh', ['-c', 'sleep 60 & wait'], { stdio: 'ignore' });
    const pid = top.pid!;
    let sleepPid = 0;
    await waitFor('the sleep under sh', () => {
      sleepPid = childrenOf(pid)[0] ?? 0;
      return sleepPid > 0 && readProcStat(sleepPid)?.comm === 'sleep';
    });
    const sleepStart = readStartTime(sleepPid)!;
    const exited = exitOf(top);
    const r = await cli(['-KILL', '--tree', '--start-time', String(readStartTime(pid)), String(pid)]);
    expect(r).toEqual({ code: 0, stdout: `Killed ${pid} (sh) and 1 descendant with SIGKILL`, stderr: '' });
    // The children may end (SIGKILL) before their parent is reaped, so the top sh may see its child die and exit
    // on its own first: what matters is that it ended, and that nothing of the tree is left.
    await exited;
    await waitFor('the sleep to end', () => readStartTime(sleepPid) !== sleepStart || readProcStat(sleepPid)?.state === 'Z');
    canaryIsUnharmed();
  });
});
