// Web mode: the same UI and API as the Electron window, served to a browser on 127.0.0.1.
// HTTP serves the built renderer (no secret in it, so no token needed); one WebSocket per page
// carries the contract's JSON messages, after the page proves it holds the token (its first message).
// Every pushed event is serialized once for all clients. Snapshots go as deltas (main/api/snapshot-frames.ts):
// a client gets the full table once, then per tick only what changed. A client that stops reading is
// skipped (it gets the newest full table when it drains, never a delta against a tick it did not see)
// and then closed, so it costs bounded memory.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { CONTENT_SECURITY_POLICY } from '../../shared/csp.js';
import { MAX_REQUEST_BYTES, WEB_API_PATH } from '../../shared/api.js';
import { WEB_CLOSE } from '../../shared/web-protocol.js';
import type { AppServices } from '../app/services.js';
import {
  CLIENT_BACKLOG_MAX_BYTES,
  CLIENT_STUCK_CLOSE_MS,
  MAX_WEB_CONNECTIONS,
  REFUSED_CONNECTION_CLOSE_MS,
  UNAUTHENTICATED_TIMEOUT_MS,
} from '../app/limits.js';
import { dispatchText } from '../api/dispatch.js';
import { SnapshotFrames, type SnapshotTick } from '../api/snapshot-frames.js';
import type { Snapshot } from '../../shared/process.js';
import { allowedHosts, authMessageValid, hostAllowed, originAllowed, tokensEqual } from './auth.js';
import { resolveStatic } from './static-files.js';
import { RequestRateLimit } from './rate-limit.js';

export interface WebServerOptions {
  services: AppServices;
  /** Directory of the built renderer (dist/renderer). */
  staticDir: string;
  port?: number;
  host?: string;
  /** Fixed token (tests); by default 128 random bits. */
  token?: string;
  /** WebSocket connections served at once; more are closed with a reason (default MAX_WEB_CONNECTIONS). */
  maxConnections?: number;
  /** A connection (or an HTTP request) that has not authenticated by then is closed (default UNAUTHENTICATED_TIMEOUT_MS). */
  unauthenticatedTimeoutMs?: number;
  /** Unsent bytes above which a client is skipped for snapshots (default CLIENT_BACKLOG_MAX_BYTES). */
  clientBacklogMaxBytes?: number;
  /** A client above that backlog for this long is closed (default CLIENT_STUCK_CLOSE_MS). */
  clientStuckCloseMs?: number;
  /** Where to say that a client was shed (serve.ts: stderr). */
  log?: (line: string) => void;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
};

/** The request id of a message that starts with {"id": N, or null. */
export function leadingId(head: string): number | null {
  const m = /^\s*\{\s*"id"\s*:\s*(\d{1,15})\s*[,}]/.exec(head);
  return m ? Number(m[1]) : null;
}

