// Grouping with process-exporter's semantics: counters never decrease when a process exits, new
// processes count from zero, states map as process-exporter maps them, and the group cap holds.
import { describe, expect, it } from 'vitest';
import type { ProcInfo } from '../../shared/process.js';
import type { ProcDetails } from '../../main/processes/proc-details.js';
import { parseOpenFilesLimit, parseProcCgroup, parseProcIo, parseProcStatus, parseStatFaults } from '../../main/processes/proc-details.js';
import { GroupAccumulator, OVERFLOW_GROUP, stateBucket } from '../../main/metrics/groups.js';
import { negotiateExposition, OPENMETRICS_TEXT, PROMETHEUS_TEXT } from '../../main/metrics/exposition.js';

const T0 = 1_700_000_000_000;

function proc(pid: number, name: string, over: Partial<ProcInfo> = {}): ProcInfo {
  return { pid, ppid: 1, startTime: T0 - 60_000, name, command: name, user: 'alice', uid: 1000, state: 'S', cpu: 0, cpuTimeMs: 0, memRss: 1000, memPercent: 0, memVsz: 5000, threads: 1, kernelThread: false, ...over };
}
function det(userSec: number, systemSec: number, io: [number, number] | null = [0, 0], openFds: number | null = 3): ProcDetails {
  return { userSec, systemSec, readBytes: io ? io[0] : null, writeBytes: io ? io[1] : null, openFds, fdLimit: 1024, minorFaults: null, majorFaults: null, ctxVoluntary: null, ctxNonvoluntary: null, swapBytes: null, cgroup: '/user.slice' };
}
const byName = (groups: { name: string }[]) => Object.fromEntries(groups.map((g) => [g.name, g])) as Record<string, ReturnType<GroupAccumulator['update']>[number]>;

