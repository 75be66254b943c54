// Web mode's transport: the API contract over one WebSocket, with request/response matching by
// id, pushed events, and reconnection with backoff. Its first message on each socket is the
// token (shared/web-protocol.ts), so the credential travels on this connection only. The socket
// constructor and timers are injectable so the logic can be unit-tested without a browser.
import type { ApiEvents, EventName, MethodName, Params, Result } from '../../../shared/api.js';
import { WEB_CLOSE, type WebAuthMessage } from '../../../shared/web-protocol.js';
import { ApiError, type AppApiClient, backoffMs, type ConnectionState } from './connection.js';

/** The part of the browser WebSocket this client uses. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code?: number; reason?: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(): void;
}

export interface WsClientDeps {
  createSocket(url: string): SocketLike;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  now(): number;
}

/** How long a request may wait for its answer. */
export const CALL_TIMEOUT_MS = 30_000;
const OPEN = 1;

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  timer: unknown;
  payload: string;
  sent: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Whether a pushed event's data has the shape its listeners rely on (the fields they read first);
 * anything else is dropped instead of reaching React state. Unknown event names pass: nobody listens.
 */
export function plausibleEvent(event: string, data: unknown): boolean {
  if (!isObject(data)) return false;
  switch (event) {
    case 'snapshot':
      return typeof data.seq === 'number' && Array.isArray(data.processes) && Array.isArray(data.selfPids) &&
        isObject(data.capabilities) && isObject(data.meters);
    case 'snapshot.delta':
      return typeof data.seq === 'number' && typeof data.baseSeq === 'number' && isObject(data.head) && isObject(data.head.meters) &&
        Array.isArray(data.added) && Array.isArray(data.removed) && Array.isArray(data.changed);
    case 'lesson.event':
      return typeof data.runId === 'string' && typeof data.lessonId === 'string' && isObject(data.event) &&
        typeof data.event.type === 'string' && typeof data.event.t === 'number';
    case 'playground.event':
      return typeof data.runId === 'string' && isObject(data.event) && typeof data.event.type === 'string' &&
        typeof data.event.t === 'number';
    case 'lifecycle.events':
      return typeof data.runId === 'string' && (data.scope === 'playground' || data.scope === 'lesson') &&
        isObject(data.source) && Array.isArray(data.events);
    default:
      return true;
  }
}

/** token: sent as the first message of every socket (web mode); omitted, the URL must carry the credential. */
export function createWsClient(url: string, deps: WsClientDeps, token?: string): AppApiClient & { close(): void } {
  let socket: SocketLike | null = null;
  let state: ConnectionState = { status: 'connecting' };
  let attempt = 0;
  let nextId = 1;
  let reconnectTimer: unknown = null;
  let closedByUs = false;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(data: unknown) => void>>();
  const stateListeners = new Set<(s: ConnectionState) => void>();

  const setState = (s: ConnectionState): void => {
    state = s;
    for (const l of stateListeners) l(s);
  };

  const fail = (id: number, err: Error): void => {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    deps.clearTimeout(p.timer);
    p.reject(err);
  };

  const onMessage = (raw: unknown): void => {
    if (typeof raw !== 'string') return;
    let msg: unknown;
    try {
      msg = JSON.parse(raw);
    } catch {
      return; // not ours to judge: the server only sends JSON
    }
    if (typeof msg !== 'object' || msg === null) return;
    const m = msg as Record<string, unknown>;
    if (typeof m.event === 'string') {
      // A malformed push (wrong shape for its event) is dropped here rather than crashing the page.
      if (!plausibleEvent(m.event, m.data)) return;
      for (const l of listeners.get(m.event) ?? []) {
        try {
          l(m.data);
        } catch (e) {
          console.error(`procplay: listener for "${m.event}" failed`, e);
        }
      }
      return;
    }
    if (typeof m.id !== 'number') return;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    deps.clearTimeout(p.timer);
    if (m.ok === true) p.resolve(m.result);
    else {
      const error = (m.error ?? {}) as { code?: unknown; message?: unknown };
      p.reject(new ApiError(String(error.message ?? 'request failed'), String(error.code ?? 'failed')));
    }
  };

  const connect = (): void => {
    reconnectTimer = null;
    setState({ status: 'connecting' });
    const ws = deps.createSocket(url);
    socket = ws;
    ws.onopen = () => {
      if (socket !== ws) return;
      attempt = 0;
      if (token !== undefined) ws.send(JSON.stringify({ auth: token } satisfies WebAuthMessage));
      setState({ status: 'open' });
      for (const p of pending.values()) {
        if (!p.sent) {
          p.sent = true;
          ws.send(p.payload);
        }
      }
    };
    ws.onmessage = (ev) => {
      if (socket === ws) onMessage(ev.data);
    };
    ws.onerror = () => {
      // A close event always follows; reconnection is handled there.
    };
    ws.onclose = (ev) => {
      if (socket !== ws) return;
      socket = null;
      for (const id of [...pending.keys()]) fail(id, new ApiError('Disconnected from the sampler', 'disconnected'));
      if (closedByUs) return;
      // A refused token stays refused: retrying would only knock on the door every 10 s.
      if (ev?.code === WEB_CLOSE.unauthorised) return setState({ status: 'unauthorised', reason: ev.reason ?? '' });
      const delay = backoffMs(attempt++);
      setState({ status: 'closed', retryAt: deps.now() + delay });
      reconnectTimer = deps.setTimeout(connect, delay);
    };
  };

  connect();

  return {
    transport: 'web',
    call<M extends MethodName>(method: M, params: Params<M>): Promise<Result<M>> {
      if (state.status === 'closed' || state.status === 'unauthorised') return Promise.reject(new ApiError('Disconnected from the sampler', 'disconnected'));
      const id = nextId++;
      const payload = JSON.stringify({ id, method, params });
      return new Promise<Result<M>>((resolve, reject) => {
        const timer = deps.setTimeout(() => fail(id, new ApiError(`${method} timed out`, 'timeout')), CALL_TIMEOUT_MS);
        const entry: Pending = { resolve: resolve as (v: unknown) => void, reject, timer, payload, sent: false };
        pending.set(id, entry);
        if (socket && socket.readyState === OPEN && state.status === 'open') {
          entry.sent = true;
          socket.send(payload);
        }
      });
    },
    on<E extends EventName>(event: E, listener: (data: ApiEvents[E]) => void): () => void {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const l = listener as (data: unknown) => void;
      set.add(l);
      return () => set.delete(l);
    },
    connection: () => state,
    onConnection(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    close() {
      closedByUs = true;
      if (reconnectTimer !== null) deps.clearTimeout(reconnectTimer);
      socket?.close();
    },
  };
}
