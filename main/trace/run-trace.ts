// The one place a run's spawn goes through to be traced: it decides whether this run gets exact
// events (strace found, Linux, tracing not switched off), wraps the command line in strace if so,
// and otherwise leaves it alone and says why (once per process for a missing strace).
import type { LifecycleEvent, LifecycleSource } from '../../shared/lifecycle.js';
import { NEED_STRACE_MESSAGE } from '../../shared/lifecycle.js';
import { findStrace, tracingWanted } from './strace-command.js';
import { preciseNowMs, StraceTracer, type WrappedLaunch } from './strace-tracer.js';

export interface RunTraceOptions {
  onEvents(events: LifecycleEvent[]): void;
  /** False switches tracing off for this run; default: on unless PROCPLAY_TRACE=off. */
  enabled?: boolean;
  /** For tests: the PATH searched for strace. */
  pathEnv?: string;
}

export interface RunTrace {
  readonly source: LifecycleSource;
  /** Set on the first run in this process that could not be traced for want of strace: say it once. */
  readonly notice: string | null;
  /** What to spawn: `file args` under strace, or unchanged. `traceeOnly`: variables strace must not carry itself. */
  launch(file: string, args: readonly string[], env: NodeJS.ProcessEnv, traceeOnly?: readonly string[]): WrappedLaunch;
  /** The launch was spawned as `pid`; `epochMs` is preciseNowMs() taken just before. */
  started(pid: number, epochMs: number): void;
  spawnFailed(): void;
  rootExited(): void;
  /** Text in the command line of strace's own processes (null when not tracing), so a sampler can leave them out. */
  readonly mark: string | null;
  /** Resolves when every event has been delivered (at once when not tracing). */
  readonly done: Promise<void>;
}

let saidNeedStrace = false;

/** For tests: forget that the missing-strace line was said. */
export function resetTraceNotice(): void {
  saidNeedStrace = false;
}

export { preciseNowMs };

export function startRunTrace(opts: RunTraceOptions): RunTrace {
  const wanted = opts.enabled !== false && tracingWanted();
  if (!wanted) return sampledOnly({ exact: false, reason: 'tracing is switched off (PROCPLAY_TRACE=off or --no-trace): events are sampled' }, null);
  if (process.platform !== 'linux') return sampledOnly({ exact: false, reason: 'exact events need Linux and strace: events are sampled' }, null);
  const strace = findStrace(opts.pathEnv ?? process.env.PATH);
  if (!strace) {
    const notice = saidNeedStrace ? null : NEED_STRACE_MESSAGE;
    saidNeedStrace = true;
    return sampledOnly({ exact: false, reason: NEED_STRACE_MESSAGE }, notice);
  }
  let tracer: StraceTracer;
  try {
    tracer = new StraceTracer({ strace, onEvents: opts.onEvents });
  } catch (err) {
    return sampledOnly({ exact: false, reason: `${(err as Error).message}: events are sampled` }, null);
  }
  return {
    source: { exact: true, reason: null },
    notice: null,
    mark: tracer.mark,
    launch: (file, args, env, traceeOnly = []) => tracer.wrap(file, args, env, traceeOnly),
    started: (pid, epochMs) => tracer.started(pid, epochMs),
    spawnFailed: () => tracer.abort(),
    rootExited: () => tracer.rootExited(),
    done: tracer.done,
  };
}

function sampledOnly(source: LifecycleSource, notice: string | null): RunTrace {
  return {
    source,
    notice,
    mark: null,
    launch: (file, args, env) => ({ file, args: [...args], env }),
    started: () => undefined,
    spawnFailed: () => undefined,
    rootExited: () => undefined,
    done: Promise.resolve(),
  };
}
