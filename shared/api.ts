// The one API contract between the renderer and the main side, whatever the transport
// (Electron IPC through the preload, or the WebSocket of web mode). Like GitHub Desktop's
// ipc-shared.ts: every method's params and result types live here, with a runtime check of
// the params, so a renamed field breaks the build and a malformed message gets a clear error.
import { arrayOf, bool, type Check, int, num, obj, oneOf, optional, str, unknownValue } from './check.js';
import type { OptionalSampled, ProcHistory, ProcInfo, Snapshot } from './process.js';
import type { SnapshotDelta } from './snapshot-delta.js';
import { OPTIONAL_SAMPLED, SAMPLE_INTERVAL_MAX_MS, SAMPLE_INTERVAL_MIN_MS } from './process.js';
import type { LessonEvent, LessonMeta, LessonRunInfo, ProgramLanguage } from './lessons.js';
import type { InspectResult } from './inspect.js';
import type { PlaygroundEvent, PlaygroundExamples, PlaygroundRunInfo } from './playground.js';
import type { LifecycleEvent, LifecycleSource } from './lifecycle.js';
import type { RecentExit, RecentExitsPush, RecentExitsStatus } from './recent-exits.js';

export const SIGNALS = ['SIGTERM', 'SIGKILL', 'SIGINT', 'SIGSTOP', 'SIGCONT'] as const;
export type SignalName = (typeof SIGNALS)[number];

export interface SamplerSettings {
  intervalMs: number;
  paused: boolean;
}

/** Outcome of one kill request; `message` is what the UI and CLI print ("Killed 4242 (node) with SIGKILL"). */
export interface KillResult {
  ok: boolean;
  code: 'signalled' | 'refused' | 'not-permitted' | 'exited' | 'mismatch' | 'invalid' | 'unsupported' | 'failed';
  message: string;
  /** Pids that were signalled. */
  pids: number[];
}

/** Outcome of a renice or affinity change; `message` is what the UI and CLI print. */
export interface ActionResult {
  ok: boolean;
  code: 'done' | 'refused' | 'not-permitted' | 'exited' | 'mismatch' | 'invalid' | 'unsupported' | 'failed';
  message: string;
}

/** What a confirmation dialog shows before signalling a process the app did not start. */
export interface KillPreview {
  process: ProcInfo | null;
  descendants: number;
  /** The app started this process (a lesson or playground program): no dialog needed. */
  startedByApp: boolean;
  /** Set when the kill would be refused anyway, with the reason. */
  refusal: string | null;
}

/** What this instance of the app can do; the UI asks once instead of guessing its transport. */
export interface AppInfo {
  version: string;
  platform: string;
  /** A native "Open script…" dialog exists (the desktop app); in web mode the user types a path. */
  canChooseFiles: boolean;
}

/** The Prometheus /metrics endpoint as the settings show it. */
export interface MetricsStatus {
  enabled: boolean;
  /** Where Prometheus scrapes, when enabled. */
  url: string | null;
  port: number;
  /** Listening on every interface (then a bearer token is required) rather than 127.0.0.1 only. */
  network: boolean;
  /** The bearer token a scraper must send, when network is on. */
  token: string | null;
  groupBy: 'name' | 'user' | 'cgroup';
  /** Where OTLP metrics are pushed (set by OTEL_EXPORTER_OTLP_ENDPOINT), or null. */
  otlpEndpoint: string | null;
}

