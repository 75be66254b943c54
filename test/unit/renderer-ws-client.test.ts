import { describe, expect, it } from 'vitest';
import { webSocketUrl } from '../../renderer/src/api/client.js';
import { backoffMs, type ConnectionState, onReopen } from '../../renderer/src/api/connection.js';
import { createWsClient, plausibleEvent, type SocketLike } from '../../renderer/src/api/ws-client.js';

/** The smallest snapshot push the client passes on. */
const snap = (seq: number) => ({ seq, processes: [], selfPids: [], capabilities: {}, meters: {} });

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: string[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) { this.sent.push(data); }
  close() { this.drop(); }
  open() { this.readyState = 1; this.onopen?.({}); }
  drop() { this.readyState = 3; this.onclose?.({}); }
  receive(msg: unknown) { this.onmessage?.({ data: JSON.stringify(msg) }); }
}

function setup() {
  const sockets: FakeSocket[] = [];
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  let now = 1000;
  const client = createWsClient('ws://h/api?token=t', {
    createSocket: (url) => { const s = new FakeSocket(url); sockets.push(s); return s; },
    setTimeout: (fn, ms) => { const t = { fn, ms, cleared: false }; timers.push(t); return t; },
    clearTimeout: (h) => { (h as { cleared: boolean }).cleared = true; },
    now: () => now,
  });
  const states: ConnectionState[] = [];
  client.onConnection((s) => states.push(s));
  return { client, sockets, timers, states, advance: (ms: number) => (now += ms) };
}

describe('web-mode WebSocket client', () => {
  it('builds the socket URL from the page location and token', () => {
    expect(webSocketUrl({ host: '127.0.0.1:8123', search: '?token=a%2Bb', protocol: 'http:' })).toBe('ws://127.0.0.1:8123/api?token=a%2Bb');
    expect(webSocketUrl({ host: 'x', search: '', protocol: 'http:' })).toBe('ws://x/api?token=');
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
