// The lives of a main program's children (start and exit), once all of them have ended: what
// the two "join many" lessons compare on the timeline.
import { notYet, type RunFacts, type Verdict } from './observation.js';
import { exitOf, mainChildren, type ExitEvent, type StartEvent } from './run-queries.js';

export interface ChildLives {
  starts: StartEvent[];
  exits: ExitEvent[];
  /** From the first start to the last exit, ms. */
  spanMs: number;
}

export function childLives(facts: RunFacts, expected: number): ChildLives | null {
  const starts = mainChildren(facts.events);
  const exits = starts.map((s) => exitOf(facts.events, s.pid));
  if (starts.length < expected || exits.some((e) => !e)) return null;
  const done = exits as ExitEvent[];
  return { starts, exits: done, spanMs: Math.max(...done.map((e) => e.t)) - starts[0]!.t };
}

export const notAllEnded = (facts: RunFacts, expected: number): Verdict | null =>
  notYet(facts, { en: `not all ${expected} children ran and ended`, zh: `${expected} 个子进程没有全部运行并结束` });
