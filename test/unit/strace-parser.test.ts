// The strace parser on real strace 6.1 output, captured with the tracer's own flags
// (test/fixtures/strace/*.txt; how each was made is in that folder's README), and on single lines.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LifecycleEvent } from '../../shared/lifecycle.js';
import { StraceEvents, type StraceEventsOptions } from '../../main/trace/strace-events.js';
import { execArgs, killArgs, parseStraceLine, readCString, readStringArray } from '../../main/trace/strace-line.js';
import { findStrace, straceArgs, tracingWanted } from '../../main/trace/strace-command.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'strace');
const fixture = (name: string) => fs.readFileSync(path.join(fixtures, name), 'utf8');

function parseAll(text: string, opts: StraceEventsOptions = {}, chunk = 0): LifecycleEvent[] {
  const p = new StraceEvents(opts);
  const out: LifecycleEvent[] = [];
  if (chunk > 0) for (let i = 0; i < text.length; i += chunk) out.push(...p.push(text.slice(i, i + chunk)));
  else out.push(...p.push(text));
  out.push(...p.end());
  return out;
}

const ofType = <T extends LifecycleEvent['type']>(events: LifecycleEvent[], type: T) =>
  events.filter((e): e is Extract<LifecycleEvent, { type: T }> => e.type === type);

describe('strace line', () => {
  it('reads a whole call with pid, absolute and relative stamps', () => {
    const l = parseStraceLine('2828  1796034120.203319 (+     0.003605142) tgkill(2828, 2828, SIGUSR1) = 0');
    expect(l).toEqual({ tid: 2828, abs: 1796034120.203319, rel: 0.003605142, body: { kind: 'call', name: 'tgkill', args: '2828, 2828, SIGUSR1', ret: 0, tail: '' } });
  });
  it('reads unfinished and resumed halves, a failed call and a call that never returned', () => {
    expect(parseStraceLine('2739 1.5 vfork( <unfinished ...>')!.body).toEqual({ kind: 'unfinished', name: 'vfork', args: '' });
    expect(parseStraceLine('2739 1.5 <... vfork resumed>) = 2746')!.body).toMatchObject({ kind: 'resumed', name: 'vfork', ret: 2746 });
    const failed = parseStraceLine('28900 1.5 execve("/usr/bin/bash", ["bash"], 0x7ffc /* 39 vars */) = -1 ENOENT (No such file or directory)')!.body;
    expect(failed).toMatchObject({ kind: 'call', name: 'execve', ret: -1, tail: 'ENOENT (No such file or directory)' });
    expect(parseStraceLine('2745 1.5 exit_group(0) = ?')!.body).toMatchObject({ kind: 'call', ret: null });
  });
  it('reads exits, kills (with core dumps), supersession and delivered signals', () => {
    expect(parseStraceLine('1 2.0 +++ exited with 3 +++')!.body).toEqual({ kind: 'exited', code: 3 });
    expect(parseStraceLine('1 2.0 +++ killed by SIGSEGV (core dumped) +++')!.body).toEqual({ kind: 'killed', signal: 'SIGSEGV', core: true });
    expect(parseStraceLine('1 2.0 +++ superseded by execve in pid 7 +++')!.body).toEqual({ kind: 'superseded', by: 7 });
    expect(parseStraceLine('2840 2.0 --- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=2828, si_uid=0} ---')!.body).toEqual({
      kind: 'signal',
      signal: 'SIGTERM',
      code: 'SI_USER',
      senderPid: 2828,
    });
    expect(parseStraceLine('')).toBeNull();
  });
  it('reads a thread exec that took over its process', () => {
    const l = parseStraceLine('2849  1.0 (+ 0.1) execve("/bin/echo", ["echo"], 0x7ffe /* 39 vars */ <pid changed to 2828 ...>')!;
    expect(l.body).toMatchObject({ kind: 'pid-changed', name: 'execve', newPid: 2828 });
  });
  it('decodes C strings: escapes, hex and octal bytes (UTF-8), and the truncation mark', () => {
    expect(readCString('"a \\"q\\"\\targ\\n"', 0)).toEqual({ value: 'a "q"\targ\n', end: 16, truncated: false });
    expect(readCString('"\\xc3\\xa9t\\303\\251"', 0)!.value).toBe('été'.slice(0, 2) + 'é');
    expect(readCString('"abc"...', 0)).toEqual({ value: 'abc', end: 8, truncated: true });
    expect(readCString('"unterminated', 0)).toBeNull();
    expect(readStringArray('["a", "b", ...]', 0)).toEqual({ values: ['a', 'b'], end: 15, truncated: true });
  });
  it('reads execve and execveat arguments, and kill/tkill/tgkill targets', () => {
    expect(execArgs('execve', '"/bin/echo", ["echo", "x y"], 0x7ffe /* 39 vars */')).toEqual({ file: '/bin/echo', argv: ['echo', 'x y'] });
    expect(execArgs('execveat', 'AT_FDCWD, "/bin/ls", ["ls"], 0x1, 0')).toEqual({ file: '/bin/ls', argv: ['ls'] });
    expect(killArgs('kill', '-4242, SIGTERM')).toEqual({ target: -4242, tid: null, signal: 'SIGTERM' });
    expect(killArgs('tgkill', '1, 2, SIGKILL')).toEqual({ target: 1, tid: 2, signal: 'SIGKILL' });
    expect(killArgs('kill', '42, 0')).toBeNull();
  });
});

