// The event → timeline model of traced runs (renderer/src/ui/lifecycle-model.ts), the readable
// sentences of the events pane, its filter, and the page's per-run store of lifecycle batches.
import { describe, expect, it } from 'vitest';
import type { LifecycleEvent } from '../../shared/lifecycle.js';
import { LIFECYCLE_KEEP } from '../../shared/lifecycle.js';
import { makeTranslate } from '../../renderer/src/i18n/translate.js';
import { AT_ONCE_MS, buildLifecycleModel, filterSentences, lifeEnd, sentences, zombieSpan, type Sentence } from '../../renderer/src/ui/lifecycle-model.js';
import { addBatches, addKnown, pruneLifecycle } from '../../renderer/src/ui/lifecycle-store.js';

const RUNNER = 900;
/** A shell (100) runs python3, which forks a child (101) that exits at once and is waited for 1 s later; then a 1 ms child (102) becomes `sleep 60` and is killed by SIGTERM. */
const RUN: LifecycleEvent[] = [
  { type: 'fork', t: 0, pid: 100, ppid: RUNNER },
  { type: 'exec', t: 2, pid: 100, name: 'sh', argv: ['/bin/sh', '-c', 'python3 z.py'] },
  { type: 'exec', t: 5, pid: 100, name: 'python3', argv: ['python3', 'z.py'] },
  { type: 'fork', t: 40, pid: 101, ppid: 100 },
  { type: 'exit', t: 40.5, pid: 101, code: 0, signal: null },
  { type: 'reap', t: 1041.25, pid: 101, by: 100, how: 'parent-wait' },
  { type: 'fork', t: 1100, pid: 102, ppid: 100 },
  { type: 'exec', t: 1100.4, pid: 102, name: 'sleep', argv: ['sleep', '60'] },
  { type: 'signal', t: 1101, sender: 100, target: 102, signal: 'SIGTERM' },
  { type: 'exit', t: 1101.2, pid: 102, code: null, signal: 'SIGTERM' },
  { type: 'reap', t: 1101.3, pid: 102, by: 100, how: 'parent-wait' },
  { type: 'exit', t: 1200, pid: 100, code: 0, signal: null },
  { type: 'reap', t: 1200, pid: 100, by: RUNNER, how: 'parent-wait' },
];

const en = makeTranslate('en');
const zh = makeTranslate('zh');
const say = (s: Sentence, t = en) => t(s.key, s.vars);

