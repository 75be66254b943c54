// Web mode's door: only our own page, on our own host name, with the token, gets in; the token is
// never in a cookie; a full house, a silent client and a client that stops reading are shed.
import { mkdtempSync, mkdirSync, readdirSync, readlinkSync, writeFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { leadingId, startWebServer, type WebServer } from '../../main/web/server.js';
import { stubServices } from '../support/stub-services.js';

let server: WebServer;
let root: string;
let stub: ReturnType<typeof stubServices>;

function get(pathAndQuery: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: server.port, path: pathAndQuery, headers: { Host: `127.0.0.1:${server.port}`, ...headers } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

interface Connection {
  ws: WebSocket;
  status: number | null;
  events: unknown[];
  /** Replies (messages that are not events), in order. */
  replies: Record<string, unknown>[];
  closed: Promise<{ code: number; reason: string }>;
}

function connect(query: string, headers: Record<string, string> = {}, port = server.port): Promise<Connection> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api${query}`, { headers });
    const events: unknown[] = [];
    const replies: Record<string, unknown>[] = [];
    const closed = new Promise<{ code: number; reason: string }>((r) => ws.once('close', (code, reason) => r({ code, reason: reason.toString() })));
    ws.on('message', (d) => {
      const msg = JSON.parse(d.toString());
      if ('event' in msg) events.push(msg);
      else replies.push(msg);
    });
    ws.once('open', () => resolve({ ws, status: 101, events, replies, closed }));
    ws.once('unexpected-response', (_req, res) => resolve({ ws, status: res.statusCode ?? null, events, replies, closed }));
    ws.once('error', () => resolve({ ws, status: null, events, replies, closed }));
  });
}

/** Waits (bounded) for a condition on state that arrives by events. */
async function until(cond: () => boolean, what: string, ms = 5000): Promise<void> {
  const end = performance.now() + ms;
  while (!cond()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The sockets this process holds open (server and client sides alike), by their fd links' "socket:[inode]". */
function openSockets(): Set<string> {
  const out = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const target = readlinkSync(`/proc/self/fd/${fd}`);
      if (target.startsWith('socket:')) out.add(target);
    } catch {
      // closed between the listing and the read
    }
  }
  return out;
}

function request(ws: WebSocket, payload: string | Buffer): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse(data.toString());
      if ('event' in msg) return; // pushed snapshots
      ws.off('message', onMessage);
      resolve(msg);
    };
    ws.on('message', onMessage);
    ws.send(payload);
  });
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'procplay-web-'));
  mkdirSync(path.join(root, 'renderer', 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'renderer', 'index.html'), '<!doctype html><title>procplay</title>');
  writeFileSync(path.join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'secret.txt'), 'TOP SECRET');
  stub = stubServices();
  server = await startWebServer({ services: stub.services, staticDir: path.join(root, 'renderer'), port: 0 });
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('web mode over HTTP', () => {
  it('prints a URL on 127.0.0.1 with a 128-bit token', () => {
    expect(server.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${server.port}/\\?token=[0-9a-f]{32}$`));
  });

  it('serves the page and its assets (no secret in them) with or without the token', async () => {
    const page = await get(`/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>procplay</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    expect((await get('/')).status).toBe(200);
    expect((await get('/assets/app.js')).status).toBe(200);
  });

  it('sets no cookie on any response: cookies ignore the port, so any server on 127.0.0.1 would get it', async () => {
    const paths = [`/?token=${server.token}`, '/', '/assets/app.js', `/assets/app.js?token=${server.token}`, '/nope', `/nope?token=${server.token}`, '/../secret.txt'];
    for (const p of paths) {
      const res = await get(p);
      expect(res.headers['set-cookie'], p).toBeUndefined();
      expect(JSON.stringify(res.headers)).not.toContain(server.token);
    }
  });

  it.each([
    ['a foreign Host (DNS rebinding)', '/?token=TOKEN', { Host: 'evil.example' }, 421],
    ['a foreign Host with our port', '/?token=TOKEN', { Host: 'evil.example:PORT' }, 421],
  ])('refuses %s', async (_name, url, headers, status) => {
    const fix = (s: string) => s.replace('TOKEN', server.token).replace('PORT', String(server.port));
    const h = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, fix(v)]));
    const res = await get(fix(url), h);
    expect(res.status).toBe(status);
    expect(res.body).not.toContain('<title>');
  });

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/%2e%2e/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00index.html'])(
    'refuses the traversal %s',
    async (p) => {
      const res = await get(`${p}${p.includes('?') ? '&' : '?'}token=${server.token}`);
      expect(res.status).toBe(404);
      expect(res.body).not.toContain('TOP SECRET');
    },
  );

  it('still serves the right client after all those refusals', async () => {
    expect((await get(`/?token=${server.token}`)).status).toBe(200);
  });

  it('is not opened by a POST, whatever it carries', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port: server.port, method: 'POST', path: `/?token=${server.token}`, headers: { Host: `127.0.0.1:${server.port}` } }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('x');
    });
    expect(res).toBe(405);
  });
});

describe('web mode over the WebSocket', () => {
  const origin = () => `http://127.0.0.1:${server.port}`;

  it('accepts our page with the token, pushes a snapshot, and answers requests', async () => {
    const { ws, status, events } = await connect(`?token=${server.token}`, { Origin: origin() });
    expect(status).toBe(101);
    const res = await request(ws, JSON.stringify({ id: 1, method: 'snapshot.get', params: {} }));
    expect(res).toMatchObject({ id: 1, ok: true });
    expect(events[0]).toMatchObject({ event: 'snapshot' });
    ws.close();
  });

  it('lets in a page that sends the token as its first message (nothing in the URL or a cookie)', async () => {
    const c = await connect('', { Origin: origin() });
    expect(c.status).toBe(101);
    c.ws.send(JSON.stringify({ auth: server.token }));
    const res = await request(c.ws, JSON.stringify({ id: 3, method: 'snapshot.get', params: {} }));
    expect(res).toMatchObject({ id: 3, ok: true });
    await until(() => c.events.length > 0, 'the first snapshot');
    expect(c.events[0]).toMatchObject({ event: 'snapshot' });
    c.ws.close();
  });

  it.each([
    ['a wrong token', JSON.stringify({ auth: '0'.repeat(32) })],
    ['a request instead of the token', JSON.stringify({ id: 1, method: 'snapshot.get', params: {} })],
    ['the token in a binary frame', 'BINARY'],
    ['the token as a number', '{"auth":12345}'],
  ])('closes a connection whose first message is %s, with a reason, before serving anything', async (_n, first) => {
    stub.calls.length = 0;
    const c = await connect('', { Origin: origin() });
    if (first === 'BINARY') c.ws.send(Buffer.from(JSON.stringify({ auth: server.token })));
    else c.ws.send(first);
    const { code, reason } = await c.closed;
    expect(code).toBe(4401);
    expect(reason).toMatch(/unauthorised.*open the URL procplay printed/);
    expect(c.events).toEqual([]);
    expect(c.replies).toEqual([]);
    expect(stub.calls).toEqual([]);
  });

  it('refuses a client that presents the token only in a cookie', async () => {
    stub.calls.length = 0;
    const c = await connect('', { Origin: origin(), Cookie: `procplay_token=${server.token}` });
    c.ws.send(JSON.stringify({ id: 1, method: 'snapshot.get', params: {} }));
    expect((await c.closed).code).toBe(4401);
    expect(c.events).toEqual([]);
    expect(c.replies).toEqual([]);
    expect(stub.calls).toEqual([]);
  });

  it('answers an envelope error with the request\'s own id', async () => {
    const { ws } = await connect(`?token=${server.token}`, { Origin: origin() });
    expect(await request(ws, '{"id":17}')).toMatchObject({ id: 17, ok: false, error: { code: 'bad-request' } });
    expect(await request(ws, '{"id":18,"method":42}')).toMatchObject({ id: 18, ok: false, error: { code: 'bad-request' } });
    expect(await request(ws, '{"id":19,"method":"snapshot.get","params":')).toMatchObject({ id: 19, ok: false, error: { message: 'request is not valid JSON' } });
    expect(await request(ws, Buffer.from('{"id":20,"method":"snapshot.get","params":{}}'))).toMatchObject({ id: 20, ok: false, error: { message: 'binary frames are not accepted' } });
    expect(await request(ws, '{"id":-1,"method":"snapshot.get"}')).toMatchObject({ id: null, ok: false });
    ws.close();
  });

  it('serializes each pushed event once, whatever the number of clients', async () => {
    const conns = await Promise.all(Array.from({ length: 5 }, () => connect(`?token=${server.token}`, { Origin: origin() })));
    await until(() => conns.every((c) => c.events.length > 0), 'every first snapshot');
    let serialized = 0;
    const data = { runId: 'r1', event: { type: 'output', t: 1, toJSON() { serialized++; return { type: 'output', t: 1 }; } } };
    (stub.services as unknown as { emit: (m: unknown) => void }).emit({ event: 'playground.event', data });
    await until(() => conns.every((c) => c.events.length > 1), 'the event at every client');
    expect(serialized).toBe(1);
    for (const c of conns) expect(c.events[1]).toEqual({ event: 'playground.event', data: { runId: 'r1', event: { type: 'output', t: 1 } } });
    for (const c of conns) c.ws.close();
    await Promise.all(conns.map((c) => c.closed));
  });

  it.each([
    ['a wrong token', '?token=abc', () => ({ Origin: `http://127.0.0.1:${server.port}` }), 401],
    ['a foreign Origin', '?token=TOKEN', () => ({ Origin: 'https://evil.example' }), 403],
    ['a foreign Host', '?token=TOKEN', () => ({ Host: 'evil.example', Origin: 'http://evil.example' }), 421],
  ])('refuses an upgrade with %s', async (_n, q, headers, status) => {
    const { ws, status: got } = await connect(q.replace('TOKEN', server.token), headers());
    expect(got).toBe(status);
    ws.terminate();
  });

  it('answers malformed messages with errors and keeps the connection', async () => {
    const { ws } = await connect(`?token=${server.token}`, { Origin: origin() });
    stub.calls.length = 0;
    for (const bad of ['not json', '{"id":1}', '{"id":2,"method":"process.kill","params":{"pid":1}}', '{"id":3,"method":"nope","params":{}}']) {
      const res = await request(ws, bad);
      expect(res.ok).toBe(false);
    }
    expect(stub.calls).toEqual([]);
    expect(await request(ws, JSON.stringify({ id: 4, method: 'lesson.runs', params: {} }))).toMatchObject({ id: 4, ok: true });
    ws.close();
  });

  it('closes a connection that sends more than 1 MiB in one message', async () => {
    const { ws } = await connect(`?token=${server.token}`, { Origin: origin() });
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));
    ws.send(JSON.stringify({ id: 1, method: 'snapshot.get', params: { pad: 'x'.repeat(1024 * 1024 + 10) } }));
    expect(await closed).toBe(1009);
    stub.calls.length = 0;
    const again = await connect(`?token=${server.token}`, { Origin: origin() });
    expect(await request(again.ws, JSON.stringify({ id: 2, method: 'lesson.runs', params: {} }))).toMatchObject({ ok: true });
    again.ws.close();
  });

  it('survives a flood of 10,000 requests: rate-limited or closed, never a kill sent', async () => {
    const { ws } = await connect(`?token=${server.token}`, { Origin: origin() });
    stub.calls.length = 0;
    let replies = 0;
    let limited = 0;
    const limitedIds = new Set<unknown>();
    ws.on('message', (d) => {
      const msg = JSON.parse(d.toString());
      if ('event' in msg) return;
      replies++;
      if (msg.error?.code === 'rate-limited') {
        limited++;
        limitedIds.add(msg.id);
      }
    });
    const closed = new Promise<void>((r) => ws.once('close', () => r()));
    const kill = JSON.stringify({ id: 1, method: 'process.kill', params: { pid: 'abc', signal: 'SIGKILL' } });
    const floodStart = performance.now();
    for (let i = 0; i < 10_000 && ws.readyState === ws.OPEN; i++) ws.send(kill);
    await Promise.race([closed, new Promise((r) => setTimeout(r, 3000))]);
    ws.terminate();
    // On a loaded machine the server may take longer than a second to read the flood: each second it
    // spans has its own budget.
    const seconds = Math.ceil((performance.now() - floodStart) / 1000);
    console.log(`flood: ${replies} replies, ${limited} rate-limited, connection ${ws.readyState === ws.CLOSED ? 'closed' : 'open'}, ${stub.calls.filter((c) => c === 'process.kill').length} reached the handler`);
    // A real kill service would have refused "abc" anyway; here no more than the per-second budget reached a handler.
    expect(stub.calls.filter((c) => c === 'process.kill').length).toBeLessThanOrEqual(500 * seconds);
    expect(limited + (ws.readyState === ws.CLOSED ? 1 : 0)).toBeGreaterThan(0);
    expect(replies).toBeGreaterThan(0);
    // A refused request still gets its own id back, so the caller's promise ends at once.
    expect([...limitedIds]).toEqual(limited > 0 ? [1] : []);
    const again = await connect(`?token=${server.token}`, { Origin: origin() });
    expect(await request(again.ws, JSON.stringify({ id: 5, method: 'lesson.runs', params: {} }))).toMatchObject({ ok: true });
    again.ws.close();
  });
  it('survives clients that reset the connection while being refused (no uncaught ECONNRESET)', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const before = openSockets();
      const attempts = ['?token=wrong', `?token=${server.token}&x`, '?token=nope'].flatMap((q) => Array.from({ length: 10 }, () => q));
      for (const query of attempts) {
        await new Promise<void>((resolve) => {
          const s = net.connect(server.port, '127.0.0.1', () => {
            s.write(
              `GET /api${query} HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nOrigin: http://evil.example\r\nUpgrade: websocket\r\n` +
                'Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
            );
            s.resetAndDestroy(); // RST: the server's refusal then fails with ECONNRESET
          });
          s.on('error', () => undefined);
          s.on('close', () => resolve());
        });
      }
      // The server (in this process) has handled every reset connection once it has closed its side
      // of each: a reset that reached no error listener was thrown by then.
      await until(() => [...openSockets()].every((sock) => before.has(sock)), 'the server to close every reset connection');
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(uncaught).toEqual([]);
    const again = await connect(`?token=${server.token}`, { Origin: origin() });
    expect(await request(again.ws, JSON.stringify({ id: 6, method: 'lesson.runs', params: {} }))).toMatchObject({ ok: true });
    again.ws.close();
  });
});