describe('GroupAccumulator', () => {
  it('sums gauges per name and leaves kernel threads out', () => {
    const acc = new GroupAccumulator();
    const g = byName(acc.update([proc(10, 'sleep'), proc(11, 'sleep', { state: 'R', threads: 3 }), proc(2, 'kworker/0:1', { kernelThread: true })], [det(0, 0), det(0, 0), det(0, 0)], T0));
    expect(Object.keys(g)).toEqual(['sleep']);
    expect(g.sleep).toMatchObject({ procs: 2, residentBytes: 2000, virtualBytes: 10000, threads: 4, openFds: 6, worstFdRatio: 3 / 1024, oldestStartSec: Math.floor((T0 - 60_000) / 1000) });
    expect(g.sleep.states).toEqual({ Running: 1, Sleeping: 1, Waiting: 0, Zombie: 0, Other: 0 });
  });

  it('counts processes running at the first update from then on, and keeps counters when they exit', () => {
    const acc = new GroupAccumulator();
    let g = byName(acc.update([proc(10, 'work'), proc(11, 'work')], [det(5, 1, [100, 10]), det(7, 2, [0, 0])], T0));
    expect(g.work).toMatchObject({ cpuUserSec: 0, cpuSystemSec: 0, readBytes: 0, writeBytes: 0 });
    g = byName(acc.update([proc(10, 'work'), proc(11, 'work')], [det(6, 1.5, [300, 10]), det(9, 2, [0, 50])], T0 + 1000));
    expect(g.work).toMatchObject({ cpuUserSec: 3, cpuSystemSec: 0.5, readBytes: 200, writeBytes: 50 });
    // pid 11 exits: the group's counters stay where they were.
    g = byName(acc.update([proc(10, 'work')], [det(6.5, 1.5, [300, 10])], T0 + 2000));
    expect(g.work).toMatchObject({ procs: 1, cpuUserSec: 3.5, cpuSystemSec: 0.5, readBytes: 200, writeBytes: 50 });
    // Everyone exits: an empty group keeps its counters, its gauges are zero.
    g = byName(acc.update([], [], T0 + 3000));
    expect(g.work).toMatchObject({ procs: 0, cpuUserSec: 3.5, residentBytes: 0, oldestStartSec: null, openFds: null });
  });

  it('counts a process started after the first update whole, and a reused pid as a new process', () => {
    const acc = new GroupAccumulator();
    acc.update([proc(10, 'job')], [det(1, 0)], T0);
    const late = proc(20, 'job', { startTime: T0 + 500 });
    let g = byName(acc.update([proc(10, 'job'), late], [det(1, 0), det(2, 1)], T0 + 1000));
    expect(g.job).toMatchObject({ cpuUserSec: 2, cpuSystemSec: 1 });
    // pid 20 reused by a new process with less CPU time: no decrease, it counts from its start.
    const reuse = proc(20, 'job', { startTime: T0 + 1500 });
    g = byName(acc.update([proc(10, 'job'), reuse], [det(1, 0), det(0.5, 0)], T0 + 2000));
    expect(g.job.cpuUserSec).toBe(2.5);
  });

  it('keeps a process in the group it was first seen in (an exec does not move its counters)', () => {
    const acc = new GroupAccumulator();
    acc.update([proc(10, 'sh')], [det(1, 0)], T0);
    const g = byName(acc.update([proc(10, 'python3')], [det(3, 0)], T0 + 1000));
    expect(Object.keys(g)).toEqual(['sh']);
    expect(g.sh.cpuUserSec).toBe(2);
  });

  it('waits for readable counters: a null detail or unreadable io changes no counter', () => {
    const acc = new GroupAccumulator();
    acc.update([proc(10, 'a')], [det(1, 0, null, null)], T0);
    let g = byName(acc.update([proc(10, 'a')], [null], T0 + 1000));
    expect(g.a).toMatchObject({ procs: 1, cpuUserSec: 0, readBytes: null, writeBytes: null, openFds: null });
    g = byName(acc.update([proc(10, 'a')], [det(4, 0, null, null)], T0 + 2000));
    expect(g.a.cpuUserSec).toBe(3);
  });

  it('groups by user or cgroup', () => {
    const byUser = new GroupAccumulator({ groupBy: 'user' });
    expect(Object.keys(byName(byUser.update([proc(1, 'a'), proc(2, 'b', { user: 'root' })], [det(0, 0), det(0, 0)], T0))).sort()).toEqual(['alice', 'root']);
    const byCgroup = new GroupAccumulator({ groupBy: 'cgroup' });
    expect(Object.keys(byName(byCgroup.update([proc(1, 'a')], [det(0, 0)], T0)))).toEqual(['/user.slice']);
  });

  it('caps the number of groups: new names past the cap go to the overflow group, counters stay monotonic', () => {
    const acc = new GroupAccumulator({ maxGroups: 2 });
    const procs = [proc(1, 'a'), proc(2, 'b'), proc(3, 'c'), proc(4, 'd')];
    let g = byName(acc.update(procs, procs.map(() => det(1, 0)), T0));
    expect(Object.keys(g).sort()).toEqual(['a', 'b', OVERFLOW_GROUP]);
    expect(g[OVERFLOW_GROUP].procs).toBe(2);
    g = byName(acc.update(procs, procs.map(() => det(2, 0)), T0 + 1000));
    expect(g[OVERFLOW_GROUP].cpuUserSec).toBe(2);
    // Once "a" has been empty for over ten minutes, a new name takes its slot.
    const later = T0 + 11 * 60_000;
    const e = proc(5, 'e', { startTime: later - 100 });
    g = byName(acc.update([proc(2, 'b'), e], [det(2, 0), det(1, 0)], later));
    expect(Object.keys(g).sort()).toEqual(['b', 'e', OVERFLOW_GROUP]);
  });

  it('maps states as process-exporter does', () => {
    expect(['R', 'S', 'D', 'Z', 'T', 'I', 't', '?'].map(stateBucket)).toEqual(['Running', 'Sleeping', 'Waiting', 'Zombie', 'Other', 'Other', 'Other', 'Other']);
  });
});

