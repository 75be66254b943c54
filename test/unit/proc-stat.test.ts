// The /proc/PID/stat parsers on the kernel's own line format, including the awkward comms: the
// sampler's (parseProcStat) and the general one (parseFullStat), held to the same answers.
import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFullStat, parseProcStat, PF_KTHREAD, type ProcStat, STAT } from '../../main/processes/proc-stat.js';
import { ttyName } from '../../main/processes/inspect-parse.js';
import { PID_MAX } from '../../shared/process.js';

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

describe('parseFullStat: every field by number', () => {
  it('reads every stat field by its proc(5) number, even with a comm holding ") ("', () => {
    const line = '42 (a) (b) S 1 42 42 34816 42 4194560 10 0 0 0 7 3 0 0 20 0 3 0 12345 1000 50 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0';
    const s = parseFullStat(line)!;
    expect(s.comm).toBe('a) (b');
    expect(s.state).toBe('S');
    expect([s.field(1), s.field(STAT.ppid), s.field(STAT.session), s.field(STAT.utime), s.field(STAT.nice), s.field(STAT.numThreads), s.field(STAT.starttime)])
      .toEqual([42, 1, 42, 7, 0, 3, 12345]);
    expect(ttyName(s.field(STAT.ttyNr))).toBe('pts/0');
    // The comm and state are strings, and this older line stops at field 44: those read NaN.
    expect([s.field(2), s.field(3), s.field(STAT.exitCode)]).toEqual([NaN, NaN, NaN]);
  });

  it('returns null for text that is not a stat line, or one that ends before starttime', () => {
    expect(parseFullStat('garbage')).toBeNull();
    expect(parseFullStat('x (a) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21')).toBeNull();
    expect(parseFullStat('12 (cut short) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18')).toBeNull();
    expect(parseFullStat('12 (long enough) S 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19')?.field(STAT.starttime)).toBe(19);
  });

  it('parses this very process from the live /proc (Linux)', () => {
    const s = parseFullStat(fs.readFileSync('/proc/self/stat', 'utf8'))!;
    expect([s.pid, s.field(1), s.field(STAT.ppid), s.state]).toEqual([process.pid, process.pid, process.ppid, 'R']);
  });
});

/** The fields both parsers report: parseProcStat's name, and its proc(5) number. */
const SHARED_FIELDS: [keyof ProcStat, number][] = [
  ['ppid', STAT.ppid], ['pgrp', STAT.pgrp], ['flags', STAT.flags], ['utimeTicks', STAT.utime], ['stimeTicks', STAT.stime],
  ['priority', STAT.priority], ['nice', STAT.nice], ['numThreads', STAT.numThreads], ['starttimeTicks', STAT.starttime],
  ['vsizeBytes', STAT.vsize], ['rssPages', STAT.rss], ['startStack', STAT.startstack],
];
const sharedNumbers = new Set(SHARED_FIELDS.map(([, n]) => n));

// A comm is at most 15 bytes and may hold any byte but NUL: the kernel prints it unescaped, so
// spaces, parentheses (a ')' inside too) and newlines must all be taken as the comm.
const commChars = fc.constantFrom('a', 'Z', '0', '9', ' ', '(', ')', '\n', '\t', '-', '/', ':', '.', 'é', '界');
const comm = fc.oneof(fc.string({ unit: commChars, maxLength: 15 }), fc.string({ maxLength: 15 }).filter((c) => !c.includes('\0')));
const state = fc.constantFrom('R', 'S', 'D', 'Z', 'T', 't', 'X', 'I', 'P', 'W', 'K');
// The kernel prints signed fields (priority -100, tpgid -1) and unsigned 64-bit ones (rsslim
// 18446744073709551615). The shared fields are kept within 2^53: above it neither parser is exact.
const safeField = fc.oneof(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), fc.maxSafeNat());
const wideField = fc.oneof(safeField, fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }));
// Fields 4..52 (52 since Linux 3.5); older kernels stop earlier, but never before startstack (28).
const fields = fc.tuple(...Array.from({ length: 52 - 3 }, (_, i) => (sharedNumbers.has(i + 4) ? safeField : wideField)));
const statLine = fc.record({
  pid: fc.integer({ min: 0, max: PID_MAX }), comm, state, fields, lastField: fc.integer({ min: STAT.startstack, max: 52 }), newline: fc.boolean(),
}).map((l) => ({ ...l, text: `${l.pid} (${l.comm}) ${l.state} ${l.fields.slice(0, l.lastField - 3).join(' ')}${l.newline ? '\n' : ''}` }));

describe('parseProcStat and parseFullStat agree', () => {
  it('on every field both report, for random valid stat lines', () => {
    fc.assert(
      fc.property(statLine, (l) => {
        const hot = parseProcStat(l.text);
        const full = parseFullStat(l.text);
        expect(hot).not.toBeNull();
        expect(full).not.toBeNull();
        expect([hot!.pid, hot!.comm, hot!.state]).toEqual([l.pid, l.comm, l.state]);
        expect([full!.pid, full!.field(1), full!.comm, full!.state]).toEqual([hot!.pid, hot!.pid, hot!.comm, hot!.state]);
        for (const [name, n] of SHARED_FIELDS) {
          expect([name, hot![name]]).toEqual([name, full!.field(n)]);
          expect([name, hot![name]]).toEqual([name, Number(l.fields[n - 4])]);
        }
      }),
      { numRuns: 500 },
    );
  });
});
