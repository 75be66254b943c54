// A stand-in for the service layer (not the OS) for transport tests: counts every handler call,
// so a test can assert that a refused message reached no handler.
import { createDispatch, type Handlers } from '../../main/api/dispatch.js';
import type { AppServices, EventSink } from '../../main/app/services.js';
import type { Snapshot } from '../../shared/process.js';

export function stubSnapshot(): Snapshot {
  return {
    seq: 1, takenAt: Date.now(), intervalMs: 1000, paused: false, processes: [], sampleMs: 1, selfPids: [process.pid],
    meters: { cpuPerCore: [0], cpuTotal: 0, memTotal: 1, memUsed: 0, swapTotal: null, swapUsed: null, load: null, uptimeSec: 1 },
    capabilities: { platform: 'linux', zombies: true, signals: true, adapter: 'stub' },
  };
}

const stubMetricsStatus = { enabled: false, url: null, port: 9256, network: false, token: null, groupBy: 'name' as const, otlpEndpoint: null };

export function stubServices() {
  const calls: string[] = [];
  const sinks = new Set<EventSink>();
  const record = <T>(name: string, value: T) => {
    calls.push(name);
    return value;
  };
  const handlers: Handlers = {
    'app.info': () => record('app.info', { version: 'stub', platform: 'linux', canChooseFiles: false }),
    'playground.chooseFile': () => {
      throw new Error('choosing a file needs the desktop app');
    },
    'snapshot.get': () => record('snapshot.get', stubSnapshot()),
    'sampler.configure': (p) => record('sampler.configure', { intervalMs: p.intervalMs ?? 1000, paused: p.paused ?? false }),
    'process.history': () => record('process.history', null),
    'process.killPreview': () => record('process.killPreview', { process: null, descendants: 0, startedByApp: false, refusal: null }),
    'process.kill': () => record('process.kill', { ok: true, code: 'signalled' as const, message: 'stub', pids: [] }),
    'process.renice': () => record('process.renice', { ok: false, code: 'refused' as const, message: 'stub' }),
    'process.setAffinity': () => record('process.setAffinity', { ok: false, code: 'refused' as const, message: 'stub' }),
    'monitor.setColumns': (p) => record('monitor.setColumns', { sampling: p.columns }),
    'process.inspect': () => record('process.inspect', { ok: false as const, code: 'exited' as const, message: 'stub' }),
    'lesson.list': () => record('lesson.list', []),
    'lesson.run': () => {
      throw new Error('no lessons in the stub');
    },
    'lesson.stop': () => record('lesson.stop', { stopped: false }),
    'lesson.runs': () => record('lesson.runs', []),
    'playground.run': () => {
      throw new Error('no playground in the stub');
    },
    'playground.runFile': () => {
      throw new Error('no playground in the stub');
    },
    'playground.stop': () => record('playground.stop', { stopped: false }),
    'playground.input': () => record('playground.input', { sent: false }),
    'playground.examples': () => record('playground.examples', { python: null, reason: 'stub', examples: [], helpers: [] }),
    'playground.runs': () => record('playground.runs', []),
    'metrics.status': () => record('metrics.status', stubMetricsStatus),
    'metrics.configure': () => record('metrics.configure', stubMetricsStatus),
    'events.watch': () => record('events.watch', { state: 'off' as const, reason: null, helperPid: null, withinMs: 1000, exits: [] }),
  };
  const services = {
    dispatch: createDispatch(handlers),
    monitor: { current: async () => stubSnapshot() },
    onEvent(sink: EventSink) {
      sinks.add(sink);
      return () => sinks.delete(sink);
    },
    emit: (msg: Parameters<EventSink>[0]) => sinks.forEach((s) => s(msg)),
    forgetClient: () => undefined,
  } as unknown as AppServices & { emit: EventSink };
  return { services, calls };
}
