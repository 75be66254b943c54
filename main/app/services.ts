// Everything the main side offers, built once and shared by both transports (Electron IPC and
// web mode): the live monitor, safe killing, the lesson runner and the playground, with the contract's handlers.
import type { EventMessage, EventName, ApiEvents } from '../../shared/api.js';
import { createSampler, resolveAdapterChoice } from '../processes/create-sampler.js';
import { createInspector } from '../processes/inspector.js';
import { HistoryStore } from '../processes/history.js';
import { Monitor } from '../monitor/monitor.js';
import { RecentExits } from '../monitor/recent-exits.js';
import { createKillService } from '../kill/kill-service.js';
import { protectedPids } from '../kill/protected-pids.js';
import { createPriorityService } from '../kill/priority-service.js';
import { LessonRunner } from '../lessons/lesson-runner.js';
import { PlaygroundRunner } from '../playground/playground-runner.js';
import { getSupervisor } from '../supervision/supervisor.js';
import { createDispatch, type Dispatch } from '../api/dispatch.js';
import { appVersion } from './version.js';
import type { Sampler } from '../processes/sampler.js';
import { ProcessMetrics } from '../metrics/collector.js';
import { MetricsEndpoint } from '../metrics/endpoint.js';
import type { GroupBy } from '../metrics/groups.js';
import { startOtlpExport, type OtlpExport } from '../metrics/otlp.js';

export type EventSink = (message: EventMessage) => void;

export interface AppServices {
  monitor: Monitor;
  lessons: LessonRunner;
  playground: PlaygroundRunner;
  dispatch: Dispatch;
  sampler: Sampler;
  /** The figures the Prometheus endpoint and the OTLP push publish (read only when one of them asks). */
  metrics: ProcessMetrics;
  /** The /metrics endpoint the settings turn on. */
  metricsEndpoint: MetricsEndpoint;
  /** The OTLP push, when OTEL_EXPORTER_OTLP_(METRICS_)ENDPOINT is set. */
  otlp: OtlpExport | null;
  /** Subscribes to every pushed event (snapshots, lesson and playground events). */
  onEvent(sink: EventSink): () => void;
  /** A client (window, WebSocket) is gone: what it asked to be sampled no longer counts. */
  forgetClient(client: object): void;
  /** Registers more pids as the app's own (Electron's renderer and helpers): never killable. */
  setExtraSelfPids(get: () => number[]): void;
  /** Stops sampling and ends every process the app started. */
  dispose(): Promise<void>;
}

export interface ServiceOptions {
  adapter?: 'auto' | 'linux' | 'portable';
  /** A native file or folder dialog (Electron only): resolves to the chosen path, or null when cancelled. */
  chooseFile?: (kind: 'script' | 'directory') => Promise<string | null>;
  /** How metrics group processes (procplay serve --group-by); by process name by default. */
  groupBy?: GroupBy;
}

/** A scrape reuses the live loop's snapshot when it is at most this old (the loop runs at 1 Hz by default). */
const METRICS_SNAPSHOT_MAX_AGE_MS = 1000;
const OTLP_SHUTDOWN_WAIT_MS = 2000;

