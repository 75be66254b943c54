// Real lesson runs for integration tests: a LessonRunner that keeps every run's events, the
// queries the tests ask of them, and the run's surviving processes (found by the run-id marker).
import type { LessonEvent } from '../../shared/lessons.js';
import { LessonRunner, RUN_ID_ENV } from '../../main/lessons/lesson-runner.js';
import { pidsWithEnv } from './marked-processes.js';

export type ObservationEvent = Extract<LessonEvent, { type: 'observation' }>;

/** Live processes carrying the run's marker (a zombie has no environment left to carry it). */
export const runSurvivors = (runId: string): number[] => pidsWithEnv(RUN_ID_ENV, runId);

/** A runner whose events are kept per run, as they stream. */
export function recordingRunner() {
  const streams = new Map<string, LessonEvent[]>();
  const runner = new LessonRunner({
    onEvent: (runId, _lessonId, event) => (streams.get(runId) ?? streams.set(runId, []).get(runId)!).push(event),
  });
  return { runner, eventsOf: (runId: string) => streams.get(runId) ?? [] };
}

/** The match of `pattern` in every output line it matches, in order. */
export const lineMatch = (events: LessonEvent[], pattern: RegExp) =>
  events.flatMap((e) => (e.type === 'output' && pattern.test(e.text) ? [pattern.exec(e.text)!] : []));

/** The run's observation verdicts by observation id. */
export const verdicts = (events: LessonEvent[]) =>
  Object.fromEntries(events.filter((e): e is ObservationEvent => e.type === 'observation').map((v) => [v.id, v]));
