import { describe, expect, it } from 'vitest';
import { webSocketUrl } from '../../renderer/src/api/client.js';
import { backoffMs, type ConnectionState, onReopen } from '../../renderer/src/api/connection.js';
import { forgetWebToken, takeWebToken, type TokenStorage, WEB_TOKEN_KEY } from '../../renderer/src/api/web-token.js';
import { createWsClient, plausibleEvent, type SocketLike } from '../../renderer/src/api/ws-client.js';

/** The smallest snapshot push the client passes on. */
const snap = (seq: number) => ({ seq, processes: [], selfPids: [], capabilities: {}, meters: {} });

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: { code?: number; reason?: string }) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) { this.sent.push(data); }
  close() { this.drop(); }
  open() { this.readyState = 1; this.onopen?.({}); }
  drop(code?: number, reason?: string) { this.readyState = 3; this.onclose?.({ code, reason }); }
  receive(msg: unknown) { this.onmessage?.({ data: JSON.stringify(msg) }); }
}

function setup(token?: string) {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  let now = 1000;
  const client = createWsClient('ws://h/api', {
    createSocket: (url) => { const s = new FakeSocket(url); sockets.push(s); return s; },
    setTimeout: (fn, ms) => { const t = { fn, ms, cleared: false }; timers.push(t); return t; },
    clearTimeout: (h) => { (h as { cleared: boolean }).cleared = true; },
    now: () => now,
  }, token);
  const states: ConnectionState[] = [];
  client.onConnection((s) => states.push(s));
  return { client, sockets, timers, states, advance: (ms: number) => (now += ms) };
}

