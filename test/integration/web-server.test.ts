// Web mode's door: only our own page, on our own host name, with the token, gets in.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
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

function connect(query: string, headers: Record<string, string> = {}): Promise<{ ws: WebSocket; status: number | null; events: unknown[] }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api${query}`, { headers });
    const events: unknown[] = [];
    ws.on('message', (d) => {
      const msg = JSON.parse(d.toString());
      if ('event' in msg) events.push(msg);
    });
    ws.once('open', () => resolve({ ws, status: 101, events }));
    ws.once('unexpected-response', (_req, res) => resolve({ ws, status: res.statusCode ?? null, events }));
    ws.once('error', () => resolve({ ws, status: null, events }));
  });
}

function request(ws: WebSocket, payload: string): Promise<Record<string, unknown>> {
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

  it('serves the page with the token, and its assets through the same-site cookie it sets', async () => {
    const page = await get(`/?token=${server.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>procplay</title>');
    expect(page.headers['content-security-policy']).toContain("default-src 'self'");
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
    const cookie = String(page.headers['set-cookie']).split(';')[0];
    expect((await get('/assets/app.js', { Cookie: cookie })).status).toBe(200);
  });

  it.each([
    ['no token', '/', {}, 401],
    ['a wrong token', '/?token=00000000000000000000000000000000', {}, 401],
    ['a wrong cookie', '/assets/app.js', { Cookie: 'procplay_token=nope' }, 401],
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

  it.each([
    ['no token', '', () => ({ Origin: `http://127.0.0.1:${server.port}` }), 401],
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
    for (let i = 0; i < 10_000 && ws.readyState === ws.OPEN; i++) ws.send(kill);
    await Promise.race([closed, new Promise((r) => setTimeout(r, 3000))]);
    ws.terminate();
    console.log(`flood: ${replies} replies, ${limited} rate-limited, connection ${ws.readyState === ws.CLOSED ? 'closed' : 'open'}, ${stub.calls.filter((c) => c === 'process.kill').length} reached the handler`);
    // A real kill service would have refused "abc" anyway; here no more than the per-second budget reached a handler.
    expect(stub.calls.filter((c) => c === 'process.kill').length).toBeLessThanOrEqual(500);
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
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      process.off('uncaughtException', onUncaught);
    }
    expect(uncaught).toEqual([]);
    const again = await connect(`?token=${server.token}`, { Origin: origin() });
    expect(await request(again.ws, JSON.stringify({ id: 6, method: 'lesson.runs', params: {} }))).toMatchObject({ ok: true });
    again.ws.close();
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
