// Everything the main side offers, built once and shared by both transports (Electron IPC and
// web mode): the live monitor, safe killing and the lesson runner, with the contract's handlers.
import type { EventMessage, EventName, ApiEvents } from '../../shared/api.js';
import { createSampler } from '../processes/create-sampler.js';
import { HistoryStore } from '../processes/history.js';
import { Monitor } from '../monitor/monitor.js';
import { createKillService } from '../kill/kill-service.js';
import { protectedPids } from '../kill/protected-pids.js';
import { LessonRunner } from '../lessons/runner.js';
import { createDispatch, type Dispatch } from '../api/dispatch.js';

export type EventSink = (message: EventMessage) => void;

export interface AppServices {
  monitor: Monitor;
  lessons: LessonRunner;
  dispatch: Dispatch;
  /** Subscribes to every pushed event (snapshots, lesson events). */
  onEvent(sink: EventSink): () => void;
  /** Registers more pids as the app's own (Electron's renderer and helpers): never killable. */
  setExtraSelfPids(get: () => number[]): void;
  /** Stops sampling and ends every process the app started. */
  dispose(): Promise<void>;
}

export function createServices(opts: { adapter?: 'auto' | 'linux' | 'portable' } = {}): AppServices {
  const sinks = new Set<EventSink>();
  const emit = <E extends EventName>(event: E, data: ApiEvents[E]) => {
    for (const sink of sinks) sink({ event, data } as EventMessage);
  };
  let extraSelfPids: () => number[] = () => [];
  const selfPids = () => [...new Set([process.pid, ...extraSelfPids()])];

  const history = new HistoryStore();
  const sampler = createSampler({ adapter: opts.adapter ?? 'auto' });
  const monitor = new Monitor(sampler, history, selfPids);
  monitor.onSnapshot((snapshot) => emit('snapshot', snapshot));

  const lessons = new LessonRunner({ onEvent: (runId, lessonId, event) => emit('lesson.event', { runId, lessonId, event }) });

  const kill = createKillService({
    listProcesses: async () => (await monitor.sampleNow()).processes,
    protectedPids: () => protectedPids(selfPids()),
    startedByApp: (pid) => lessons.ownsPid(pid),
  });

  const dispatch = createDispatch({
    'snapshot.get': () => monitor.current(),
    'sampler.configure': (p) => monitor.configure(p),
    'process.history': (p) => history.get(p.pid, p.startTime),
    'process.killPreview': (p) => kill.preview(p),
    'process.kill': async (p) => {
      const result = await kill.kill(p);
      // Show the effect (row gone, state T) at once rather than at the next tick.
      if (result.ok) void monitor.sampleNow().catch(() => undefined);
      return result;
    },
    'lesson.list': () => lessons.list(),
    'lesson.run': (p) => lessons.run(p.lessonId),
    'lesson.stop': async (p) => ({ stopped: await lessons.stop(p.runId) }),
    'lesson.runs': () => lessons.runs(),
  });

  return {
    monitor,
    lessons,
    dispatch,
    onEvent(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    setExtraSelfPids(get) {
      extraSelfPids = get;
    },
    async dispose() {
      monitor.stop();
      await lessons.stopAll();
      sampler.close?.();
    },
  };
}