export interface ApiMethods {
  'app.info': { params: Record<string, never>; result: AppInfo };
  /** A native dialog (desktop app only): a script to run, or a working directory. */
  'playground.chooseFile': { params: { kind?: 'script' | 'directory' }; result: { path: string | null } };
  'snapshot.get': { params: Record<string, never>; result: Snapshot };
  'sampler.configure': { params: { intervalMs?: number; paused?: boolean }; result: SamplerSettings };
  'process.history': { params: { pid: number; startTime: number }; result: ProcHistory | null };
  'process.killPreview': { params: { pid: unknown; startTime?: number; tree?: boolean }; result: KillPreview };
  'process.kill': { params: { pid: unknown; startTime?: number; signal: SignalName; tree?: boolean }; result: KillResult };
  /** Files, sockets, threads, I/O, environment, limits and memory of one process, read on demand. */
  'process.inspect': { params: { pid: unknown; startTime?: number }; result: InspectResult };
  /** Sets the nice value (-20..19), with the kill button's refusals and identity check. */
  'process.renice': { params: { pid: unknown; startTime?: number; nice: number }; result: ActionResult };
  /** Sets the CPUs a process may run on ("0-1,3"), Linux only. */
  'process.setAffinity': { params: { pid: unknown; startTime?: number; cpus: string }; result: ActionResult };
  /**
   * The optional columns this client shows (I/O, cgroup): the sampler reads them per process only
   * while some client shows them (the union over clients; a closed client stops counting).
   */
  'monitor.setColumns': { params: { columns: OptionalSampled[] }; result: { sampling: OptionalSampled[] } };
  'lesson.list': { params: Record<string, never>; result: LessonMeta[] };
  'lesson.run': { params: { lessonId: string; language?: ProgramLanguage }; result: LessonRunInfo };
  'lesson.stop': { params: { runId: string }; result: { stopped: boolean } };
  'lesson.runs': { params: Record<string, never>; result: LessonRunInfo[] };
  'playground.run': { params: { command: string; cwd?: string }; result: PlaygroundRunInfo };
  'playground.runFile': { params: { path: string; cwd?: string }; result: PlaygroundRunInfo };
  'playground.stop': { params: { runId: string }; result: { stopped: boolean } };
  'playground.input': { params: { runId: string; text: string; eof?: boolean }; result: { sent: boolean } };
  'playground.examples': { params: Record<string, never>; result: PlaygroundExamples };
  'playground.runs': { params: Record<string, never>; result: PlaygroundRunInfo[] };
  'metrics.status': { params: Record<string, never>; result: MetricsStatus };
  /**
   * This client shows (on) or hides the monitor's "Recent exits" strip: the kernel's process events
   * are read while any client shows it (the union over clients; a closed client stops counting).
   * The result is the status and the exits kept so far (newest first).
   */
  'events.watch': { params: { on: boolean }; result: RecentExitsStatus & { exits: RecentExit[] } };
  'metrics.configure': { params: { enabled: boolean; port?: number; network?: boolean }; result: MetricsStatus };
}

export interface ApiEvents {
  /** A full table: on connect, after a client fell behind, or to any client without the previous tick's table. */
  snapshot: Snapshot;
  /** Per tick, to a client holding the previous tick's table: what changed (shared/snapshot-delta.ts). */
  'snapshot.delta': SnapshotDelta;
  'lesson.event': { runId: string; lessonId: string; event: LessonEvent };
  'playground.event': { runId: string; event: PlaygroundEvent };
  /**
   * Exact lifecycle events of a playground or lesson run (strace), in batches as they happen. The
   * first batch of a run may be empty: it says whether the run is traced (`source`) at all.
   */
  'lifecycle.events': { scope: 'playground' | 'lesson'; runId: string; source: LifecycleSource; events: LifecycleEvent[] };
  /** While some client watches: processes that started and ended between two samples, and the watch's status. */
  'events.recentExits': RecentExitsPush;
}

export type MethodName = keyof ApiMethods;
export type EventName = keyof ApiEvents;
export type Params<M extends MethodName> = ApiMethods[M]['params'];
export type Result<M extends MethodName> = ApiMethods[M]['result'];

const empty = obj({});
const pidField = unknownValue; // the kill guard refuses bad pids with a precise message
const startTimeField = optional(num(0));

