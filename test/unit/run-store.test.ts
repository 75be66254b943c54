// The one run store (renderer/src/ui/run-store) under both orders a page may choose: histories
// and live events merged without duplicates, run-end ending a run, bounded events, the oldest
// finished runs forgotten beyond the limit (never the protected one), latest-run selection and
// the run clock.
import { describe, expect, it } from 'vitest';
import { createRunStore, insertSorted, latestOf, runClockMs, type LiveItem, type RunInfo, type RunsOf, type Run } from '../../renderer/src/ui/run-store.js';
import type { LifecycleBatch } from '../../renderer/src/ui/lifecycle-store.js';

type Ev = { type: 'line'; t: number; text: string } | { type: 'run-end'; t: number };
interface Info extends RunInfo<Ev> {
  label: string;
}
type Live = LiveItem<Ev> & { label?: string };
type R = Run<Ev, { label: string }>;

const line = (t: number, text: string): Ev => ({ type: 'line', t, text });
const end = (t: number): Ev => ({ type: 'run-end', t });
const info = (runId: string, events: Ev[], over: Partial<Info> = {}): Info => ({ runId, startedAt: 1000, running: true, events, label: `known ${runId}`, ...over });
const live = (runId: string, event: Ev, receivedAt = 5000): Live => ({ runId, event, receivedAt, label: `live ${runId}` });
const texts = (r: R | undefined) => (r?.events ?? []).map((e) => (e.type === 'line' ? e.text : 'END'));

const storeOf = (order: 'time' | 'arrival', extra: { keepRuns?: number; bound?: (events: Ev[], seen: Map<string, { live: number; known: number }>) => Ev[] } = {}) =>
  createRunStore<Ev, Info, Live, { label: string }>({
    order,
    ...extra,
    fromInfo: (i) => ({ label: i.label }),
    fromLive: (first) => ({ label: first.label ?? '?' }),
  });

