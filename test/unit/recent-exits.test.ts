// What counts as a recent exit (started and ended within one sampling interval, since we listened),
// and the helper's JSON lines as the CLI and the app read them.
import { describe, expect, it } from 'vitest';
import { ExitTracker } from '../../main/monitor/recent-exits.js';
import { parseHelperLine } from '../../main/trace/system-events.js';

describe('ExitTracker', () => {
  it('keeps a process that forked, exec\'d and exited within the interval, named after its exec', () => {
    const tr = new ExitTracker(() => 'sh');
    expect(tr.take({ type: 'fork', t: 10, pid: 5, ppid: 4 }, 1000, 0)).toBeNull();
    expect(tr.take({ type: 'exec', t: 10.5, pid: 5, name: 'true', argv: ['/bin/true'] }, 1000, 0)).toBeNull();
    expect(tr.take({ type: 'exit', t: 11.25, pid: 5, code: 0, signal: null }, 1000, 99)).toEqual({
      pid: 5, ppid: 4, name: 'true', lifetimeMs: 1.25, code: 0, signal: null, endedAt: 99,
    });
  });

  it('leaves out a process that lived an interval or more, or started before we listened', () => {
    const tr = new ExitTracker();
    tr.take({ type: 'fork', t: 0, pid: 6, ppid: 1 }, 1000, 0);
    expect(tr.take({ type: 'exit', t: 1000, pid: 6, code: 0, signal: null }, 1000, 0)).toBeNull();
    expect(tr.take({ type: 'exit', t: 5, pid: 7, code: 0, signal: null }, 1000, 0)).toBeNull();
  });

  it('takes the kernel\'s name at exit when the exec\'s name was gone ("?") or there was no exec', () => {
    const tr = new ExitTracker(() => 'sh');
    tr.take({ type: 'fork', t: 0, pid: 5, ppid: 4 }, 1000, 0);
    tr.take({ type: 'exec', t: 1, pid: 5, name: '?', argv: [] }, 1000, 0);
    expect(tr.take({ type: 'exit', t: 2, pid: 5, code: 0, signal: null, name: 'true' }, 1000, 0)).toMatchObject({ name: 'true' });
    tr.take({ type: 'fork', t: 0, pid: 6, ppid: 4 }, 1000, 0);
    expect(tr.take({ type: 'exit', t: 2, pid: 6, code: 0, signal: null, name: 'worker' }, 1000, 0)).toMatchObject({ name: 'worker' });
    // An exec's name that was read stays (the exit's is the same, or a later prctl rename).
    tr.take({ type: 'fork', t: 0, pid: 7, ppid: 4 }, 1000, 0);
    tr.take({ type: 'exec', t: 1, pid: 7, name: 'python3', argv: [] }, 1000, 0);
    expect(tr.take({ type: 'exit', t: 2, pid: 7, code: 0, signal: null, name: 'renamed' }, 1000, 0)).toMatchObject({ name: 'python3' });
  });

  it('names a child that never exec\'d by what it runs (its parent\'s program), and keeps its signal', () => {
    const tr = new ExitTracker((pid) => (pid === 8 ? null : pid === 2 ? 'bash' : null));
    tr.take({ type: 'fork', t: 0, pid: 8, ppid: 2 }, 1000, 0);
    expect(tr.take({ type: 'exit', t: 3, pid: 8, code: null, signal: 'SIGKILL' }, 1000, 0)).toMatchObject({ name: 'bash', code: null, signal: 'SIGKILL' });
  });
});

describe('parseHelperLine', () => {
  it('reads ready, lost and events; an exec whose name was gone is "?"; junk is ignored', () => {
    expect(parseHelperLine('{"ready": true}')).toEqual({ kind: 'ready' });
    expect(parseHelperLine('{"lost": true}')).toEqual({ kind: 'lost' });
    expect(parseHelperLine('{"t":1,"type":"exec","pid":3,"name":null,"argv":[]}')).toEqual({ kind: 'event', event: { t: 1, type: 'exec', pid: 3, name: '?', argv: [] } });
    expect(parseHelperLine('{"t":2,"type":"exit","pid":3,"code":0,"signal":null,"name":"true"}')).toEqual({ kind: 'event', event: { t: 2, type: 'exit', pid: 3, code: 0, signal: null, name: 'true' } });
    expect(parseHelperLine('{"t":2,"type":"exit","pid":3,"code":0,"signal":null,"name":7}')).toEqual({ kind: 'event', event: { t: 2, type: 'exit', pid: 3, code: 0, signal: null } });
    expect(parseHelperLine('not json')).toBeNull();
    expect(parseHelperLine('null')).toBeNull();
  });
});
