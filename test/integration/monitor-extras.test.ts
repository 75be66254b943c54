// The sampler's new per-process fields on real processes: listening ports of a node server on
// 127.0.0.1:0, nice and priority after a renice, I/O rates of a process writing (only while asked
// for), the cgroup; and in web mode, I/O sampled while any client shows it and not after the last one leaves.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createSampler } from '../../main/processes/create-sampler.js';
import { shortCgroup } from '../../main/processes/cgroup-short.js';
import { SnapshotDecoder } from '../../shared/snapshot-decoder.js';
import type { SnapshotDelta } from '../../shared/snapshot-delta.js';
import type { ProcInfo, Snapshot } from '../../shared/process.js';
import { exitOf, waitFor } from '../support/child-waits.js';
import { startWebApp, type RunningWebApp } from '../support/web-app.js';

const children: ChildProcess[] = [];
const LISTEN_SCRIPT = `const s=require('net').createServer().listen(0,'127.0.0.1',()=>console.log(s.address().port));`;
// 256 KiB to /dev/null every 20 ms: wchar grows ~12 MiB/s.
const WRITE_SCRIPT = `const fs=require('fs');const n=fs.openSync('/dev/null','w'),b=Buffer.alloc(1<<18);setInterval(()=>fs.writeSync(n,b),20);`;

function node(script: string, stdout: 'pipe' | 'ignore' = 'ignore'): ChildProcess {
  const c = spawn(process.execPath, ['-e', script], { stdio: ['ignore', stdout, 'ignore'] });
  children.push(c);
  return c;
}

const sampler = createSampler({ adapter: 'linux' });
const rowOf = async (pid: number, extras: ('io' | 'cgroup')[] = []): Promise<ProcInfo | undefined> =>
  (await sampler.sample({ extras: new Set(extras) })).processes.find((p) => p.pid === pid);

afterAll(async () => {
  for (const c of children) c.kill('SIGKILL');
  await Promise.all(children.map(exitOf));
  sampler.close?.();
});

describe('sampled extras on real processes (Linux)', () => {
  it('a process listening on 127.0.0.1:0 carries its port, found on the next sample after it starts listening', async () => {
    await sampler.sample(); // the tracker's first scan happens before the listener exists
    const server = node(LISTEN_SCRIPT, 'pipe');
    const port = await new Promise<number>((resolve) => server.stdout!.once('data', (d) => resolve(Number(String(d).trim()))));
    const row = await rowOf(server.pid!);
    expect(row?.ports).toEqual([port]);
    server.kill('SIGKILL');
    await exitOf(server);
    const after = await sampler.sample();
    expect(after.processes.some((p) => p.ports?.includes(port))).toBe(false);
  });

  it('renice to 10 shows as NI 10 and PRI 30 on the next sample', async () => {
    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    children.push(sleeper);
    expect((await rowOf(sleeper.pid!))?.nice).toBe(0);
    os.setPriority(sleeper.pid!, 10);
    expect(await rowOf(sleeper.pid!)).toMatchObject({ nice: 10, priority: 30 });
  });

  it('I/O rates appear only while asked for, from the second sample on', async () => {
    const writer = node(WRITE_SCRIPT);
    const wchar = () => Number(/^wchar:\s*(\d+)/m.exec(readFileSync(`/proc/${writer.pid}/io`, 'utf8'))?.[1] ?? 0);
    // Its first writes done, so the rate below is of its steady writing, not of its start-up.
    await waitFor('the writer to write', () => wchar() > 4 << 20);
    const off = await sampler.sample();
    expect(off.sampled).toEqual([]);
    expect(off.processes.some((p) => p.ioWritePerSec !== undefined || p.ioDenied)).toBe(false);
    const first = await rowOf(writer.pid!, ['io']);
    expect(first?.ioWritePerSec).toBeUndefined(); // a rate needs two readings
    // Two more writes between the readings, so the second rate cannot be 0.
    const atFirst = wchar();
    await waitFor('two more writes', () => wchar() >= atFirst + (2 << 18));
    const second = await rowOf(writer.pid!, ['io']);
    expect(second?.ioWritePerSec).toBeGreaterThan(0);
    expect(second?.ioDenied).toBeUndefined();
  });

  it('the cgroup is the short form of /proc/PID/cgroup, read only while asked for', async () => {
    expect((await rowOf(process.pid))?.cgroup).toBeUndefined();
    const row = await rowOf(process.pid, ['cgroup']);
    expect(row?.cgroup).toBe(shortCgroup(readFileSync('/proc/self/cgroup', 'utf8')));
    expect(row?.cgroup).toBeTruthy();
  });
});

describe('web mode: optional columns follow the clients that show them (Linux)', () => {
  let app: RunningWebApp;
  beforeAll(async () => {
    app = await startWebApp();
  });
  afterAll(async () => {
    await app?.stop();
  });

  interface Client {
    ws: WebSocket;
    snapshots: Snapshot[];
    replies: { id: number; ok: boolean; result?: { sampling: string[] } }[];
  }

  async function connect(): Promise<Client> {
    const port = new URL(app.url).port;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api?token=${app.token}`);
    const c: Client = { ws, snapshots: [], replies: [] };
    // Ticks travel as deltas after the first full table: decoded as the page does.
    const decoder = new SnapshotDecoder();
    ws.on('message', (d) => {
      const msg = JSON.parse(d.toString());
      if (msg.event === 'snapshot') {
        const table = decoder.full(msg.data as Snapshot);
        if (table) c.snapshots.push(table);
      } else if (msg.event === 'snapshot.delta') {
        const out = decoder.delta(msg.data as SnapshotDelta);
        if (out.kind === 'gap') throw new Error(`a delta from ${out.baseSeq} reached a client holding ${out.have}`);
        if (out.snapshot) c.snapshots.push(out.snapshot);
      } else if (!('event' in msg)) c.replies.push(msg);
    });
    await new Promise((r) => ws.once('open', r));
    return c;
  }

  async function setColumns(c: Client, id: number, columns: string[]): Promise<string[]> {
    c.ws.send(JSON.stringify({ id, method: 'monitor.setColumns', params: { columns } }));
    await waitFor(`reply ${id}`, () => c.replies.some((r) => r.id === id));
    return [...c.replies.find((r) => r.id === id)!.result!.sampling].sort();
  }

  it('samples the union of what the clients show, and stops once the client showing I/O disconnects', async () => {
    const a = await connect();
    const b = await connect();
    expect(await setColumns(a, 1, ['io'])).toEqual(['io']);
    expect(await setColumns(b, 2, ['cgroup'])).toEqual(['cgroup', 'io']);
    await waitFor('a snapshot with both', () => b.snapshots.some((s) => s.sampled?.includes('io') && s.sampled.includes('cgroup')));
    const withIo = b.snapshots.find((s) => s.sampled?.includes('io'))!;
    expect(withIo.processes.some((p) => p.cgroup !== undefined)).toBe(true);
    a.ws.close();
    await waitFor('a snapshot without I/O', () => b.snapshots.some((s) => s.sampled !== undefined && s.sampled.join() === 'cgroup'));
    const later = b.snapshots.find((s) => s.sampled?.join() === 'cgroup')!;
    expect(later.processes.some((p) => p.ioReadPerSec !== undefined || p.ioDenied)).toBe(false);
    b.ws.close();
  }, 30_000);
});