export function createServices(opts: ServiceOptions = {}): AppServices {
  const sinks = new Set<EventSink>();
  const emit = <E extends EventName>(event: E, data: ApiEvents[E]) => {
    for (const sink of sinks) sink({ event, data } as EventMessage);
  };
  let extraSelfPids: () => number[] = () => [];
  // The watchdog that ends the app's trees if the app dies is one of the app's own processes.
  const supervisor = getSupervisor();
  const watchdogPids = () => {
    const pid = supervisor.watchdogPid();
    return pid === null ? [] : [pid];
  };
  const selfPids = () => [...new Set([process.pid, ...extraSelfPids(), ...watchdogPids()])];

  const history = new HistoryStore();
  const sampler = createSampler({ adapter: opts.adapter ?? 'auto' });
  const monitor = new Monitor(sampler, history, selfPids);
  monitor.onSnapshot((snapshot) => emit('snapshot', snapshot));
  // The kernel's process events, read only while some client shows the Recent exits strip.
  const recentExits = new RecentExits({
    supervisor,
    withinMs: () => monitor.getSettings().intervalMs,
    push: (data) => emit('events.recentExits', data),
  });

  const lessons = new LessonRunner({
    onEvent: (runId, lessonId, event) => emit('lesson.event', { runId, lessonId, event }),
    onLifecycle: (runId, _lessonId, events, source) => emit('lifecycle.events', { scope: 'lesson', runId, source, events }),
  });
  const playground = new PlaygroundRunner({
    supervisor,
    onEvent: (runId, event) => emit('playground.event', { runId, event }),
    onLifecycle: (runId, events, source) => emit('lifecycle.events', { scope: 'playground', runId, source, events }),
  });

  // A kill, its preview, a renice and an affinity change read their target by pid (and, for a
  // preview or Kill tree, the pid/ppid table), never a monitor sample: a click costs no
  // whole-system read and no broadcast; the row goes at the next tick.
  const findProcess = (pid: number) => sampler.readProcess(pid);
  const kill = createKillService({
    listProcesses: () => sampler.listProcesses(),
    findProcess,
    recentTable: async () => (await monitor.current()).processes,
    protectedPids: () => protectedPids(selfPids()),
    startedByApp: (pid) => lessons.ownsPid(pid) || playground.ownsPid(pid),
  });

  const metrics = new ProcessMetrics(
    {
      snapshot: () => monitor.fresh(METRICS_SNAPSHOT_MAX_AGE_MS),
      readDetails: sampler.readDetails,
      ownedPids: () => [...lessons.trackedPids(), ...playground.trackedPids()],
    },
    { groupBy: opts.groupBy ?? 'name' },
  );
  const otlp = startOtlpExport(metrics);
  const metricsEndpoint = new MetricsEndpoint(metrics, () => otlp?.endpoint ?? null);

  const priority = createPriorityService({
    listProcesses: () => sampler.listProcesses(),
    findProcess,
    protectedPids: () => protectedPids(selfPids()),
    changed: (pid) => sampler.invalidate?.(pid),
  });

  const inspector = createInspector({
    adapter: resolveAdapterChoice(opts.adapter ?? 'auto', process.platform),
    listProcesses: async () => (await monitor.current()).processes,
  });

  const chooseFile = opts.chooseFile;
  const dispatch = createDispatch({
    'app.info': () => ({ version: appVersion(), platform: process.platform, canChooseFiles: !!chooseFile }),
    'playground.chooseFile': async (p) => {
      if (!chooseFile) throw new Error('choosing a file needs the desktop app: type the path instead');
      return { path: await chooseFile(p.kind ?? 'script') };
    },
    'snapshot.get': () => monitor.current(),
    'sampler.configure': (p) => monitor.configure(p),
    'process.history': (p) => history.get(p.pid, p.startTime),
    'process.killPreview': (p) => kill.preview(p),
    'process.kill': (p) => kill.kill(p),
    'process.inspect': (p) => inspector.inspect(p),
    'process.renice': (p) => priority.renice(p),
    'process.setAffinity': (p) => priority.setAffinity(p),
    'monitor.setColumns': (p, ctx) => {
      monitor.columns.set(ctx.client, p.columns);
      return { sampling: [...monitor.columns.current()] };
    },
    'lesson.list': () => lessons.list(),
    'lesson.run': (p) => lessons.run(p.lessonId, p.language),
    'lesson.stop': async (p) => ({ stopped: await lessons.stop(p.runId) }),
    'lesson.runs': () => lessons.runs(),
    'playground.run': (p) => playground.run(p),
    'playground.runFile': (p) => playground.runFile(p),
    'playground.stop': async (p) => ({ stopped: await playground.stop(p.runId) }),
    'playground.input': (p) => playground.sendInput(p.runId, p.text, { eof: p.eof }),
    'playground.examples': () => playground.examples(),
    'playground.runs': () => playground.runs(),
    'metrics.status': () => metricsEndpoint.status(),
    'metrics.configure': (p) => metricsEndpoint.configure(p),
    'events.watch': (p, ctx) => recentExits.watch(ctx.client, p.on),
  });

  return {
    monitor,
    lessons,
    playground,
    dispatch,
    sampler,
    metrics,
    metricsEndpoint,
    otlp,
    onEvent(sink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    forgetClient(client) {
      monitor.columns.forget(client);
      recentExits.forget(client);
    },
    setExtraSelfPids(get) {
      extraSelfPids = get;
    },
    async dispose() {
      monitor.stop();
      // The OTLP shutdown sends the last figures; an unreachable collector must not hold the exit.
      await Promise.allSettled([metricsEndpoint.stop(), Promise.race([otlp?.shutdown(), new Promise((r) => setTimeout(r, OTLP_SHUTDOWN_WAIT_MS).unref())])]);
      await Promise.all([lessons.stopAll(), playground.stopAll(), recentExits.dispose()]);
      sampler.close?.();
      // Closes the watchdog's pipe: it sweeps whatever still carries this app's marker, then exits.
      await supervisor.shutdown();
    },
  };
}
