// Facts about the OS read from a run's exact lifecycle events (strace) rather than from what the
// program printed: who forked whom, who reaped a zombie and when, who signalled whom. They hold
// whatever language the lesson program is written in. Pure.
import type { LifecycleEvent } from '../../../shared/lifecycle.js';
import type { RunFacts } from './observation.js';

type Of<T extends LifecycleEvent['type']> = Extract<LifecycleEvent, { type: T }>;
export type ForkEvent = Of<'fork'>;
export type LcExitEvent = Of<'exit'>;
export type ReapEvent = Of<'reap'>;
export type SignalEvent = Of<'signal'>;

/**
 * The exact events when the run is traced; 'sampled' when it is not (judge on printed text, as
 * before); 'wait' while the run has not said yet (a predicate answers null meanwhile, not a text
 * verdict that the events might contradict a moment later).
 */
export function osEvents(facts: RunFacts): readonly LifecycleEvent[] | 'sampled' | 'wait' {
  const lc = facts.lifecycle;
  if (!lc) return 'sampled';
  if (lc.source === null) return facts.ended ? 'sampled' : 'wait';
  return lc.source.exact ? lc.events : 'sampled';
}

const first = <T extends LifecycleEvent['type']>(events: readonly LifecycleEvent[], type: T, where: (e: Of<T>) => boolean): Of<T> | undefined =>
  events.find((e): e is Of<T> => e.type === type && where(e as Of<T>));

export const forkOf = (events: readonly LifecycleEvent[], pid: number): ForkEvent | undefined => first(events, 'fork', (e) => e.pid === pid);
/** The exit of `pid` at or after `from` (a pid can be reused within a run). */
export const lcExitOf = (events: readonly LifecycleEvent[], pid: number, from = 0): LcExitEvent | undefined => first(events, 'exit', (e) => e.pid === pid && e.t >= from);
export const reapOf = (events: readonly LifecycleEvent[], pid: number, from = 0): ReapEvent | undefined => first(events, 'reap', (e) => e.pid === pid && e.t >= from);
/** Signals sent to `pid` itself or to a process group it leads. */
export const signalsTo = (events: readonly LifecycleEvent[], pid: number): SignalEvent[] =>
  events.filter((e): e is SignalEvent => e.type === 'signal' && (e.target === pid || e.target === -pid));

/** The latest time the run has reached as far as these events tell. */
export const lastTime = (events: readonly LifecycleEvent[]): number => events.reduce((m, e) => Math.max(m, e.t), 0);

/** How a reaper is described: "its parent 4242", "the subreaper 4240", "init (pid 1)". */
export function reaperText(reap: ReapEvent, lang: 'en' | 'zh'): string {
  if (reap.how === 'parent-wait') return lang === 'zh' ? `它的父进程 ${reap.by}` : `its parent ${reap.by}`;
  if (reap.how === 'subreaper') return lang === 'zh' ? `子进程收养者 ${reap.by}` : `the subreaper ${reap.by}`;
  return lang === 'zh' ? `init（pid ${reap.by}）` : `init (pid ${reap.by})`;
}
