// Web mode: the same UI and API as the Electron window, served to a browser on 127.0.0.1.
// HTTP serves the built renderer; one WebSocket per page carries the contract's JSON messages.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { MAX_REQUEST_BYTES, WEB_API_PATH } from '../../shared/api.js';
import type { AppServices } from '../app/services.js';
import { dispatchText } from '../api/dispatch.js';
import { allowedHosts, cookieToken, hostAllowed, originAllowed, TOKEN_COOKIE, tokensEqual } from './auth.js';
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
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
};

/** The request id of a message that starts with {"id": N, or null. */
export function leadingId(head: string): number | null {
  const m = /^\s*\{\s*"id"\s*:\s*(\d{1,15})\s*[,}]/.exec(head);
  return m ? Number(m[1]) : null;
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? randomBytes(16).toString('hex');
  let hosts = new Set<string>();

  const server = http.createServer((req, res) => {
    void handleHttp(req, res);
  });

  async function handleHttp(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const refuse = (status: number, text: string) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS });
      res.end(text + '\n');
    };
    if (!hostAllowed(req.headers.host, hosts)) return refuse(421, 'Refused: unexpected Host header');
    if (req.method !== 'GET' && req.method !== 'HEAD') return refuse(405, 'Method not allowed');
    const url = new URL(req.url ?? '/', 'http://placeholder');
    const queryToken = url.searchParams.get('token');
    const authorised = tokensEqual(queryToken, token) || tokensEqual(cookieToken(req.headers.cookie), token);
    if (!authorised) return refuse(401, 'Unauthorised: open the URL with the token that procplay printed');
    const file = await resolveStatic(opts.staticDir, url.pathname);
    if (!file) return refuse(404, 'Not found');
    const headers: Record<string, string> = { 'Content-Type': file.contentType, ...SECURITY_HEADERS };
    // The page's own scripts and styles are fetched without the query: a same-site cookie carries the token.
    if (queryToken) headers['Set-Cookie'] = `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

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
    if (!tokensEqual(url.searchParams.get('token'), token)) return deny('401 Unauthorized');
    socket.removeListener('error', onSocketError); // ws handles the socket's errors from here
    wss.handleUpgrade(req, socket, head, (ws) => serveClient(ws));
  });

  function serveClient(ws: WebSocket): void {
    const limit = new RequestRateLimit();
    const send = (msg: unknown) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
    };
    const unsubscribe = opts.services.onEvent((msg) => send(msg));
    ws.on('close', unsubscribe);
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      const verdict = limit.take(Date.now());
      if (verdict === 'close') return ws.close(1008, 'too many requests');
      if (verdict === 'reject') {
        // Not parsed (that is the work a flood must not cause), but the id is echoed when it leads the
        // message, so the caller's request fails at once instead of timing out.
        return send({ id: leadingId(data.toString('utf8', 0, 64)), ok: false, error: { code: 'rate-limited', message: 'too many requests; slow down' } });
      }
      if (isBinary) return send({ id: null, ok: false, error: { code: 'bad-request', message: 'binary frames are not accepted' } });
      void dispatchText(opts.services.dispatch, data.toString()).then(send);
    });
    // The first snapshot at once, so the page fills without waiting for a tick.
    void opts.services.monitor.current().then((snapshot) => send({ event: 'snapshot', data: snapshot }), () => undefined);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(host, port);
  const shownHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${shownHost}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
