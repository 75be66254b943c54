// Keeps every lesson run the page knows about: catches up with lesson.runs when the page opens
// (a run may be half way), follows the live 'lesson.event' stream, and starts and stops runs.
import { useCallback, useEffect, useReducer, useState } from 'react';
import type { ApiClient } from '../../../shared/api.js';
import type { ProgramLanguage } from '../../../shared/lessons.js';
import { onReopen } from '../api/connection.js';
import { emptyRuns, runsReducer, type RunsState } from './run-store.js';

export interface LessonRuns {
  state: RunsState;
  /** Set once lesson.runs answered (or failed). */
  caughtUp: boolean;
  run(lessonId: string, language?: ProgramLanguage): Promise<string>;
  stop(runId: string): Promise<void>;
}

export function useLessonRuns(api: ApiClient): LessonRuns {
  const [state, dispatch] = useReducer(runsReducer, emptyRuns);
  const [caughtUp, setCaughtUp] = useState(false);

  useEffect(() => {
    let live = true;
    // Subscribe first, then ask for the runs so far: the reducer merges the overlap.
    const off = api.on('lesson.event', (d) => dispatch({ type: 'event', runId: d.runId, lessonId: d.lessonId, event: d.event, receivedAt: Date.now() }));
    // Dispatched as they come, like the lesson events: a run info then always lands after the batches it holds.
    const offLifecycle = api.on('lifecycle.events', (d) => {
      if (d.scope === 'lesson') dispatch({ type: 'lifecycle', batch: { runId: d.runId, source: d.source, events: d.events } });
    });
    const catchUp = () =>
      api
        .call('lesson.runs', {})
        .then((infos) => live && dispatch({ type: 'known', infos }))
        .catch(() => {});
    void catchUp().finally(() => live && setCaughtUp(true));
    // Back from a lost connection: the events (a run's end included) pushed meanwhile were missed.
    const offReopen = onReopen(api, () => void catchUp());
    return () => {
      live = false;
      off();
      offLifecycle();
      offReopen();
    };
  }, [api]);

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

