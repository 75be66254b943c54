// The one stop both runners use, on real processes: a tree that ignores SIGTERM is SIGKILLed once
// the grace period is over; a process that left the group (setsid) but carries the run's marker is
// ended; a member that cleared its environment is reached through its pinned start time; and a pid
// that is not the run's (no marker, or a start time that is not the member's) is never signalled.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { readProcStat, readStartTime, scanProcStats } from '../../main/processes/process-files.js';
import { stopRun, stopRuns, type KnownProcess, type RunMarker, type StopTarget } from '../../main/runs/stop-run.js';
import { exitOf } from '../support/child-waits.js';
import { alive, describePids, pidsWithEnv, until } from '../support/marked-processes.js';

const MARK = 'PROCPLAY_TEST_STOP';
let n = 0;
const started: ChildProcess[] = [];

/** A run's root as spawnRun starts one: its own process group, the marker in its environment. */
function startRun(script: string, env: Record<string, string> = {}): { child: ChildProcess; marker: RunMarker } {
  const marker = { name: MARK, token: `stop-${process.pid}-${++n}` };
  const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore', env: { ...process.env, ...env, [marker.name]: marker.token } });
  started.push(child);
  return { child, marker };
}

function stranger(): ChildProcess {
  const child = spawn('sleep', ['300'], { stdio: 'ignore' });
  started.push(child);
  return child;
}

const target = (child: ChildProcess, marker: RunMarker, known: () => KnownProcess[] = () => []): StopTarget => ({
  root: { pid: child.pid!, startTime: readStartTime(child.pid!) ?? undefined },
  marker,
  known,
});

/** The run's processes still running (zombies hold no environment: they are dead). */
const survivors = (marker: RunMarker) => pidsWithEnv(marker.name, marker.token);
const children = (ppid: number) => scanProcStats().filter((s) => s.ppid === ppid);
/** Pending signals of a live process, from /proc/PID/status: 0n when none waits. */
function pendingSignals(pid: number): bigint {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return BigInt(`0x${/^SigPnd:\s*(\w+)/m.exec(status)![1]}`) | BigInt(`0x${/^ShdPnd:\s*(\w+)/m.exec(status)![1]}`);
}

afterEach(async () => {
  for (const c of started.splice(0)) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    try {
      process.kill(c.spawnargs[0] === 'sh' ? -c.pid! : c.pid!, 'SIGKILL');
    } catch {
      c.kill('SIGKILL');
    }
    await exitOf(c);
  }
});

describe('stopping a run (Linux)', () => {
  it('a tree that ignores SIGTERM is SIGKILLed once the grace period is over, group and all', async () => {
    const { child, marker } = startRun('trap "" TERM; sleep 300 & sleep 300 & wait');
    expect(await until(() => children(child.pid!).filter((s) => s.comm === 'sleep').length === 2, 5000)).toBe(true);
    expect(survivors(marker)).toHaveLength(3);
    const graceMs = 400;
    const t0 = performance.now();
    await stopRun(target(child, marker), { graceMs });
    // SIGTERM was not enough: the grace was waited out, then SIGKILL.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(graceMs);
    expect(await exitOf(child)).toEqual({ code: null, signal: 'SIGKILL' });
    const left = survivors(marker);
    expect(left, describePids(left).join('\n')).toEqual([]);
  });

  it('a process that left the group with setsid but carries the marker is ended; a group that obeys SIGTERM is not waited for', async () => {
    const { child, marker } = startRun('setsid sleep 300 & wait');
    let escapee = 0;
    expect(await until(() => (escapee = children(child.pid!).find((s) => s.comm === 'sleep' && s.pgrp !== child.pid)?.pid ?? 0) > 0, 5000)).toBe(true);
    const t0 = performance.now();
    // Not known to the runner: found by its marker alone. Every process ends on SIGTERM, so the
    // stop ends as soon as a look finds none, long before the grace period is over.
    const graceMs = 20_000;
    await stopRun(target(child, marker), { graceMs });
    expect(performance.now() - t0).toBeLessThan(graceMs);
    expect(await exitOf(child)).toEqual({ code: null, signal: 'SIGTERM' });
    expect(readProcStat(escapee)?.state ?? 'gone').toMatch(/gone|Z/);
    expect(survivors(marker)).toEqual([]);
  });

  it('a member without the marker outside the group is ended through its pinned start time; pids that are not the run\'s are not signalled', async () => {
    // The member clears its environment and starts its own session: neither the group nor the marker reaches it.
    const { child, marker } = startRun(`trap "" TERM; setsid env -u ${MARK} sleep 300 & wait`);
    let member = 0;
    expect(
      await until(() => (member = children(child.pid!).find((s) => s.comm === 'sleep' && s.pgrp !== child.pid)?.pid ?? 0) > 0, 5000),
    ).toBe(true);
    expect(survivors(marker)).toEqual([child.pid]);
    const unmarked = stranger(); // a pid the runner once knew, now someone else's (no marker, start time unknown)
    const replaced = stranger(); // a pid the runner knew with a start time that is not this process's
    expect(await until(() => readProcStat(unmarked.pid!)?.comm === 'sleep' && readProcStat(replaced.pid!)?.comm === 'sleep', 5000)).toBe(true);
    const known = (): KnownProcess[] => [
      { pid: member, startTime: readStartTime(member) },
      { pid: unmarked.pid! },
      { pid: replaced.pid!, startTime: readStartTime(replaced.pid!)! - 10_000 },
    ];
    const pinned = known();
    await stopRuns([target(child, marker, () => pinned)], { graceMs: 200 });
    expect(await exitOf(child)).toEqual({ code: null, signal: 'SIGKILL' });
    expect(readProcStat(member)?.state ?? 'gone').toMatch(/gone|Z/);
    // The stop is over, and its last round came a poll after its last signal: the strangers run
    // on, no signal waiting for them (a SIGTERM or SIGKILL would have ended a sleep by now).
    for (const s of [unmarked, replaced]) {
      expect(alive(s.pid!)).toBe(true);
      expect(s.exitCode === null && s.signalCode === null).toBe(true);
      expect(readProcStat(s.pid!)?.state).toBe('S');
      expect(pendingSignals(s.pid!)).toBe(0n);
    }
  });
});