describe('run store core', () => {
  for (const order of ['time', 'arrival'] as const) {
    it(`${order}: an event seen live and in the history is kept once; a line printed twice stays twice`, () => {
      const store = storeOf(order);
      let s: RunsOf<R> = store.empty;
      s = store.live(s, [live('r', line(10, 'a')), live('r', line(20, 'b'))]);
      expect(s.runs.r!.label).toBe('live r');
      expect(s.runs.r!.startedAt).toBe(5000 - 10);
      s = store.known(s, [info('r', [line(10, 'a'), line(20, 'b'), line(20, 'b'), line(30, 'c')])]);
      expect(texts(s.runs.r)).toEqual(['a', 'b', 'b', 'c']);
      expect(s.runs.r!.label).toBe('known r');
      expect(s.runs.r!.startedAt).toBe(1000);
      // The live copies of what the history already held add nothing; a new one is added.
      s = store.live(s, [live('r', line(30, 'c')), live('r', line(40, 'd'))]);
      expect(texts(s.runs.r)).toEqual(['a', 'b', 'b', 'c', 'd']);
      expect(s.runs.r!.running).toBe(true);
      s = store.live(s, [live('r', end(50))]);
      expect(s.runs.r!.running).toBe(false);
      expect(s.runs.r!.end).toEqual(end(50));
      // A later history that still says "running" cannot revive a run that ended.
      s = store.known(s, [info('r', [line(10, 'a'), end(50)], { running: true })]);
      expect(s.runs.r!.running).toBe(false);
    });
  }

  it('time order sorts a late event in; arrival order keeps the runner\'s order', () => {
    const ev = [live('r', line(30, 'late')), live('r', line(10, 'early'))];
    const byTime = storeOf('time');
    expect(texts(byTime.live(byTime.empty, ev).runs.r)).toEqual(['early', 'late']);
    const byArrival = storeOf('arrival');
    expect(texts(byArrival.live(byArrival.empty, ev).runs.r)).toEqual(['late', 'early']);
    // A history rebuilds an arrival-ordered run in its order; live-only events follow it.
    let s = byArrival.live(byArrival.empty, [live('r', line(5, 'x')), live('r', line(7, 'only-live'))]);
    s = byArrival.known(s, [info('r', [line(1, 'first'), line(5, 'x')])]);
    expect(texts(s.runs.r)).toEqual(['first', 'x', 'only-live']);
  });

  it('bounds every run through the configured bound, on both paths', () => {
    const store = storeOf('arrival', { bound: (events) => events.slice(-2) });
    let s = store.live(store.empty, [live('r', line(1, 'a')), live('r', line(2, 'b')), live('r', line(3, 'c'))]);
    expect(texts(s.runs.r)).toEqual(['b', 'c']);
    s = store.known(s, [info('q', [line(1, 'x'), line(2, 'y'), line(3, 'z')])]);
    expect(texts(s.runs.q)).toEqual(['y', 'z']);
  });

  it('forgets the oldest finished runs beyond keepRuns, never a running or the protected one, and their lifecycles', () => {
    const store = storeOf('arrival', { keepRuns: 2 });
    const batch = (runId: string): LifecycleBatch => ({ runId, source: { exact: true, reason: null }, events: [{ type: 'exit', t: 1, pid: 9, code: 0, signal: null }] });
    let s: RunsOf<R> = store.empty;
    s = store.known(s, [info('old', [end(1)], { startedAt: 1, running: false })]);
    s = store.lifecycle(s, [batch('old')]);
    expect(Object.keys(s.lifecycle)).toEqual(['old']);
    s = store.known(s, [info('mid', [end(1)], { startedAt: 2, running: false })]);
    s = store.known(s, [info('new', [], { startedAt: 3 })], 'old');
    // Over the limit, but 'old' is protected: the next oldest finished run goes instead.
    expect(Object.keys(s.runs).sort()).toEqual(['new', 'old']);
    s = store.live(s, [live('fresh', line(1, 'hi'))]);
    expect(Object.keys(s.runs).sort()).toEqual(['fresh', 'new']);
    expect(s.lifecycle.old).toBeUndefined();
    // Two running runs over a limit of one: neither is forgotten.
    const one = storeOf('time', { keepRuns: 1 });
    const both = one.live(one.empty, [live('a', line(1, 'a')), live('b', line(1, 'b'))]);
    expect(Object.keys(both.runs).sort()).toEqual(['a', 'b']);
  });

  it('keeps a lifecycle batch that came before its run, and ignores empty input', () => {
    const store = storeOf('time');
    const batch: LifecycleBatch = { runId: 'r', source: { exact: true, reason: null }, events: [{ type: 'fork', t: 1, pid: 9, ppid: 8 }] };
    const s = store.lifecycle(store.empty, [batch]);
    expect(s.lifecycle.r!.events).toHaveLength(1);
    expect(store.known(s, [])).toBe(s);
    expect(store.live(s, [])).toBe(s);
    expect(store.lifecycle(s, [])).toBe(s);
  });

  it('keeps the state fields a page adds', () => {
    const store = storeOf('arrival');
    const s = store.live({ ...store.empty, currentId: 'mine' }, [live('r', line(1, 'a'))]);
    expect(s.currentId).toBe('mine');
  });

  it('selects the latest run by start time (the last given among equal ones) and clocks a run', () => {
    const runs = [{ id: 'a', startedAt: 5 }, { id: 'b', startedAt: 9 }, { id: 'c', startedAt: 9 }, { id: 'd', startedAt: 1 }];
    expect(latestOf(runs)!.id).toBe('c');
    expect(latestOf(runs, (r) => r.id !== 'c')!.id).toBe('b');
    expect(latestOf(runs, () => false)).toBeNull();
    expect(insertSorted([line(1, 'a'), line(5, 'b')], line(5, 'c')).map((e) => (e as { text: string }).text)).toEqual(['a', 'b', 'c']);
    const store = storeOf('time');
    let s = store.known(store.empty, [info('r', [line(100, 'a')], { startedAt: 1000 })]);
    expect(runClockMs(s.runs.r!, 1000 + 2500)).toBe(2500);
    s = store.live(s, [live('r', end(1500))]);
    expect(runClockMs(s.runs.r!, 1000 + 99_999)).toBe(1500);
  });
});
