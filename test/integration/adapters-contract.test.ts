// Every adapter available on this machine honours the same contract (like psutil's
// test_contracts.py): same fields and types, and the same answers about the same live processes.
import os from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { IdleCrowd, SLEEP_SECONDS } from '../../main/bench/idle-crowd.js';
import { createLinuxAdapter } from '../../main/processes/linux.js';
import { createPortableAdapter } from '../../main/processes/portable.js';
import type { ProcessAdapter, RawProc } from '../../main/processes/sampler.js';

const linux = createLinuxAdapter();
const portable = createPortableAdapter();
const adapters: ProcessAdapter[] = [linux, portable];
afterAll(() => linux.close());

function expectWellFormed(p: RawProc): void {
  expect(Number.isInteger(p.pid) && p.pid >= 0).toBe(true);
  expect(Number.isInteger(p.ppid) && p.ppid >= 0).toBe(true);
  expect(Number.isFinite(p.startTime)).toBe(true);
  expect(typeof p.name).toBe('string');
  expect(typeof p.command).toBe('string');
  expect(typeof p.user).toBe('string');
  expect(p.uid === null || Number.isInteger(p.uid)).toBe(true);
  expect(p.state).toMatch(/^[RSDZTtIXWPK?]$/);
  expect(p.cpuTimeMs).toBeGreaterThanOrEqual(0);
  expect(p.memRss).toBeGreaterThanOrEqual(0);
  expect(p.memVsz === null || p.memVsz >= 0).toBe(true);
  expect(p.threads === null || p.threads >= 1).toBe(true);
  expect(typeof p.kernelThread).toBe('boolean');
}

describe.each(adapters.map((a) => [a.name, a] as const))('adapter %s (Linux)', (_name, adapter) => {
  it('lists well-formed processes, this one included, with its start time', async () => {
    const list = await adapter.listProcesses();
    expect(list.length).toBeGreaterThan(5);
    for (const p of list) expectWellFormed(p);
    const self = list.find((p) => p.pid === process.pid)!;
    expect(self).toMatchObject({ ppid: process.ppid, user: os.userInfo().username });
    expect(Math.abs(self.startTime - (Date.now() - process.uptime() * 1000))).toBeLessThan(3000);
  });

  it('reads meters with one value per core and the machine\'s memory', async () => {
    const m = await adapter.readMeters();
    expect(m.cpuPerCore).toHaveLength(os.cpus().length);
    expect(m.memTotal).toBe(os.totalmem());
    expect(m.memUsed).toBeGreaterThan(0);
    expect(m.uptimeSec).toBeGreaterThan(0);
    expect(adapter.capabilities.platform).toBe(process.platform);
  });
});

describe('the Linux and portable adapters on the same live processes (Linux)', () => {
  const crowd = new IdleCrowd();
  afterAll(async () => {
    expect(await crowd.end()).toBe(0);
  });

  it('agree on pid, ppid, user, uid, command and state, and roughly on start time', async () => {
    await crowd.start(3, 1); // one sh with three sleeps
    const [shPid] = crowd.parentPids;
    const mine = (list: RawProc[]) =>
      new Map(list.filter((p) => p.pid === shPid || p.ppid === shPid).map((p) => [p.pid, p]));
    // State is the one field that moves on its own: wait until the shell sits in `wait` too.
    const settledBy = performance.now() + 5000;
    while ([...mine(linux.listProcessesSync()).values()].some((p) => p.state !== 'S') && performance.now() < settledBy) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const fromLinux = mine(await linux.listProcesses());
    const fromPortable = mine(await portable.listProcesses());

    expect(fromLinux.size).toBe(4);
    expect([...fromPortable.keys()].sort()).toEqual([...fromLinux.keys()].sort());
    for (const [pid, l] of fromLinux) {
      const p = fromPortable.get(pid)!;
      expect({ pid: p.pid, ppid: p.ppid, user: p.user, uid: p.uid, command: p.command, state: p.state }).toEqual({
        pid: l.pid, ppid: l.ppid, user: l.user, uid: l.uid, command: l.command, state: l.state,
      });
      // The portable start time is derived from an elapsed time in whole seconds of uptime.
      expect(Math.abs(p.startTime - l.startTime)).toBeLessThan(2500);
    }
    const sleeps = [...fromLinux.values()].filter((p) => p.ppid === shPid);
    expect(sleeps.map((p) => p.command)).toEqual(Array(3).fill(`sleep ${SLEEP_SECONDS}`));

    expect(await crowd.end()).toBe(0);
    const after = mine(await linux.listProcesses());
    expect(after.size).toBe(0);
  });
});