/** Runtime checks of every method's params, keyed like ApiMethods (the compiler keeps them in step). */
export const paramChecks: { [M in MethodName]: Check<Params<M>> } = {
  'app.info': empty as Check<Record<string, never>>,
  'playground.chooseFile': obj({ kind: optional(oneOf('script', 'directory')) }),
  'snapshot.get': empty as Check<Record<string, never>>,
  'sampler.configure': obj({
    intervalMs: optional(int(SAMPLE_INTERVAL_MIN_MS, SAMPLE_INTERVAL_MAX_MS)),
    paused: optional(bool),
  }),
  'process.history': obj({ pid: int(0), startTime: num(0) }),
  'process.killPreview': obj({ pid: pidField, startTime: startTimeField, tree: optional(bool) }),
  'process.kill': obj({ pid: pidField, startTime: startTimeField, signal: oneOf(...SIGNALS), tree: optional(bool) }),
  'process.inspect': obj({ pid: pidField, startTime: startTimeField }),
  'process.renice': obj({ pid: pidField, startTime: startTimeField, nice: int(-20, 19) }),
  'process.setAffinity': obj({ pid: pidField, startTime: startTimeField, cpus: str(256) }),
  'monitor.setColumns': obj({ columns: arrayOf(oneOf(...OPTIONAL_SAMPLED), OPTIONAL_SAMPLED.length * 4) }),
  'lesson.list': empty as Check<Record<string, never>>,
  'lesson.run': obj({ lessonId: str(64), language: optional(oneOf('typescript', 'python')) }),
  'lesson.stop': obj({ runId: str(64) }),
  'lesson.runs': empty as Check<Record<string, never>>,
  // Lengths as the runner's own limits (MAX_COMMAND_CHARS); a line of input up to 64 KiB.
  'playground.run': obj({ command: str(16 * 1024), cwd: optional(str(4096)) }),
  'playground.runFile': obj({ path: str(4096), cwd: optional(str(4096)) }),
  'playground.stop': obj({ runId: str(64) }),
  'playground.input': obj({ runId: str(64), text: str(64 * 1024), eof: optional(bool) }),
  'playground.examples': empty as Check<Record<string, never>>,
  'playground.runs': empty as Check<Record<string, never>>,
  'metrics.status': empty as Check<Record<string, never>>,
  'metrics.configure': obj({ enabled: bool, port: optional(int(1, 65535)), network: optional(bool) }),
  'events.watch': obj({ on: bool }),
};

export const isMethodName = (m: unknown): m is MethodName =>
  typeof m === 'string' && Object.prototype.hasOwnProperty.call(paramChecks, m);

// ---- Wire format (the same JSON over IPC and WebSocket) ----

export interface RequestMessage<M extends MethodName = MethodName> {
  id: number;
  method: M;
  params: Params<M>;
}

export interface ErrorInfo {
  code: 'bad-request' | 'unknown-method' | 'failed' | 'too-large' | 'rate-limited';
  message: string;
}

export type ResponseMessage =
  | { id: number; ok: true; result: unknown }
  | { id: number | null; ok: false; error: ErrorInfo };

export interface EventMessage<E extends EventName = EventName> {
  event: E;
  data: ApiEvents[E];
}

/** Largest request accepted on any transport. */
export const MAX_REQUEST_BYTES = 1024 * 1024;

const envelope = obj({ id: int(0), method: str(64), params: optional(unknownValue) });

/** Parses and checks one request; throws InputError (with the request id when known) if malformed. */
export function parseRequest(raw: unknown): RequestMessage {
  const env = envelope(raw, 'request');
  if (!isMethodName(env.method)) throw Object.assign(new Error(`unknown method "${env.method}"`), { id: env.id, code: 'unknown-method' });
  try {
    const params = paramChecks[env.method](env.params ?? {}, 'params');
    return { id: env.id, method: env.method, params } as RequestMessage;
  } catch (e) {
    throw Object.assign(e as Error, { id: env.id });
  }
}

/** The API as the renderer sees it: one call function and one subscribe function. */
export interface ApiClient {
  call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>>;
  on<E extends EventName>(event: E, listener: (data: ApiEvents[E]) => void): () => void;
  /** "electron" or "web": for the About box only; the UI must not branch on it. */
  readonly transport: string;
}

/**
 * What the Electron preload exposes as `window.procplay` (contextBridge): the contract's two
 * verbs and nothing else. `call` rejects with an Error whose message is the server's error text.
 */
export interface BridgeApi {
  call(method: string, params: unknown): Promise<unknown>;
  on(event: string, listener: (data: unknown) => void): () => void;
}

/** Name of the WebSocket path in web mode; the page authenticates with its first message (shared/web-protocol.ts). */
export const WEB_API_PATH = '/api';