describe('lifecycle model (exact events → lanes)', () => {
  it('one lane per process, parent first; the zombie from exit to reap with its reaper; execs rename the lane', () => {
    const m = buildLifecycleModel(RUN);
    expect(m.lanes.map((l) => [l.pid, l.depth, l.name])).toEqual([
      [100, 0, 'python3'],
      [101, 1, 'python3'], // a fork runs its parent's image until it execs
      [102, 1, 'sleep'],
    ]);
    const [root, zombie, killed] = m.lanes as [NonNullable<(typeof m.lanes)[0]>, NonNullable<(typeof m.lanes)[0]>, NonNullable<(typeof m.lanes)[0]>];
    expect(root.execs.map((e) => e.name)).toEqual(['sh', 'python3']);
    expect(root.ppid).toBe(RUNNER);
    expect(zombie).toMatchObject({ ppid: 100, startMs: 40, exitMs: 40.5, reapMs: 1041.25, reaper: 100, reapHow: 'parent-wait', exit: { code: 0, signal: null } });
    expect(zombieSpan(zombie, 5000)).toEqual({ from: 40.5, to: 1041.25, reaped: true });
    // A 1 ms life is a lane of its own (the drawing gives it a minimum width).
    expect(killed).toMatchObject({ startMs: 1100, exitMs: 1101.2, exit: { code: null, signal: 'SIGTERM' } });
    expect(lifeEnd(killed, 5000)).toBe(1101.2);
    expect(m.signals).toEqual([{ t: 1101, sender: 100, target: 102, signal: 'SIGTERM', fromKey: root.key, toKey: killed.key }]);
    expect(m.lastMs).toBe(1200);
  });

  it('while nobody has waited, the zombie grows with the clock; a live lane runs to now', () => {
    const m = buildLifecycleModel(RUN.slice(0, 5));
    const child = m.lanes.find((l) => l.pid === 101)!;
    expect(zombieSpan(child, 700)).toEqual({ from: 40.5, to: 700, reaped: false });
    const root = m.lanes.find((l) => l.pid === 100)!;
    expect(root.exitMs).toBeNull();
    expect(zombieSpan(root, 700)).toBeNull();
    expect(lifeEnd(root, 700)).toBe(700);
  });

  it('a pid reused after its reap is a new lane; an orphan reaped by a subreaper; a process first seen mid-run', () => {
    const m = buildLifecycleModel([
      { type: 'fork', t: 0, pid: 10, ppid: 1 },
      { type: 'fork', t: 1, pid: 11, ppid: 10 },
      { type: 'fork', t: 2, pid: 12, ppid: 11 },
      { type: 'exit', t: 3, pid: 11, code: 0, signal: null },
      { type: 'reparent', t: 3, pid: 12, oldPpid: 11, newPpid: 10 },
      { type: 'reap', t: 3.5, pid: 11, by: 10, how: 'parent-wait' },
      { type: 'exit', t: 5, pid: 12, code: 3, signal: null },
      { type: 'reap', t: 6, pid: 12, by: 10, how: 'subreaper' },
      { type: 'fork', t: 7, pid: 11, ppid: 10 },
      { type: 'exec', t: 8, pid: 77, name: 'stray', argv: [] },
    ]);
    expect(m.lanes.map((l) => l.pid)).toEqual([10, 11, 12, 11, 77]);
    expect(new Set(m.lanes.map((l) => l.key)).size).toBe(5);
    const orphan = m.lanes.find((l) => l.pid === 12)!;
    expect(orphan).toMatchObject({ depth: 2, reaper: 10, reapHow: 'subreaper', reparents: [{ t: 3, from: 11, to: 10 }] });
    const reused = m.lanes.filter((l) => l.pid === 11);
    expect(reused.map((l) => [l.startMs, l.reapMs])).toEqual([[1, 3.5], [7, null]]);
    expect(m.lanes.find((l) => l.pid === 77)).toMatchObject({ ppid: null, startMs: 8, depth: 0, name: 'stray' });
  });

  it('a signal from outside the run (or to a process group) has no sender lane; a group target finds its leader', () => {
    const m = buildLifecycleModel([
      { type: 'fork', t: 0, pid: 10, ppid: 1 },
      { type: 'signal', t: 1, sender: null, target: 10, signal: 'SIGKILL' },
      { type: 'signal', t: 2, sender: 10, target: -10, signal: 'SIGINT' },
      { type: 'signal', t: 3, sender: 10, target: 4242, signal: 'SIGUSR1' },
    ]);
    const key = m.lanes[0]!.key;
    expect(m.signals.map((s) => [s.fromKey, s.toKey])).toEqual([
      [null, key],
      [key, key],
      [key, null],
    ]);
  });
});