describe('web-mode WebSocket client', () => {
  it('builds the socket URL from the page location, with no credential in it', () => {
    expect(webSocketUrl({ host: '127.0.0.1:8123', protocol: 'http:' })).toBe('ws://127.0.0.1:8123/api');
    expect(webSocketUrl({ host: 'x', protocol: 'https:' })).toBe('wss://x/api');
  });

  it('sends the token as the first message of every socket, before any queued call', () => {
    const { client, sockets, timers } = setup('t0k3n');
    void client.call('snapshot.get', {}).catch(() => undefined);
    sockets[0].open();
    expect(JSON.parse(sockets[0].sent[0])).toEqual({ auth: 't0k3n' });
    expect(JSON.parse(sockets[0].sent[1]).method).toBe('snapshot.get');
    sockets[0].drop(1006);
    timers.at(-1)!.fn();
    sockets[1].open();
    expect(JSON.parse(sockets[1].sent[0])).toEqual({ auth: 't0k3n' });
  });

  it('stops retrying when the server refuses the token, and says so', async () => {
    const { client, sockets, timers, states } = setup('stale');
    sockets[0].open();
    const pending = client.call('snapshot.get', {});
    const liveTimers = timers.filter((t) => !t.cleared).length;
    sockets[0].drop(4401, 'unauthorised: wrong or missing token');
    await expect(pending).rejects.toMatchObject({ code: 'disconnected' });
    expect(states.at(-1)).toEqual({ status: 'unauthorised', reason: 'unauthorised: wrong or missing token' });
    expect(timers.filter((t) => !t.cleared).length).toBe(liveTimers - 1); // the call's timer went; no reconnect timer came
    expect(sockets).toHaveLength(1);
    await expect(client.call('snapshot.get', {})).rejects.toMatchObject({ code: 'disconnected' });
  });

  it('queues calls until the socket opens, then matches responses by id', async () => {
    const { client, sockets } = setup();
    const a = client.call('snapshot.get', {});
    const b = client.call('sampler.configure', { paused: true });
    expect(sockets[0].sent).toEqual([]);
    sockets[0].open();
    const sent = sockets[0].sent.map((s) => JSON.parse(s));
    expect(sent.map((m) => m.method)).toEqual(['snapshot.get', 'sampler.configure']);
    expect(sent[1].params).toEqual({ paused: true });
    sockets[0].receive({ id: sent[1].id, ok: true, result: { intervalMs: 1000, paused: true } });
    sockets[0].receive({ id: sent[0].id, ok: false, error: { code: 'failed', message: 'boom' } });
    await expect(b).resolves.toEqual({ intervalMs: 1000, paused: true });
    await expect(a).rejects.toMatchObject({ message: 'boom', code: 'failed' });
  });

  it('delivers pushed events to listeners until they unsubscribe, ignoring junk', () => {
    const { client, sockets } = setup();
    sockets[0].open();
    const seen: unknown[] = [];
    const off = client.on('snapshot', (s) => seen.push(s.seq));
    sockets[0].receive({ event: 'snapshot', data: snap(1) });
    sockets[0].onmessage?.({ data: 'not json' });
    sockets[0].receive({ event: 'other', data: {} });
    off();
    sockets[0].receive({ event: 'snapshot', data: snap(2) });
    expect(seen).toEqual([1]);
  });

  it('drops pushed events whose data is malformed instead of handing them to the page', () => {
    const { client, sockets } = setup();
    sockets[0].open();
    const seen: unknown[] = [];
    client.on('snapshot', (s) => seen.push(s.seq));
    const lessonSeen: unknown[] = [];
    client.on('lesson.event', (d) => lessonSeen.push(d.event.type));
    const pgSeen: unknown[] = [];
    client.on('playground.event', (d) => pgSeen.push(d.event.type));
    for (const data of [null, 42, 'x', [], { seq: 1 }, { ...snap(1), processes: null }, { ...snap(1), capabilities: null }]) {
      sockets[0].receive({ event: 'snapshot', data });
    }
    sockets[0].receive({ event: 'snapshot' });
    sockets[0].receive({ event: 'lesson.event', data: { runId: 'r', lessonId: 'l' } });
    sockets[0].receive({ event: 'lesson.event', data: { runId: 'r', lessonId: 'l', event: { type: 'start' } } });
    sockets[0].receive({ event: 'playground.event', data: { runId: 1, event: { type: 'output', t: 0 } } });
    sockets[0].receive({ event: 'playground.event', data: { runId: 'r', event: null } });
    expect(seen).toEqual([]);
    expect(lessonSeen).toEqual([]);
    expect(pgSeen).toEqual([]);
    sockets[0].receive({ event: 'snapshot', data: snap(3) });
    sockets[0].receive({ event: 'lesson.event', data: { runId: 'r', lessonId: 'l', event: { type: 'start', t: 0 } } });
    sockets[0].receive({ event: 'playground.event', data: { runId: 'r', event: { type: 'output', t: 5 } } });
    expect(seen).toEqual([3]);
    expect(lessonSeen).toEqual(['start']);
    expect(pgSeen).toEqual(['output']);
    expect(plausibleEvent('unknown', {})).toBe(true);
    expect(plausibleEvent('unknown', null)).toBe(false);
  });

  it('fails in-flight calls on disconnect, refuses calls while down, and reconnects with backoff', async () => {
    const { client, sockets, timers, states } = setup();
    sockets[0].open();
    const pending = client.call('snapshot.get', {});
    sockets[0].drop();
    await expect(pending).rejects.toMatchObject({ code: 'disconnected' });
    expect(states.at(-1)).toEqual({ status: 'closed', retryAt: 1000 + backoffMs(0) });
    await expect(client.call('snapshot.get', {})).rejects.toMatchObject({ code: 'disconnected' });
    const retry = timers.filter((t) => !t.cleared && t.ms === backoffMs(0)).at(-1)!;
    retry.fn();
    expect(sockets).toHaveLength(2);
    expect(states.at(-1)).toEqual({ status: 'connecting' });
    sockets[1].drop();
    expect(timers.at(-1)!.ms).toBe(backoffMs(1));
    timers.at(-1)!.fn();
    sockets[2].open();
    expect(client.connection()).toEqual({ status: 'open' });
    sockets[2].drop();
    expect(timers.at(-1)!.ms).toBe(backoffMs(0)); // a successful open resets the backoff
  });

  it('backs off 0.5 s, 1 s, 2 s … up to 10 s', () => {
    expect([0, 1, 2, 3, 4, 5, 10].map(backoffMs)).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('times out a call that gets no answer', async () => {
    const { client, sockets, timers } = setup();
    sockets[0].open();
    const p = client.call('snapshot.get', {});
    timers.find((t) => t.ms === 30_000)!.fn();
    await expect(p).rejects.toMatchObject({ code: 'timeout' });
  });

  it('tells the page when the connection is back after a drop (not on the first open), until unsubscribed', () => {
    const { client, sockets, timers } = setup();
    let reopened = 0;
    const off = onReopen(client, () => reopened++);
    sockets[0].open();
    expect(reopened).toBe(0);
    sockets[0].drop();
    timers.at(-1)!.fn();
    sockets[1].drop(); // a failed attempt
    timers.at(-1)!.fn();
    expect(reopened).toBe(0);
    sockets[2].open();
    expect(reopened).toBe(1);
    off();
    sockets[2].drop();
    timers.at(-1)!.fn();
    sockets[3].open();
    expect(reopened).toBe(1);
    // A client without connection state (the Electron bridge) never reopens.
    expect(onReopen({ transport: 'electron', call: () => Promise.reject(new Error('x')), on: () => () => {} }, () => reopened++)).toBeTypeOf('function');
  });
});

class MemoryStorage implements TokenStorage {
  items = new Map<string, string>();
  getItem(k: string) { return this.items.get(k) ?? null; }
  setItem(k: string, v: string) { this.items.set(k, v); }
  removeItem(k: string) { this.items.delete(k); }
}

describe('the web-mode token in the page', () => {
  it('takes it from the URL, remembers it for this origin and removes it from the address bar', () => {
    const storage = new MemoryStorage();
    const urls: string[] = [];
    expect(takeWebToken({ pathname: '/', search: '?token=abc123&lang=zh', hash: '#x' }, (u) => urls.push(u), storage)).toBe('abc123');
    expect(urls).toEqual(['/?lang=zh#x']);
    expect(storage.getItem(WEB_TOKEN_KEY)).toBe('abc123');
    expect(takeWebToken({ pathname: '/', search: '?token=t2', hash: '' }, (u) => urls.push(u), storage)).toBe('t2');
    expect(urls.at(-1)).toBe('/');
    expect(storage.getItem(WEB_TOKEN_KEY)).toBe('t2'); // a newer URL replaces what was kept
  });

  it('uses the remembered token for a bare URL, and none in a fresh browser', () => {
    const storage = new MemoryStorage();
    const replace = () => { throw new Error('a bare URL is left as it is'); };
    expect(takeWebToken({ pathname: '/', search: '', hash: '' }, replace, storage)).toBeNull();
    storage.setItem(WEB_TOKEN_KEY, 'kept');
    expect(takeWebToken({ pathname: '/', search: '', hash: '' }, replace, storage)).toBe('kept');
    forgetWebToken(storage);
    expect(takeWebToken({ pathname: '/', search: '?token=', hash: '' }, replace, storage)).toBeNull();
  });

  it('still works for this page when storage is missing or throws', () => {
    const throwing: TokenStorage = {
      getItem: () => { throw new Error('SecurityError'); },
      setItem: () => { throw new Error('QuotaExceededError'); },
      removeItem: () => { throw new Error('SecurityError'); },
    };
    expect(takeWebToken({ pathname: '/', search: '?token=a', hash: '' }, () => undefined, throwing)).toBe('a');
    expect(takeWebToken({ pathname: '/', search: '', hash: '' }, () => undefined, throwing)).toBeNull();
    expect(() => forgetWebToken(throwing)).not.toThrow();
    expect(takeWebToken({ pathname: '/', search: '?token=b', hash: '' }, () => undefined, null)).toBe('b');
  });
});
