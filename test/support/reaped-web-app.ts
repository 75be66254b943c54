// Web mode started under the repo's child subreaper (main/lessons/reaper/subreaper.py), for tests
// that SIGKILL it or start it under limits: the orphans of its trees are adopted and collected by
// the subreaper, not by pid 1 (which does not reap in some containers), so none stays a zombie.
// `limits` is a shell prefix such as `ulimit -n 64` applied to web mode only.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import WebSocket from 'ws';
import { repoRoot } from './web-app.js';
import type { Snapshot } from '../../shared/process.js';
import type { SnapshotDelta } from '../../shared/snapshot-delta.js';
import { SnapshotDecoder } from '../../shared/snapshot-decoder.js';

export interface ReapedWebApp {
  /** The web-mode server (under the subreaper). */
  pid: number;
  reaper: ChildProcess;
  origin: string;
  token: string;
  output: () => string;
  /** Ends the server (signal) and then the subreaper; resolves when the subreaper has exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const SUBREAPER = path.join(repoRoot, 'main/lessons/reaper/subreaper.py');

export async function startReapedWebApp(opts: { env?: NodeJS.ProcessEnv; limits?: string } = {}): Promise<ReapedWebApp> {
  const serve = path.join(repoRoot, 'dist/main/web/serve.js');
  const command = opts.limits
    ? ['sh', '-c', `${opts.limits} && exec "$0" "$1" --port 0`, process.execPath, serve]
    : [process.execPath, serve, '--port', '0'];
  const reaper = spawn('python3', [SUBREAPER, ...command], { cwd: repoRoot, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  reaper.stdout!.on('data', (d) => (out += d));
  reaper.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<void>((resolve) => reaper.once('exit', () => resolve()));
  const { pid, url } = await new Promise<{ pid: number; url: string }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web mode did not start in 20 s:\n${out}`)), 20_000);
    const check = () => {
      const started = /started (\d+) /.exec(out);
      const m = /procplay web: (http:\/\/\S+)/.exec(out);
      if (started && m) {
        clearTimeout(timer);
        resolve({ pid: Number(started[1]), url: m[1]! });
      }
    };
    reaper.stdout!.on('data', check);
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`web mode exited:\n${out}`));
    });
  });
  const parsed = new URL(url);
  return {
    pid,
    reaper,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    output: () => out,
    async stop(signal = 'SIGTERM') {
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
      // The subreaper ends once every child (adopted orphans too) is collected; SIGTERM makes it kill them.
      const hard = setTimeout(() => reaper.kill('SIGTERM'), 5000);
      await exited;
      clearTimeout(hard);
    },
  };
}

/** One WebSocket client of the API, with request/response calls and the events it was sent. */
export async function connectApi(app: { origin: string; token: string }) {
  const ws = new WebSocket(`${app.origin.replace('http', 'ws')}/api?token=${app.token}`, { headers: { Origin: app.origin } });
  const events: { event: string; data: unknown }[] = [];
  const decoder = new SnapshotDecoder();
  const pending = new Map<number, (msg: Record<string, unknown>) => void>();
  ws.on('message', (d) => {
    const msg = JSON.parse(d.toString()) as Record<string, unknown>;
    if (msg.event === 'snapshot' || msg.event === 'snapshot.delta') {
      // Deltas on the wire, decoded as the page does: tests see each tick's whole table.
      let table: Snapshot | null;
      if (msg.event === 'snapshot') table = decoder.full(msg.data as Snapshot);
      else {
        const out = decoder.delta(msg.data as SnapshotDelta);
        if (out.kind === 'gap') throw new Error(`a delta from ${out.baseSeq} reached a client holding ${out.have}`);
        table = out.snapshot;
      }
      if (table) events.push({ event: 'snapshot', data: table });
      if (events.length > 200) events.splice(0, events.length - 200);
    } else if (typeof msg.event === 'string') {
      events.push({ event: msg.event, data: msg.data });
      if (events.length > 200) events.splice(0, events.length - 200);
    } else if (typeof msg.id === 'number') pending.get(msg.id)?.(msg);
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  let next = 1;
  return {
    ws,
    events,
    /** The whole response: { ok: true, result } or { ok: false, error: { message } }. */
    call(method: string, params: object = {}): Promise<Record<string, unknown>> {
      const id = next++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${method}: no answer in 30 s`)), 30_000);
        pending.set(id, (msg) => {
          clearTimeout(timer);
          pending.delete(id);
          resolve(msg);
        });
        ws.send(JSON.stringify({ id, method, params }));
      });
    },
    close: () => ws.terminate(),
  };
}
