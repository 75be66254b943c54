// `procplay events --json`: the kernel's process connector, system-wide. A test shell runs
// /bin/true 20 times; every run is seen (fork by the shell, exec, exit 0), although each lives about
// a millisecond, far below the monitor's sampling interval. Root here (CI runs as root; on kernels
// since 6.6 any user may listen).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import type { LifecycleEvent } from '../../shared/lifecycle.js';
import { parseEventsArgs, formatSystemEvent } from '../../main/cli/events-command.js';
import { until } from '../support/marked-processes.js';

const BIN = path.join(process.cwd(), 'main/cli/bin.js');

/** `procplay events --json`, its events as they come, and whether it said it is listening. */
function startEventsCli() {
  const cli = spawn(process.execPath, [BIN, 'events', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const events: LifecycleEvent[] = [];
  let stderr = '';
  cli.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  createInterface({ input: cli.stdout }).on('line', (l) => events.push(JSON.parse(l) as LifecycleEvent));
  const exited = new Promise<number | null>((resolve) => cli.on('close', (code) => resolve(code)));
  return { cli, events, listening: () => stderr.includes('listening'), exited };
}

describe('procplay events (Linux, root)', () => {
  it('sees 20 runs of /bin/true started by a test shell', async () => {
    const { cli, events, listening, exited } = startEventsCli();
    try {
      // Python starts slowly on a loaded machine: wait for the subscription, not a fixed time.
      expect(await until(listening, 45_000)).toBe(true);
      const shell = spawn('/bin/sh', ['-c', 'i=0; while [ $i -lt 20 ]; do /bin/true; i=$((i+1)); done'], { stdio: 'ignore' });
      const shellPid = shell.pid!;
      const shellDone = new Promise((resolve) => shell.on('close', resolve));
      await shellDone;
      const children = () =>
        new Set(events.filter((e): e is Extract<LifecycleEvent, { type: 'fork' }> => e.type === 'fork' && e.ppid === shellPid).map((e) => e.pid));
      const done = () => {
        const kids = children();
        return kids.size === 20 && events.filter((e) => e.type === 'exit' && kids.has(e.pid)).length === 20;
      };
      expect(await until(done, 30_000)).toBe(true);
      const kids = children();
      const execs = events.filter((e): e is Extract<LifecycleEvent, { type: 'exec' }> => e.type === 'exec' && kids.has(e.pid));
      expect(execs).toHaveLength(20);
      // The name is read from /proc when the event arrives: a run already reaped by then shows "?".
      for (const e of execs) if (e.name !== '?') expect(e.name).toBe('true');
      expect(execs.some((e) => e.name === 'true')).toBe(true);
      const exits = events.filter((e): e is Extract<LifecycleEvent, { type: 'exit' }> => e.type === 'exit' && kids.has(e.pid));
      expect(exits.every((e) => e.code === 0 && e.signal === null)).toBe(true);
      // The exit's name comes from the kernel (taskstats), never too late.
      expect(exits.map((e) => e.name)).toEqual(Array(20).fill('true'));
      // Each run: fork, then exec, then exit, in time order.
      for (const pid of kids) {
        const mine = events.filter((e) => 'pid' in e && e.pid === pid);
        expect(mine.map((e) => e.type)).toEqual(['fork', 'exec', 'exit']);
        expect(mine[1]!.t).toBeGreaterThanOrEqual(mine[0]!.t);
        expect(mine[2]!.t).toBeGreaterThanOrEqual(mine[1]!.t);
      }
    } finally {
      cli.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});

describe('procplay events when the helper falls behind (Linux, root)', () => {
  it('still names every exit although the processes were reaped before it read /proc', async () => {
    const { cli, events, listening, exited } = startEventsCli();
    let helper = 0;
    try {
      expect(await until(listening, 45_000)).toBe(true);
      // The python3 helper is the CLI's only child: stopped, it reads nothing while the runs come and go.
      const children = readFileSync(`/proc/${cli.pid}/task/${cli.pid}/children`, 'utf8').trim().split(/\s+/).map(Number);
      expect(children).toHaveLength(1);
      helper = children[0]!;
      process.kill(helper, 'SIGSTOP');
      const shell = spawn('/bin/sh', ['-c', 'for i in 1 2 3 4 5; do /bin/true; done'], { stdio: 'ignore' });
      const shellPid = shell.pid!;
      await new Promise((resolve) => shell.on('close', resolve));
      process.kill(helper, 'SIGCONT');
      const kids = () => new Set(events.filter((e) => e.type === 'fork' && e.ppid === shellPid).map((e) => (e as { pid: number }).pid));
      const exitsOf = () => events.filter((e): e is Extract<LifecycleEvent, { type: 'exit' }> => e.type === 'exit' && kids().has(e.pid));
      expect(await until(() => kids().size === 5 && exitsOf().length === 5, 30_000)).toBe(true);
      // /proc had nothing left to read at the exec...
      const execs = events.filter((e): e is Extract<LifecycleEvent, { type: 'exec' }> => e.type === 'exec' && kids().has(e.pid));
      expect(execs.map((e) => e.name)).toEqual(Array(5).fill('?'));
      // ...yet every exit is named, and the terminal line too.
      expect(exitsOf().map((e) => e.name)).toEqual(Array(5).fill('true'));
      const names = new Map<number, string>();
      const lines = events.filter((e) => 'pid' in e && kids().has(e.pid)).map((e) => formatSystemEvent(e, names, () => null));
      expect(lines.filter((l) => l.endsWith('(true)'))).toHaveLength(5);
    } finally {
      if (helper) {
        try {
          process.kill(helper, 'SIGCONT');
        } catch {
          // already gone
        }
      }
      cli.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});

describe('procplay events: arguments and lines', () => {
  it('refuses bad arguments; formats events for a terminal', () => {
    expect(parseEventsArgs(['--json', '--seconds', '2'])).toEqual({ json: true, seconds: 2, error: null });
    expect(parseEventsArgs(['--seconds', '-1']).error).toBe('--seconds needs a positive number');
    expect(parseEventsArgs(['--bogus']).error).toBe('unknown argument "--bogus"');
    const names = new Map<number, string>();
    const comm = (pid: number) => (pid === 10 ? 'bash' : null);
    expect(formatSystemEvent({ type: 'fork', t: 0, pid: 11, ppid: 10 }, names, comm)).toBe('+ 11 bash (ppid 10)');
    expect(formatSystemEvent({ type: 'exec', t: 1, pid: 11, name: 'true', argv: ['/bin/true'] }, names, comm)).toBe('~ 11 exec true');
    expect(formatSystemEvent({ type: 'exit', t: 2, pid: 11, code: 0, signal: null }, names, comm)).toBe('- 11 exit 0 (true)');
    expect(names.has(11)).toBe(false);
    // An exec read too late ("?"): the exit's own name is said.
    formatSystemEvent({ type: 'exec', t: 1, pid: 12, name: '?', argv: [] }, names, comm);
    expect(formatSystemEvent({ type: 'exit', t: 2, pid: 12, code: 0, signal: null, name: 'true' }, names, comm)).toBe('- 12 exit 0 (true)');
  });
});
