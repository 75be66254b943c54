// The /proc/PID/stat parser on the kernel's own line format, including the awkward comms.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProcStat, PF_KTHREAD } from '../../main/processes/proc-stat.js';

// Lines in the kernel's format (fs/proc/array.c): pid (comm) state ppid pgrp session tty tpgid flags
// minflt cminflt majflt cmajflt utime stime cutime cstime priority nice num_threads itrealvalue
// starttime vsize rss ...
const line = (pid: number, comm: string, state: string, o: { ppid?: number; flags?: number; utime?: number; stime?: number; threads?: number; start?: number; vsize?: number; rss?: number } = {}) =>
  `${pid} (${comm}) ${state} ${o.ppid ?? 1} ${pid} ${pid} 34816 ${pid} ${o.flags ?? 4194304} 120 0 3 0 ` +
  `${o.utime ?? 7} ${o.stime ?? 5} 0 0 20 0 ${o.threads ?? 1} 0 ${o.start ?? 123456} ${o.vsize ?? 8_531_968} ${o.rss ?? 201} ` +
  '18446744073709551615 94000000000000 94000000020000 140000000000000 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0';

describe('parsing /proc/PID/stat', () => {
  it('reads the fields the sampler needs', () => {
    const st = parseProcStat(line(4242, 'node', 'S', { ppid: 17, utime: 250, stime: 30, threads: 11, start: 987654, vsize: 1_234_567_890, rss: 12_345 }));
    expect(st).toMatchObject({
      pid: 4242, comm: 'node', state: 'S', ppid: 17, pgrp: 4242, utimeTicks: 250, stimeTicks: 30, numThreads: 11,
      starttimeTicks: 987654, vsizeBytes: 1_234_567_890, rssPages: 12_345, kernelThread: false,
      startStack: 140000000000000, // field 28, after rsslim, startcode and endcode
    });
  });

  it('reads priority and nice (fields 18 and 19), negative ones too', () => {
    // A renice'd process (nice 10: priority 30) and a real-time one (priority -51, nice 0).
    const niced = '4243 (sleep) S 1 4243 4243 0 -1 4194304 90 0 0 0 0 0 0 0 30 10 1 0 555 8531968 201 18446744073709551615 0 0 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0';
    expect(parseProcStat(niced)).toMatchObject({ priority: 30, nice: 10, numThreads: 1, starttimeTicks: 555 });
    const rt = '17 (migration/0) S 2 0 0 0 -1 69238848 0 0 0 0 0 3 0 0 -100 0 1 0 3 0 0 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 0 0 0 17 0 99 1 0 0 0';
    expect(parseProcStat(rt)).toMatchObject({ priority: -100, nice: 0, kernelThread: true });
    expect(parseProcStat(line(7, 'x', 'S'))).toMatchObject({ priority: 20, nice: 0 });
  });

  it('takes the comm between the first "(" and the last ")", whatever it holds', () => {
    expect(parseProcStat(line(7, 'a) b', 'R'))?.comm).toBe('a) b');
    expect(parseProcStat(line(7, '(a) b)', 'R'))?.comm).toBe('(a) b)');
    expect(parseProcStat(line(7, 'Web Content', 'S', { ppid: 3 }))).toMatchObject({ comm: 'Web Content', ppid: 3, state: 'S' });
    expect(parseProcStat(line(7, ') 9 (x', 'S', { ppid: 3 }))).toMatchObject({ comm: ') 9 (x', ppid: 3 });
    expect(parseProcStat(line(7, '', 'S'))?.comm).toBe('');
  });

  it('reads a zombie line (state Z, no memory)', () => {
    const st = parseProcStat(line(99, 'sleep', 'Z', { ppid: 98, vsize: 0, rss: 0 }));
    expect(st).toMatchObject({ pid: 99, state: 'Z', ppid: 98, vsizeBytes: 0, rssPages: 0, kernelThread: false });
  });

  it('flags a kernel thread by PF_KTHREAD, as in the real kthreadd line', () => {
    const kthreadd = '2 (kthreadd) S 0 0 0 0 -1 2129984 0 0 0 0 0 0 0 0 20 0 1 0 23 0 0 18446744073709551615 0 0 0 0 0 0 0 2147483647 0 1 0 0 0 1 0';
    const st = parseProcStat(kthreadd);
    expect(st).toMatchObject({ pid: 2, comm: 'kthreadd', ppid: 0, kernelThread: true, starttimeTicks: 23 });
    expect(parseProcStat(line(50, 'kworker/0:1-events', 'I', { ppid: 2, flags: 0x04208060 }))?.kernelThread).toBe(true);
    expect(parseProcStat(line(51, 'bash', 'S', { flags: 0x00400100 }))?.kernelThread).toBe(false);
    expect(PF_KTHREAD).toBe(0x00200000);
  });

  it('keeps numbers past 2^32 exact (a 128 TiB vsize)', () => {
    const st = parseProcStat(line(8, 'big', 'S', { vsize: 140_737_488_355_328 }));
    expect(st?.vsizeBytes).toBe(140_737_488_355_328);
    expect(st?.pgrp).toBe(8);
  });

  it('returns null for text that is not a stat line', () => {
    expect(parseProcStat('')).toBeNull();
    expect(parseProcStat('12 (cut short) S 1 2')).toBeNull();
    expect(parseProcStat('no parens here')).toBeNull();
    expect(parseProcStat('x (a) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21')).toBeNull();
  });

  it('parses this very process from the live /proc (Linux)', () => {
    const st = parseProcStat(fs.readFileSync('/proc/self/stat', 'utf8'));
    expect(st?.pid).toBe(process.pid);
    expect(st?.ppid).toBe(process.ppid);
    expect(st?.state).toBe('R');
    expect(st?.numThreads).toBeGreaterThanOrEqual(1);
    expect(st?.rssPages).toBeGreaterThan(0);
  });
});