describe('strace events from captured output', () => {
  it('a shell running /bin/true 50 times: 50 execs named true, 50 exits and 50 reaps by the shell', () => {
    const events = parseAll(fixture('true-loop.txt'), { rootPid: 2739, rootPpid: 100, epochMs: 1796034117758.541 });
    const execs = ofType(events, 'exec').filter((e) => e.name === 'true');
    expect(execs).toHaveLength(50);
    const truePids = new Set(execs.map((e) => e.pid));
    expect(truePids.size).toBe(50);
    expect(ofType(events, 'exit').filter((e) => truePids.has(e.pid) && e.code === 0)).toHaveLength(50);
    const reaps = ofType(events, 'reap').filter((e) => truePids.has(e.pid));
    expect(reaps).toHaveLength(50);
    expect(reaps.every((r) => r.by === 2739 && r.how === 'parent-wait')).toBe(true);
    // Each true: fork (from the shell) before exec before exit before reap, all in time order.
    for (const pid of truePids) {
      const mine = events.filter((e) => 'pid' in e && e.pid === pid);
      expect(mine.map((e) => e.type)).toEqual(['fork', 'exec', 'exit', 'reap']);
      expect(mine[0]).toMatchObject({ ppid: 2739 });
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.t).toBeGreaterThanOrEqual(mine[i - 1]!.t);
    }
    // The root: its exec at t = 0 (the epoch given is its stamp), its exit, and the runner's reap.
    expect(events[0]).toMatchObject({ type: 'exec', pid: 2739, name: 'sh', argv: ['/bin/sh', '-c', 'for i in $(seq 50); do /bin/true; done'] });
    expect(events[0]!.t).toBeCloseTo(0, 6);
    expect(events.at(-2)).toMatchObject({ type: 'exit', pid: 2739, code: 0 });
    expect(events.at(-1)).toMatchObject({ type: 'reap', pid: 2739, by: 100, how: 'parent-wait' });
  });

  it('gives the same events whatever the chunk boundaries', () => {
    const text = fixture('true-loop.txt');
    const whole = parseAll(text, { rootPid: 2739 });
    expect(parseAll(text, { rootPid: 2739 }, 7)).toEqual(whole);
    expect(parseAll(text, { rootPid: 2739 }, 4096)).toEqual(whole);
  });

  it('times from the monotonic deltas: the zombie lives ~1 s between exit and reap', () => {
    const events = parseAll(fixture('python-zombie.txt'), { rootPid: 2802, rootPpid: 1 });
    const exit = ofType(events, 'exit').find((e) => e.pid === 2817)!;
    const reap = ofType(events, 'reap').find((e) => e.pid === 2817)!;
    expect(reap).toMatchObject({ by: 2802, how: 'parent-wait' });
    // Sum of the -r deltas between the two lines (0.000112462 + 0.989691779 + the exit line's own).
    expect(reap.t - exit.t).toBeCloseTo((0.000112462 + 0.989691779) * 1000, 3);
    expect(exit.t).toBeGreaterThan(0);
  });

  it('threads are not processes; a kill, a tgkill, a death by signal, an orphan reaped by init, an exec from a thread', () => {
    const events = parseAll(fixture('python-misc.txt'), { rootPid: 2828, rootPpid: 50, readPpid: () => 1 });
    // 2839 and 2849 are threads: no fork, no exit for them.
    expect(events.filter((e) => 'pid' in e && (e.pid === 2839 || e.pid === 2849))).toEqual([]);
    expect(ofType(events, 'fork').map((e) => [e.pid, e.ppid])).toEqual([
      [2840, 2828],
      [2842, 2828],
      [2843, 2842],
    ]);
    expect(ofType(events, 'signal')).toEqual([
      expect.objectContaining({ sender: 2828, target: 2840, signal: 'SIGTERM' }),
      expect.objectContaining({ sender: 2828, target: 2828, signal: 'SIGUSR1' }),
    ]);
    expect(ofType(events, 'exit').find((e) => e.pid === 2840)).toMatchObject({ code: null, signal: 'SIGTERM' });
    expect(ofType(events, 'reap').find((e) => e.pid === 2840)).toMatchObject({ by: 2828, how: 'parent-wait' });
    // 2843's parent 2842 ended first: re-parented (to init here), and init's reap is not traced.
    expect(ofType(events, 'reparent')).toEqual([expect.objectContaining({ pid: 2843, oldPpid: 2842, newPpid: 1 })]);
    expect(ofType(events, 'exit').find((e) => e.pid === 2843)).toMatchObject({ code: 5 });
    expect(ofType(events, 'reap').find((e) => e.pid === 2843)).toMatchObject({ by: 1, how: 'init' });
    // The thread's exec replaced the whole process: same pid 2828, now echo.
    expect(ofType(events, 'exec').at(-1)).toMatchObject({ pid: 2828, name: 'echo', argv: ['echo', 'from thread', 'a "quoted"\targ'] });
    expect(events.at(-2)).toMatchObject({ type: 'exit', pid: 2828, code: 0 });
    expect(events.at(-1)).toMatchObject({ type: 'reap', pid: 2828, by: 50 });
  });

  it('an orphan taken in by a traced subreaper is reaped by its wait, as a subreaper', () => {
    const events = parseAll(fixture('python-subreaper.txt'), { rootPid: 2851, readPpid: (pid) => (pid === 2864 ? 2851 : null) });
    expect(ofType(events, 'reparent')).toEqual([expect.objectContaining({ pid: 2864, oldPpid: 2863, newPpid: 2851 })]);
    expect(ofType(events, 'reap').find((e) => e.pid === 2863)).toMatchObject({ by: 2851, how: 'parent-wait' });
    expect(ofType(events, 'reap').find((e) => e.pid === 2864)).toMatchObject({ by: 2851, how: 'subreaper' });
  });

  it("a zombie orphaned to an unknown reaper is reaped by the traced subreaper whose wait returns it, else by init when the output ends", () => {
    // 50 is a subreaper (traced), 51 a shell that started 52 and ended after 52 had exited: 52 is a zombie handed to 50.
    const lines = (withWait: boolean) =>
      [
        '50  100.000000 (+     0.000000000) clone(child_stack=NULL, flags=SIGCHLD) = 51',
        '51  100.010000 (+     0.010000000) clone(child_stack=NULL, flags=SIGCHLD) = 52',
        '52  100.020000 (+     0.010000000) +++ exited with 0 +++',
        '51  100.500000 (+     0.480000000) +++ exited with 0 +++',
        '50  100.500100 (+     0.000100000) wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 51',
        ...(withWait ? ['50  100.500200 (+     0.000100000) wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = 52'] : []),
        '',
      ].join('\n');
    const waited = parseAll(lines(true), { rootPid: 50, rootPpid: 1 });
    expect(ofType(waited, 'reparent')).toEqual([expect.objectContaining({ pid: 52, oldPpid: 51, newPpid: null })]);
    expect(ofType(waited, 'reap').find((e) => e.pid === 52)).toMatchObject({ by: 50, how: 'subreaper' });
    const unseen = parseAll(lines(false), { rootPid: 50, rootPpid: 1 });
    expect(ofType(unseen, 'reap').find((e) => e.pid === 52)).toMatchObject({ by: 1, how: 'init' });
  });

  it('a child created by vfork whose exec line comes before its parent learns its pid; a process that killed itself', () => {
    const events = parseAll(fixture('killed-segv.txt'), { rootPid: 2873 });
    const child = events.filter((e) => 'pid' in e && e.pid === 2884);
    expect(child.map((e) => e.type)).toEqual(['fork', 'exec', 'exit', 'reap']);
    expect(child[1]).toMatchObject({ name: 'sh', argv: ['sh', '-c', 'kill -SEGV $$'] });
    expect(child[2]).toMatchObject({ code: null, signal: 'SIGSEGV' });
    expect(ofType(events, 'signal')).toEqual([expect.objectContaining({ sender: 2884, target: 2884, signal: 'SIGSEGV' })]);
  });

  it('a signal from outside the tree (or the kernel) is reported from its delivery', () => {
    const text = ['10 1.000000 (+ 0.000000000) execve("/bin/sleep", ["sleep", "9"], 0x1 /* 1 vars */) = 0', '10 1.500000 (+ 0.500000000) --- SIGTERM {si_signo=SIGTERM, si_code=SI_USER, si_pid=999, si_uid=0} ---', '10 1.600000 (+ 0.100000000) --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=NULL} ---', '10 1.700000 (+ 0.100000000) +++ killed by SIGSEGV (core dumped) +++', ''].join('\n');
    const events = parseAll(text, { rootPid: 10, rootPpid: 5 });
    expect(ofType(events, 'signal')).toEqual([
      { type: 'signal', t: expect.closeTo(500, 6), sender: 999, target: 10, signal: 'SIGTERM' },
      { type: 'signal', t: expect.closeTo(600, 6), sender: null, target: 10, signal: 'SIGSEGV' },
    ]);
    expect(ofType(events, 'exit')).toEqual([{ type: 'exit', t: expect.closeTo(700, 6), pid: 10, code: null, signal: 'SIGSEGV', core: true }]);
  });

  it('ignores failed execs, WNOHANG waits that found nothing, stopped children and waitid WNOWAIT peeks', () => {
    const text = [
      '1 1.0 (+ 0.0) execve("/x/bash", ["bash"], 0x1 /* 1 vars */) = -1 ENOENT (No such file or directory)',
      '1 1.0 (+ 0.0) clone(child_stack=NULL, flags=SIGCHLD) = 2',
      '1 1.0 (+ 0.0) wait4(-1, 0x7ffe, WNOHANG, NULL) = 0',
      '1 1.0 (+ 0.0) wait4(-1, [{WIFSTOPPED(s) && WSTOPSIG(s) == SIGSTOP}], WUNTRACED, NULL) = 2',
      '2 1.0 (+ 0.0) +++ exited with 0 +++',
      '1 1.0 (+ 0.0) waitid(P_PID, 2, {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=2, si_uid=0, si_status=0}, WEXITED|WNOWAIT, NULL) = 0',
      '1 1.0 (+ 0.0) waitid(P_PID, 2, {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=2, si_uid=0, si_status=0}, WEXITED, NULL) = 0',
    ].join('\n');
    const events = parseAll(text, { rootPid: 1 });
    expect(events.map((e) => e.type)).toEqual(['fork', 'exit', 'reap']);
    expect(ofType(events, 'reap')[0]).toMatchObject({ pid: 2, by: 1, how: 'parent-wait' });
  });
});

describe('strace command', () => {
  it('builds the command line with the output path before the program', () => {
    const args = straceArgs('/tmp/x/fifo', '/bin/sh', ['-c', 'echo hi']);
    expect(args.slice(-5)).toEqual(['/tmp/x/fifo', '--', '/bin/sh', '-c', 'echo hi']);
    expect(args).toContain('--seccomp-bpf');
    expect(args).toContain('-f');
    expect(args).not.toContain('-qq'); // it would hide the exit lines
  });
  it('tracing is on unless PROCPLAY_TRACE says off; strace is looked up on PATH, Linux only', () => {
    expect(tracingWanted({})).toBe(true);
    expect(tracingWanted({ PROCPLAY_TRACE: 'off' })).toBe(false);
    expect(tracingWanted({ PROCPLAY_TRACE: '0' })).toBe(false);
    expect(findStrace('/nonexistent-dir', 'linux')).toBeNull();
    expect(findStrace(process.env.PATH, 'darwin')).toBeNull();
  });
});