const mib = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB`;

interface Client {
  ws: WebSocket;
  authed: boolean;
  limit: RequestRateLimit;
  /** A snapshot was skipped while the client was behind: it gets the newest one when it drains. */
  missedSnapshot: boolean;
  /** Seq of the table this client was last sent (full or by delta); null until its first, and after a skip. */
  tableSeq: number | null;
  /** A snapshot has been sent (or skipped): the first one read on connect must not follow a tick's. */
  hadSnapshot: boolean;
  /** A ping is queued behind the unsent data: its callback says when that data has gone out. */
  probing: boolean;
  authTimer: NodeJS.Timeout | null;
  stuckTimer: NodeJS.Timeout | null;
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? randomBytes(16).toString('hex');
  const maxConnections = opts.maxConnections ?? MAX_WEB_CONNECTIONS;
  const unauthenticatedMs = opts.unauthenticatedTimeoutMs ?? UNAUTHENTICATED_TIMEOUT_MS;
  const backlogMax = opts.clientBacklogMaxBytes ?? CLIENT_BACKLOG_MAX_BYTES;
  const stuckMs = opts.clientStuckCloseMs ?? CLIENT_STUCK_CLOSE_MS;
  const log = opts.log ?? (() => undefined);
  let hosts = new Set<string>();

  // A connection that never finishes its request is dropped after the same time an unauthenticated
  // WebSocket gets (Node's default is 60 s, checked every 30 s: idle sockets could use up a low fd limit).
  const server = http.createServer(
    {
      headersTimeout: unauthenticatedMs,
      requestTimeout: unauthenticatedMs,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(unauthenticatedMs / 4))),
    },
    (req, res) => {
      void handleHttp(req, res);
    },
  );

  async function handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const refuse = (status: number, text: string) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end(text + '\n');
    };
    if (!hostAllowed(req.headers.host, hosts)) return refuse(421, 'Refused: unexpected Host header');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(405, 'Method not allowed');
    // The built UI holds no secret, so it is served to anyone who reaches our Host; the page itself
    // takes the token from its URL (or this origin's storage) and presents it only on the API socket.
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const file = await resolveStatic(opts.staticDir, url.pathname);
    if (!file) return refuse(404, 'Not found');
    res.writeHead(200, { 'Content-Type': file.contentType, ...SECURITY_HEADERS });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  const clients = new Set<Client>();
  /** Per tick, the full and the delta message, each serialized once; the newest serves clients that connect or drain between ticks. */
  const frames = new SnapshotFrames();

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_BYTES });
  server.on('upgrade', (req, socket, head) => {
    // Node removes its own 'error' listener from an upgrading socket: without one, a client that
    // resets the connection (ECONNRESET on our reply) would crash the whole server.
    const onSocketError = () => socket.destroy();
    socket.on('error', onSocketError);
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const deny = (status: string) => {
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== WEB_API_PATH) return deny('404 Not Found');
    if (!hostAllowed(req.headers.host, hosts)) return deny('421 Misdirected Request');
    if (!originAllowed(req.headers.origin, hosts)) return deny('403 Forbidden');
    // Clients other than the page (scripts, the CLI, tests) may still give the token in the query.
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null && !tokensEqual(queryToken, token)) return deny('401 Unauthorized');
    socket.removeListener('error', onSocketError); // ws handles the socket's errors from here
    wss.handleUpgrade(req, socket, head, (ws) => admit(ws, queryToken !== null));
  });

  /** Closes with a reason, then drops the socket if the peer does not answer the close soon. */
  function refuseSocket(ws: WebSocket, code: number, reason: string): void {
    ws.close(code, reason);
    const timer = setTimeout(() => ws.terminate(), REFUSED_CONNECTION_CLOSE_MS);
    timer.unref();
    ws.once('close', () => clearTimeout(timer));
  }

  function admit(ws: WebSocket, authed: boolean): void {
    if (clients.size >= maxConnections) {
      log(`refused a connection: already serving ${maxConnections}`);
      ws.on('error', () => ws.terminate());
      return refuseSocket(ws, WEB_CLOSE.tryAgainLater, `too many connections: this instance serves at most ${maxConnections}; close another tab and retry`);
    }
    const c: Client = { ws, authed: false, limit: new RequestRateLimit(), missedSnapshot: false, tableSeq: null, hadSnapshot: false, probing: false, authTimer: null, stuckTimer: null };
    clients.add(c);
    ws.on('close', () => {
      clients.delete(c);
      opts.services.forgetClient(c);
      if (c.authTimer) clearTimeout(c.authTimer);
      if (c.stuckTimer) clearTimeout(c.stuckTimer);
    });
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => onMessage(c, data as Buffer, isBinary));
    if (authed) return authenticated(c);
    c.authTimer = setTimeout(() => {
      c.authTimer = null;
      refuseSocket(ws, WEB_CLOSE.unauthorised, `unauthorised: no token within ${unauthenticatedMs / 1000} s; open the URL procplay printed at start`);
    }, unauthenticatedMs);
  }

  function authenticated(c: Client): void {
    c.authed = true;
    if (c.authTimer) clearTimeout(c.authTimer);
    c.authTimer = null;
    // The first snapshot at once, so the page fills without waiting for a tick.
    const latest = frames.latest;
    if (latest) return deliverTick(c, latest);
    void opts.services.monitor.current().then(
      (snapshot) => {
        // A tick may have been broadcast while the read was under way: that one is newer.
        if (!c.hadSnapshot) deliverTick(c, frames.latest ?? frames.next(snapshot));
      },
      () => undefined,
    );
  }

  /** Sends a tick as the delta when the client holds its base table, else as the full table. */
  function deliverTick(c: Client, tick: SnapshotTick): void {
    const { frame } = tick.frameFor(c.tableSeq);
    if (deliver(c, frame, 'snapshot')) c.tableSeq = tick.seq;
    // Skipped: whatever it is sent next must not be a delta against a table it never received.
    else c.tableSeq = null;
  }

  function onMessage(c: Client, data: Buffer, isBinary: boolean): void {
    const ws = c.ws;
    // Frames already received when we decided to close (a flood, a refusal) reach no handler.
    if (ws.readyState !== ws.OPEN) return;
    if (!c.authed) {
      if (authMessageValid(data, isBinary, token)) return authenticated(c);
      return refuseSocket(ws, WEB_CLOSE.unauthorised, 'unauthorised: wrong or missing token; open the URL procplay printed at start');
    }
    const reply = (msg: unknown): void => {
      deliver(c, Buffer.from(JSON.stringify(msg)), 'reply');
    };
    // A message refused before (or without) being parsed still gets its id back when the id leads
    // it, so the caller's request fails at once instead of timing out.
    const headId = () => leadingId(data.toString('utf8', 0, 64));
    const verdict = c.limit.take(performance.now());
    if (verdict === 'close') return ws.close(1008, 'too many requests');
    if (verdict === 'reject') {
      // Not parsed: that is the work a flood must not cause.
      return reply({ id: headId(), ok: false, error: { code: 'rate-limited', message: 'too many requests; slow down' } });
    }
    if (isBinary) return reply({ id: headId(), ok: false, error: { code: 'bad-request', message: 'binary frames are not accepted' } });
    void dispatchText(opts.services.dispatch, data.toString(), c).then((res) => reply(res.id === null ? { ...res, id: headId() } : res));
  }

  /**
   * Sends one serialized message unless the client is behind: a snapshot is then skipped (the newest
   * goes out when it drains), and anything past twice the backlog closes it, so a client that stops
   * reading holds at most about 2 × backlogMax of our memory. Says whether it was sent.
   */
  function deliver(c: Client, frame: Buffer, kind: 'snapshot' | 'event' | 'reply'): boolean {
    const ws = c.ws;
    if (ws.readyState !== ws.OPEN) return false;
    if (kind === 'snapshot') c.hadSnapshot = true;
    const unsent = ws.bufferedAmount;
    if (unsent > backlogMax) {
      markStuck(c);
      watchDrain(c);
      if (kind === 'snapshot') {
        // Once per stall: a client that skips snapshots is worth a line, each skip is not.
        if (!c.missedSnapshot) log(`a client is behind (${mib(unsent)} unsent): its snapshots are skipped until it reads again`);
        c.missedSnapshot = true;
        return false;
      }
      if (unsent > 2 * backlogMax) {
        log(`closed a client that is not reading (${mib(unsent)} unsent)`);
        ws.close(WEB_CLOSE.notReading, `not reading: more than ${mib(2 * backlogMax)} unsent`);
        return false;
      }
    }
    ws.send(frame, { binary: false });
    return true;
  }

  /**
   * Queues a ping behind what is unsent; its callback runs once all that has been written out. (A
   * callback on every send would say the same, at a cost on every message to every client.)
   */
  function watchDrain(c: Client): void {
    if (c.probing) return;
    c.probing = true;
    c.ws.ping(undefined, undefined, () => {
      c.probing = false;
      drained(c);
    });
  }

  /** Once the client is below the backlog again, it is caught up: it gets the newest snapshot it missed. */
  function drained(c: Client): void {
    const ws = c.ws;
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > backlogMax) return watchDrain(c);
    if (c.stuckTimer) clearTimeout(c.stuckTimer);
    c.stuckTimer = null;
    const latest = frames.latest;
    if (c.missedSnapshot && latest) {
      c.missedSnapshot = false;
      deliverTick(c, latest);
    }
  }

  function markStuck(c: Client): void {
    if (c.stuckTimer) return;
    c.stuckTimer = setTimeout(() => {
      c.stuckTimer = null;
      const ws = c.ws;
      if (ws.readyState !== ws.OPEN || ws.bufferedAmount <= backlogMax) return;
      log(`closed a client that stopped reading (${mib(ws.bufferedAmount)} unsent for ${stuckMs / 1000} s)`);
      // The close frame waits behind what is unsent: a client that reads again gets the reason.
      ws.close(WEB_CLOSE.notReading, `not reading: more than ${mib(backlogMax)} unsent for ${stuckMs / 1000} s`);
    }, stuckMs);
  }

  // One subscription for all clients: each event (each tick's full and delta message) is serialized
  // at most once, whatever the number of clients.
  const unsubscribe = opts.services.onEvent((msg) => {
    let anyone = false;
    for (const c of clients) if (c.authed) anyone = true;
    if (!anyone) {
      if (msg.event === 'snapshot') frames.forget(); // not kept stale for the next client
      return;
    }
    if (msg.event === 'snapshot') {
      const tick = frames.next(msg.data as Snapshot);
      for (const c of clients) if (c.authed) deliverTick(c, tick);
      return;
    }
    const frame = Buffer.from(JSON.stringify(msg));
    for (const c of clients) if (c.authed) deliver(c, frame, 'event');
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 0, host, () => resolve());
    });
  } catch (err) {
    unsubscribe();
    throw err;
  }
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port);
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
