// What a lesson's observation is: a sentence for the learner and a pure predicate over the
// run's events that decides whether this run showed it. The runner asks again as events
// arrive; a predicate answers null while the run may still show (or refute) it.
import type { LessonEvent, ObservationMeta, Text } from '../../../shared/lessons.js';

export interface RunFacts {
  /** Every event so far, in time order (t ascending); for a stopped run, those before the stop. */
  events: readonly LessonEvent[];
  /** The run is over: every process has ended; a predicate must decide now. */
  ended: boolean;
  /** When the run was stopped (run time, ms), or null. */
  stoppedAt: number | null;
}

export interface Verdict {
  ok: boolean;
  reason: string;
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
}

export const held = (reason: string): Verdict => ({ ok: true, reason });
export const failed = (reason: string): Verdict => ({ ok: false, reason });

/** The verdict for a run that ended (or was stopped) before a predicate could decide. */
export function undecided(facts: RunFacts): Verdict {
  return failed(facts.stoppedAt !== null ? 'the run was stopped before this could be seen' : 'the run ended without showing this');
}

/** While the run goes on: not decided yet (null). Once it is over: failed, saying what was missing. */
export function notYet(facts: RunFacts, missing: string): Verdict | null {
  if (!facts.ended) return null;
  return failed(facts.stoppedAt !== null ? `the run was stopped before this was seen: ${missing}` : missing);
}