describe('proc parsers and content negotiation', () => {
  it('reads read_bytes and write_bytes from /proc/PID/io', () => {
    const io = 'rchar: 4292\nwchar: 0\nsyscr: 8\nsyscw: 0\nread_bytes: 8192\nwrite_bytes: 4096\ncancelled_write_bytes: 0\n';
    expect(parseProcIo(io)).toEqual({ readBytes: 8192, writeBytes: 4096 });
    expect(parseProcIo('rchar: 1\n')).toBeNull();
  });

  it('reads page faults from stat, context switches and swap from status, the fd limit from limits', () => {
    expect(parseStatFaults('42 (a b) S 1 42 42 0 -1 4194560 1234 0 56 0 3 4 0 0 20 0 1 0 100 1000 20 0')).toEqual({ minorFaults: 1234, majorFaults: 56 });
    const status = 'Name:\tsleep\nVmSwap:\t     12 kB\nvoluntary_ctxt_switches:\t7\nnonvoluntary_ctxt_switches:\t2\n';
    expect(parseProcStatus(status)).toEqual({ ctxVoluntary: 7, ctxNonvoluntary: 2, swapBytes: 12 * 1024 });
    expect(parseProcStatus('Name:\tkworker\n').swapBytes).toBeNull();
    expect(parseOpenFilesLimit('Limit                     Soft Limit           Hard Limit           Units\nMax open files            1024                 524288               files\n')).toBe(1024);
    expect(parseOpenFilesLimit('Max open files            unlimited            unlimited            files\n')).toBeNull();
  });

  it('takes the v2 cgroup path, else the systemd v1 one', () => {
    expect(parseProcCgroup('0::/system.slice/nginx.service\n')).toBe('/system.slice/nginx.service');
    expect(parseProcCgroup('9:name=systemd:/user.slice\n4:memory:/x\n0::/\n')).toBe('/user.slice');
    expect(parseProcCgroup('0::/\n')).toBe('/');
    expect(parseProcCgroup('')).toBeNull();
  });

  it('serves OpenMetrics when the Accept header prefers it, else the classic text', () => {
    const prometheus = 'application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1';
    expect(negotiateExposition(prometheus)).toBe(OPENMETRICS_TEXT);
    expect(negotiateExposition(undefined)).toBe(PROMETHEUS_TEXT);
    expect(negotiateExposition('*/*')).toBe(PROMETHEUS_TEXT);
    expect(negotiateExposition('text/plain;version=0.0.4')).toBe(PROMETHEUS_TEXT);
    expect(negotiateExposition('text/plain;q=1,application/openmetrics-text;q=0.5')).toBe(PROMETHEUS_TEXT);
    expect(negotiateExposition('application/openmetrics-text;version=9.9.9')).toBe(PROMETHEUS_TEXT);
  });
});

describe('procplay serve arguments', async () => {
  const { parseServeArgs } = await import('../../main/metrics/serve-command.js');
  const { checkExposure } = await import('../../main/metrics/http.js');

  it('defaults to port 9256, grouping by name, loopback without a token', () => {
    expect(parseServeArgs([], {})).toEqual({ metricsPort: 9256, webPort: null, groupBy: 'name', token: null, host: null });
    expect(parseServeArgs(['--metrics-port', '0', '--group-by', 'cgroup', '--port', '8080'], {})).toMatchObject({ metricsPort: 0, groupBy: 'cgroup', webPort: 8080 });
    expect(parseServeArgs([], { PROCPLAY_METRICS_TOKEN: 'abcdefghijklmnopqrstuvwxyz' }).token).toBe('abcdefghijklmnopqrstuvwxyz');
  });

  it('refuses bad input with a clear message', () => {
    expect(() => parseServeArgs(['--metrics-port', '70000'], {})).toThrow(/--metrics-port must be a number from 0 to 65535/);
    expect(() => parseServeArgs(['--group-by', 'pid'], {})).toThrow(/--group-by must be one of name, user, cgroup/);
    expect(() => parseServeArgs(['--token', 'short'], {})).toThrow(/at least 16 characters/);
    expect(() => parseServeArgs(['--token-file', '/nonexistent/token'], {})).toThrow(/cannot read the token file/);
    expect(() => parseServeArgs(['--bogus'], {})).toThrow(/unknown option "--bogus"/);
    expect(() => parseServeArgs(['--metrics-port'], {})).toThrow(/needs a value/);
  });

  it('never listens on the network without a token', () => {
    expect(() => parseServeArgs(['--host', '0.0.0.0'], {})).toThrow(/refusing to serve metrics on 0\.0\.0\.0 without a token/);
    expect(() => checkExposure('192.168.1.5', null)).toThrow(/without a token/);
    expect(() => checkExposure('127.0.0.1', null)).not.toThrow();
    expect(() => checkExposure('0.0.0.0', 'abcdefghijklmnopqrstuvwxyz')).not.toThrow();
  });
});