describe('web mode under pressure (small injected limits)', () => {
  // One server per limit, so that connections one test leaves closing do not count against the next.
  let small: WebServer;
  let quick: WebServer;
  const UNAUTH_MS = 400;
  const origin = () => `http://127.0.0.1:${small.port}`;
  beforeAll(async () => {
    const staticDir = path.join(root, 'renderer');
    small = await startWebServer({ services: stub.services, staticDir, port: 0, maxConnections: 3 });
    quick = await startWebServer({ services: stub.services, staticDir, port: 0, unauthenticatedTimeoutMs: UNAUTH_MS });
  });
  afterAll(async () => {
    await Promise.all([small.close(), quick.close()]);
  });

  it('refuses a connection past the cap with a reason, and takes one again when a place is free', async () => {
    const conns: Connection[] = [];
    for (let i = 0; i < 3; i++) conns.push(await connect(`?token=${small.token}`, { Origin: origin() }, small.port));
    await until(() => conns.every((c) => c.events.length > 0), 'three connections served');
    const extra = await connect(`?token=${small.token}`, { Origin: origin() }, small.port);
    const { code, reason } = await extra.closed;
    expect(code).toBe(1013);
    expect(reason).toMatch(/too many connections: this instance serves at most 3/);
    expect(extra.events).toEqual([]);
    conns[0].ws.close();
    await conns[0].closed;
    // The server sees the close a moment after the client: retry (bounded) as a page would.
    let again: Connection | null = null;
    for (let i = 0; i < 20 && !again; i++) {
      const c = await connect(`?token=${small.token}`, { Origin: origin() }, small.port);
      const ok = await Promise.race([until(() => c.events.length > 0, 'a snapshot', 2000).then(() => true), c.closed.then(() => false)]);
      if (ok) again = c;
    }
    expect(again).not.toBeNull();
    for (const c of [...conns, again!]) c.ws.close();
  });

  it('closes a connection that sends no token within the timeout, with a reason', async () => {
    const t0 = performance.now();
    const c = await connect('', { Origin: `http://127.0.0.1:${quick.port}` }, quick.port);
    expect(c.status).toBe(101);
    const { code, reason } = await c.closed;
    const elapsed = performance.now() - t0;
    expect(code).toBe(4401);
    expect(reason).toMatch(/no token within 0.4 s/);
    expect(elapsed).toBeGreaterThanOrEqual(UNAUTH_MS - 50);
    expect(elapsed).toBeLessThan(UNAUTH_MS + 3000);
  });

  it('drops a raw connection that never sends a request within about the same time', async () => {
    const t0 = performance.now();
    const s = net.connect(quick.port, '127.0.0.1');
    s.on('error', () => undefined);
    s.resume();
    await new Promise<void>((r) => s.once('close', () => r()));
    expect(performance.now() - t0).toBeLessThan(UNAUTH_MS + 3000);
  });
});

describe('the id of a refused message', () => {
  it('is read from the start of the text without parsing it', () => {
    expect(leadingId('{"id":42,"method":"process.kill"')).toBe(42);
    expect(leadingId(' { "id" : 7 }')).toBe(7);
    expect(leadingId('{"method":"x","id":3}')).toBeNull();
    expect(leadingId('{"id":"3"}')).toBeNull();
    expect(leadingId('not json')).toBeNull();
  });
});
