// Keeps every lesson run the page knows about: catches up with lesson.runs when the page opens
// (a run may be half way) and again after a lost connection, follows the live 'lesson.event'
// stream (ui/use-run-feed), and starts and stops runs.
import { useCallback, useMemo, useReducer } from 'react';
import type { ApiClient } from '../../../shared/api.js';
import type { LessonEvent, LessonRunInfo, ProgramLanguage } from '../../../shared/lessons.js';
import { useRunFeed, type RunFeedSink, type RunFeedSource } from '../ui/use-run-feed.js';
import { emptyRuns, runsReducer, type RunsAction, type RunsState } from './lesson-run-store.js';

export interface LessonRuns {
  state: RunsState;
  /** Set once lesson.runs answered (or failed). */
  caughtUp: boolean;
  run(lessonId: string, language?: ProgramLanguage): Promise<string>;
  stop(runId: string): Promise<void>;
}

type LessonLive = { runId: string; lessonId: string; event: LessonEvent; receivedAt: number };

/** Lesson events are few: each is applied as it comes, like the lifecycle batches. */
const LESSON_FEED: RunFeedSource<LessonLive, LessonRunInfo> = {
  batchMs: 0,
  onLive: (api, push) => api.on('lesson.event', (d) => push({ runId: d.runId, lessonId: d.lessonId, event: d.event, receivedAt: Date.now() })),
  onLifecycle: (api, push) =>
    api.on('lifecycle.events', (d) => {
      if (d.scope === 'lesson') push({ runId: d.runId, source: d.source, events: d.events });
    }),
  fetchKnown: (api) => api.call('lesson.runs', {}),
};

function lessonSink(dispatch: (action: RunsAction) => void): RunFeedSink<LessonLive, LessonRunInfo> {
  return {
    live: (items) => items.forEach((item) => dispatch({ type: 'event', ...item })),
    lifecycle: (batches) => batches.forEach((batch) => dispatch({ type: 'lifecycle', batch })),
    known: (infos) => dispatch({ type: 'known', infos }),
  };
}

export function useLessonRuns(api: ApiClient): LessonRuns {
  const [state, dispatch] = useReducer(runsReducer, emptyRuns);
  const sink = useMemo(() => lessonSink(dispatch), []);
  const { caughtUp } = useRunFeed(api, LESSON_FEED, sink);

  const run = useCallback(
    async (lessonId: string, language: ProgramLanguage = 'typescript') => {
      const info = await api.call('lesson.run', { lessonId, language });
      dispatch({ type: 'known', infos: [info] });
      return info.runId;
    },
    [api],
  );
  const stop = useCallback(
    async (runId: string) => {
      await api.call('lesson.stop', { runId });
    },
    [api],
  );
  return { state, caughtUp, run, stop };
}