describe('events pane sentences', () => {
  it('reads like strace -f, for people: forks, execs, the zombie time until the parent waits, kills, reaps', () => {
    const lines = sentences(RUN).map((s) => say(s));
    expect(lines).toEqual([
      `${RUNNER} forked 100`,
      '100 became `/bin/sh -c python3 z.py`',
      '100 became `python3 z.py`',
      '100 forked 101',
      '101 exited 0, zombie until 100 waits (1.00 s)',
      '100 waited: 101 reaped',
      '100 forked 102',
      '102 became `sleep 60`',
      '100 sent SIGTERM to 102',
      '102 killed by SIGTERM, reaped at once by 100', // 0.1 ms: its parent was waiting already (under AT_ONCE_MS)
      '100 waited: 102 reaped',
      `100 exited 0, reaped at once by ${RUNNER}`,
      `${RUNNER} waited: 100 reaped`,
    ]);
    // Chinese, with the same numbers.
    expect(say(sentences(RUN)[4]!, zh)).toBe('101 退出（0），成为僵尸，直到 100 等待它（1.00 秒）');
  });

  it('an exit not yet reaped says the zombie waits for its parent; orphans, groups and unknown senders are said as such', () => {
    const lines = sentences([
      { type: 'exit', t: 1, pid: 5, code: 2, signal: null },
      { type: 'reparent', t: 1, pid: 6, oldPpid: 5, newPpid: 1 },
      { type: 'reparent', t: 1, pid: 7, oldPpid: 5, newPpid: null },
      { type: 'reap', t: 2, pid: 6, by: 1, how: 'init' },
      { type: 'reap', t: 2, pid: 7, by: 40, how: 'subreaper' },
      { type: 'signal', t: 3, sender: null, target: 8, signal: 'SIGSEGV' },
      { type: 'signal', t: 3, sender: 9, target: -9, signal: 'SIGINT' },
    ]).map((s) => say(s));
    expect(lines).toEqual([
      '5 exited 2, zombie until its parent waits',
      '6 orphaned: its parent 5 ended, now a child of 1',
      '7 orphaned: its parent 5 ended',
      'init (1) reaped the orphan 6',
      'subreaper 40 reaped the orphan 7',
      '8 got SIGSEGV (from the kernel or outside the run)',
      '9 sent SIGINT to process group 9',
    ]);
  });

  it('a reap within AT_ONCE_MS of the exit is "at once"; past it, the zombie time is said', () => {
    const pair = (gap: number) =>
      sentences([
        { type: 'exit', t: 100, pid: 5, code: 0, signal: null },
        { type: 'reap', t: 100 + gap, pid: 5, by: 4, how: 'parent-wait' },
      ]).map((s) => say(s))[0];
    expect(pair(AT_ONCE_MS - 1)).toBe('5 exited 0, reaped at once by 4');
    expect(pair(AT_ONCE_MS + 10)).toBe('5 exited 0, zombie until 4 waits (0.02 s)');
  });

  it('the filter: words match the text or the type, a number matches a pid exactly', () => {
    const all = sentences(RUN);
    const text = (s: Sentence) => say(s);
    expect(filterSentences(all, text, '101').map((s) => s.type)).toEqual(['fork', 'exit', 'reap']);
    expect(filterSentences(all, text, 'exec').map(text)).toEqual(['100 became `/bin/sh -c python3 z.py`', '100 became `python3 z.py`', '102 became `sleep 60`']);
    expect(filterSentences(all, text, 'sigterm 102').map((s) => s.type)).toEqual(['signal', 'exit']);
    expect(filterSentences(all, text, '  ')).toHaveLength(all.length);
    // "10" is a pid, not a substring of 100 or 101.
    expect(filterSentences(all, text, '10')).toEqual([]);
  });
});

describe('lifecycle store (live batches and run infos)', () => {
  const source = { exact: true, reason: null };
  it('appends batches; a run info with at least as many events replaces them, one with fewer does not', () => {
    let runs = addBatches({}, [{ runId: 'a', source, events: RUN.slice(0, 2) }]);
    runs = addBatches(runs, [{ runId: 'a', source, events: RUN.slice(2, 4) }]);
    expect(runs.a!.events).toEqual(RUN.slice(0, 4));
    // An info taken before the last batch (stale): kept as is.
    expect(addKnown(runs, 'a', { source, events: RUN.slice(0, 3) })).toBe(runs);
    // An info holding everything so far and more: it wins, and later batches append to it.
    runs = addKnown(runs, 'a', { source, events: RUN.slice(0, 6) });
    runs = addBatches(runs, [{ runId: 'a', source, events: RUN.slice(6) }]);
    expect(runs.a!.events).toEqual(RUN);
    expect(addKnown(runs, 'b', undefined)).toBe(runs);
    expect(Object.keys(pruneLifecycle(runs, (id) => id !== 'a'))).toEqual([]);
  });

  it('keeps at most LIFECYCLE_KEEP events per run (the first ones, as the server does)', () => {
    const many: LifecycleEvent[] = Array.from({ length: LIFECYCLE_KEEP + 10 }, (_, i) => ({ type: 'fork', t: i, pid: 1000 + i, ppid: 1 }));
    const runs = addBatches(addBatches({}, [{ runId: 'x', source, events: many.slice(0, LIFECYCLE_KEEP - 5) }]), [{ runId: 'x', source, events: many.slice(LIFECYCLE_KEEP - 5) }]);
    expect(runs.x!.events).toHaveLength(LIFECYCLE_KEEP);
    expect(runs.x!.events.at(-1)).toEqual(many[LIFECYCLE_KEEP - 1]);
  });
});
