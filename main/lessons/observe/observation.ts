// What a lesson's observation is: a sentence for the learner and a pure predicate over the
// run's events that decides whether this run showed it. The runner asks again as events
// arrive; a predicate answers null while the run may still show (or refute) it.
import type { LessonEvent, ObservationMeta, LessonPanel } from '../../../shared/lessons.js';
import type { Text } from '../../../shared/i18n.js';
import type { LifecycleEvent, LifecycleSource } from '../../../shared/lifecycle.js';

export interface RunFacts {
  /** Every event so far, in time order (t ascending); for a stopped run, those before the stop. */
  events: readonly LessonEvent[];
  /** The run is over: every process has ended; a predicate must decide now. */
  ended: boolean;
  /** When the run was stopped (run time, ms), or null. */
  stoppedAt: number | null;
  /**
   * The kernel's account of the run (strace): forks, execs, exits, reaps, signals. `source` is
   * null until the run said whether it is traced; facts about the OS are judged on these events
   * when it is, whatever language the program is written in.
   */
  lifecycle?: { source: LifecycleSource | null; events: readonly LifecycleEvent[] };
}

export interface Verdict {
  ok: boolean;
  /** Why, for the learner, in both languages with the same facts and numbers. */
  reason: Text;
}

export interface Observation extends ObservationMeta {
  check(facts: RunFacts): Verdict | null;
}

export interface LessonDefinition {
  id: string;
  number: number;
  title: Text;
  explanation: Text;
  observations: Observation[];
  endless: boolean;
  /** See LessonMeta.comparesWith. */
  comparesWith?: string;
  /** See LessonMeta.panel. */
  panel?: LessonPanel;
  /**
   * Set for a lesson that must run without strace, to the one line the learner is told instead of
   * exact events (LifecycleSource.reason); absent, the run is traced where strace is present.
   */
  untracedBecause?: string;
}

export const held = (reason: Text): Verdict => ({ ok: true, reason });
export const failed = (reason: Text): Verdict => ({ ok: false, reason });

/** The verdict for a run that ended (or was stopped) before a predicate could decide. */
export function undecided(facts: RunFacts): Verdict {
  return failed(
    facts.stoppedAt !== null
      ? { en: 'the run was stopped before this could be seen', zh: '还没看到这一点，运行就被停止了' }
      : { en: 'the run ended without showing this', zh: '运行结束了，但没有出现这一现象' },
  );
}

/** While the run goes on: not decided yet (null). Once it is over: failed, saying what was missing. */
export function notYet(facts: RunFacts, missing: Text): Verdict | null {
  if (!facts.ended) return null;
  return failed(
    facts.stoppedAt !== null
      ? { en: `the run was stopped before this was seen: ${missing.en}`, zh: `还没看到这一点，运行就被停止了：${missing.zh}` }
      : missing,
  );
}
