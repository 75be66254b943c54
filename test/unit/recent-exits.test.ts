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
    expect(parseHelperLine('not json')).toBeNull();
    expect(parseHelperLine('null')).toBeNull();
  });
});
