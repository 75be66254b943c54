// The lesson runs the page knows about: the shared run store (ui/run-store) configured for
// lessons — a run's events kept in time order (lesson programs' processes print concurrently),
// every run kept (a lesson's runs are few), and each run knows its lesson.
import type { LessonEvent, LessonRunInfo } from '../../../shared/lessons.js';
import type { LifecycleBatch } from '../ui/lifecycle-store.js';
import { createRunStore, latestOf, type LiveItem, type Run, type RunsOf } from '../ui/run-store.js';

export { insertSorted, runClockMs } from '../ui/run-store.js';

export type RunView = Run<LessonEvent, { lessonId: string }>;

export type RunsState = RunsOf<RunView>;

interface LessonLive extends LiveItem<LessonEvent> {
  lessonId: string;
}

export type RunsAction =
  | { type: 'known'; infos: readonly LessonRunInfo[] }
  | { type: 'event'; runId: string; lessonId: string; event: LessonEvent; receivedAt: number }
  | { type: 'lifecycle'; batch: LifecycleBatch };

const store = createRunStore<LessonEvent, LessonRunInfo, LessonLive, { lessonId: string }>({
  order: 'time',
  fromInfo: (info) => ({ lessonId: info.lessonId }),
  fromLive: (first) => ({ lessonId: first.lessonId }),
});

export const emptyRuns: RunsState = store.empty;

export function runsReducer(state: RunsState, action: RunsAction): RunsState {
  switch (action.type) {
    case 'known':
      return store.known(state, action.infos);
    case 'event':
      return store.live(state, [action]);
    case 'lifecycle':
      return store.lifecycle(state, [action.batch]);
  }
}

/** The latest run of a lesson (by start time), or null. */
export function latestRun(state: RunsState, lessonId: string): RunView | null {
  return latestOf(Object.values(state.runs), (r) => r.lessonId === lessonId);
}

/** Pids of a run's processes that have started and not yet exited. */
export function livePids(events: readonly LessonEvent[]): number[] {
  const live = new Set<number>();
  for (const e of events) {
    if (e.type === 'start') live.add(e.pid);
    else if (e.type === 'exit') live.delete(e.pid);
  }
  return [...live];
}
