// The optional columns' pure parts: /proc/PID/io rates, the short cgroup, which clients ask for
// which columns, the listening-port tracker on a fake /proc (when it scans and when it does not),
// and the renderer's use of the new fields (mine/all, port:, collapse all, sorting by a field some
// rows lack).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ioRates, parseIoChars } from '../../main/processes/io-rate.js';
import { shortCgroup } from '../../main/processes/cgroup-short.js';
import { FULL_RESCAN_TICKS, ListeningPortTracker, parseListeningInodes, REREAD_TICKS, RESCAN_TICKS, socketsInUse } from '../../main/processes/listen-owners.js';
import { ColumnDemand } from '../../main/monitor/column-demand.js';
import { createDispatch, type Handlers } from '../../main/api/dispatch.js';
import { sortProcesses } from '../../shared/filter-sort.js';
import { buildRows, parentPids, type RowQuery } from '../../renderer/src/monitor/row-model.js';
import { HIDDEN_BY_DEFAULT, sampledExtras, visibleColumns } from '../../renderer/src/monitor/columns.js';
import { loadHiddenColumns } from '../../renderer/src/monitor/column-prefs.js';
import { DEFAULT_SORT } from '../../renderer/src/monitor/sort-state.js';
import { shouldSendColumns } from '../../renderer/src/monitor/use-column-sampling.js';
import { proc } from './renderer-fixtures.js';

describe('I/O rates from /proc/PID/io', () => {
  const text = 'rchar: 5000\nwchar: 12000\nsyscr: 3\nsyscw: 4\nread_bytes: 0\nwrite_bytes: 0\ncancelled_write_bytes: 0\n';
  it('reads rchar and wchar (not read_bytes, which stays 0 on tmpfs and pipes)', () => {
    expect(parseIoChars(text)).toEqual({ rchar: 5000, wchar: 12000 });
    expect(parseIoChars('read_bytes: 1\n')).toBeNull();
  });
  it('needs two samples, and divides by the time between them', () => {
    expect(ioRates(undefined, { rchar: 1, wchar: 1, atMs: 1000 })).toBeNull();
    expect(ioRates({ rchar: 0, wchar: 1000, atMs: 1000 }, { rchar: 1024, wchar: 1000, atMs: 1000 })).toBeNull();
    expect(ioRates({ rchar: 0, wchar: 1000, atMs: 1000 }, { rchar: 2048, wchar: 5000, atMs: 3000 })).toEqual({ readPerSec: 1024, writePerSec: 2000 });
    expect(ioRates({ rchar: 10, wchar: 10, atMs: 0 }, { rchar: 5, wchar: 10, atMs: 1000 })).toEqual({ readPerSec: 0, writePerSec: 0 });
  });
});

describe('short cgroup', () => {
  it('names a container by runtime and 12-character id, a systemd unit by name, else the last path part', () => {
    const id = 'a'.repeat(64);
    expect(shortCgroup(`0::/system.slice/docker-${id}.scope\n`)).toBe(`docker:${'a'.repeat(12)}`);
    expect(shortCgroup('0::/user.slice/user-1000.slice/user@1000.service/app.slice/ssh.service\n')).toBe('ssh.service');
    expect(shortCgroup('0::/system.slice/nginx.service\n')).toBe('nginx.service');
    expect(shortCgroup('0::/mygroup/leaf\n')).toBe('leaf');
    expect(shortCgroup('0::/\n')).toBe('/');
    expect(shortCgroup('')).toBeNull();
  });
});

describe('which optional columns are sampled', () => {
  it('reads the union of what the clients show, and forgets a client that went away', () => {
    const d = new ColumnDemand();
    const a = {};
    const b = {};
    expect([...d.current()]).toEqual([]);
    d.set(a, ['io']);
    d.set(b, ['cgroup']);
    expect([...d.current()].sort()).toEqual(['cgroup', 'io']);
    d.set(a, []);
    expect([...d.current()]).toEqual(['cgroup']);
    d.forget(b);
    expect([...d.current()]).toEqual([]);
  });

  it('the dispatcher hands each handler the client that sent the request', async () => {
    const seen: object[] = [];
    const handlers = { 'monitor.setColumns': (_p: unknown, ctx: { client: object }) => (seen.push(ctx.client), { sampling: [] }) } as unknown as Handlers;
    const dispatch = createDispatch(handlers);
    const client = {};
    expect(await dispatch({ id: 1, method: 'monitor.setColumns', params: { columns: ['io'] } }, client)).toMatchObject({ ok: true });
    expect(seen[0]).toBe(client);
    const bad = await dispatch({ id: 2, method: 'monitor.setColumns', params: { columns: ['environ'] } }, client);
    expect(bad).toMatchObject({ ok: false, error: { code: 'bad-request' } });
  });

  it('the page asks for I/O while either I/O column is shown, for cgroup while CGROUP is', () => {
    expect(sampledExtras(new Set(HIDDEN_BY_DEFAULT))).toEqual([]);
    expect(sampledExtras(new Set(['ioReadPerSec', 'cgroup'] as const))).toEqual(['io']);
    expect(sampledExtras(new Set(['ioWritePerSec'] as const))).toEqual(['io', 'cgroup']);
  });

  it('the page re-sends its choice when a later snapshot lacks a chosen column (a reconnect, a restarted server), not on every tick', () => {
    const wanted = ['io'] as const;
    expect(shouldSendColumns(null, wanted, [], 5)).toBe(true);
    const last = { wanted, seq: 5 };
    expect(shouldSendColumns(last, wanted, ['io'], 9)).toBe(false);
    expect(shouldSendColumns(last, wanted, [], 6)).toBe(false); // may have been under way when we asked
    expect(shouldSendColumns(last, wanted, [], 7)).toBe(true);
    expect(shouldSendColumns(last, wanted, undefined, 1)).toBe(true); // a restarted server
    expect(shouldSendColumns(last, ['io'], ['io'], 9)).toBe(true); // a new choice
  });

  it('NI, PRI, the I/O columns and CGROUP start hidden, and a chosen one outlasts the defaults when narrow', () => {
    expect([...loadHiddenColumns()].sort()).toEqual([...HIDDEN_BY_DEFAULT].sort());
    const hidden = new Set(HIDDEN_BY_DEFAULT.filter((k) => k !== 'ioReadPerSec'));
    const cols = visibleColumns(1100, false, hidden).map((c) => c.key);
    expect(cols).toContain('ioReadPerSec');
    expect(cols).not.toContain('memVsz');
  });
});

describe('listening ports', () => {
  const HEADER = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
  const tcpRow = (port: number, state: string, inode: number) =>
    `   0: 0100007F:${port.toString(16).toUpperCase().padStart(4, '0')} 00000000:0000 ${state} 00000000:00000000 00:00000000 00000000  1000        0 ${inode} 1 0000000000000000 100 0 0 10 0\n`;

  it('reads the sockets in use per protocol from sockstat and sockstat6', () => {
    expect(socketsInUse('sockets: used 8\nTCP: inuse 1 orphan 0 tw 1 alloc 1 mem 0\nUDP: inuse 0 mem 0\nFRAG: inuse 0 memory 0\n')).toBe('TCP 1 UDP 0 FRAG 0 ');
    expect(socketsInUse('TCP6: inuse 3\nUDP6: inuse 2\n')).toBe('TCP6 3 UDP6 2 ');
    expect(socketsInUse('')).toBe('');
  });

  it('keeps TCP LISTEN and bound unconnected UDP rows, not connections', () => {
    const tcp = HEADER + tcpRow(8080, '0A', 111) + tcpRow(40000, '01', 112);
    expect([...parseListeningInodes(tcp, false)]).toEqual([[111, 8080]]);
    const udp = HEADER + tcpRow(5353, '07', 113) + tcpRow(0, '07', 114) + tcpRow(41000, '01', 115);
    expect([...parseListeningInodes(udp, true)]).toEqual([[113, 5353]]);
  });

  let root = '';
  afterEach(() => {
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  /** A fake /proc: net/tcp with the given listeners, and per pid an fd dir of socket links. */
  function fakeProc(listeners: [number, number][], fds: Record<number, number[]>): void {
    // net/ is rewritten in place, never removed: the tracker keeps net/sockstat open, as on /proc.
    fs.mkdirSync(path.join(root, 'net'), { recursive: true });
    fs.writeFileSync(path.join(root, 'net/tcp'), HEADER + listeners.map(([port, inode]) => tcpRow(port, '0A', inode)).join(''));
    for (const [pid, inodes] of Object.entries(fds)) {
      const dir = path.join(root, pid, 'fd');
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(dir, { recursive: true });
      inodes.forEach((inode, i) => fs.symlinkSync(`socket:[${inode}]`, path.join(dir, String(i + 3))));
    }
  }

  it('scans fds only when a listener appears that no live process is known to hold, and every RESCAN_TICKS', () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'procplay-fakeproc-'));
    const procs = [{ pid: 10, startTime: 1 }, { pid: 20, startTime: 2 }, { pid: 30, startTime: 3 }];
    fakeProc([[8080, 501]], { 10: [501], 20: [501], 30: [] });
    const t = new ListeningPortTracker(root);
    // A socket shared by a parent and its forked worker shows on both.
    expect([...t.update(procs)].sort()).toEqual([[10, [8080]], [20, [8080]]]);
    expect(t.lastCost).toEqual({ scanned: true, full: true, scannedProcs: 3, readNet: true });
    expect(t.update(procs).get(10)).toEqual([8080]);
    expect(t.lastCost.scanned).toBe(false);
    // A new listener (pid 30): found by one scan on the next tick.
    fakeProc([[8080, 501], [9090, 502], [9091, 503]], { 30: [502, 503] });
    expect(t.update(procs).get(30)).toEqual([9090, 9091]);
    expect(t.lastCost.scanned).toBe(true);
    // A listener nobody readable holds (another user's): not chased on every tick.
    fakeProc([[8080, 501], [9090, 502], [9091, 503], [7000, 999]], {});
    t.update(procs);
    expect(t.lastCost.scanned).toBe(true);
    for (let i = 1; i < RESCAN_TICKS; i++) {
      t.update(procs);
      expect(t.lastCost.scanned).toBe(false);
    }
    t.update(procs);
    // The periodic scan reads only processes born since the last one: none here.
    expect(t.lastCost).toMatchObject({ scanned: true, full: false, scannedProcs: 0 });
    // The holder exited (its identity is gone from the listing): its port goes with it.
    expect(t.update([{ pid: 10, startTime: 1 }, { pid: 20, startTime: 2 }]).has(30)).toBe(false);
  });

  it('re-reads the socket tables only when the socket counters change, or every REREAD_TICKS ticks', () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'procplay-fakeproc-'));
    const procs = [{ pid: 10, startTime: 1 }, { pid: 30, startTime: 3 }];
    fakeProc([[8080, 501]], { 10: [501], 30: [] });
    const counters = (tcpInuse: number, mem = 0) =>
      fs.writeFileSync(path.join(root, 'net/sockstat'), `sockets: used 9\nTCP: inuse ${tcpInuse} orphan 0 tw ${mem} alloc ${tcpInuse} mem ${mem}\n`);
    counters(1);
    const t = new ListeningPortTracker(root);
    expect(t.update(procs).get(10)).toEqual([8080]);
    expect(t.lastCost.readNet).toBe(true);
    // Same counters: the tables are not read (a listener added behind the counters' back is not seen yet).
    fakeProc([[8080, 501], [9090, 502]], { 30: [502] }); // (fakeProc rewrites net/tcp)
    counters(1);
    expect(t.update(procs).has(30)).toBe(false);
    expect(t.lastCost.readNet).toBe(false);
    // Traffic moves the memory and TIME_WAIT counts, not the sockets in use: still not read.
    counters(1, 7);
    expect(t.update(procs).has(30)).toBe(false);
    expect(t.lastCost.readNet).toBe(false);
    // A new socket moves the counters: read at once.
    counters(2);
    expect(t.update(procs).get(30)).toEqual([9090]);
    expect(t.lastCost.readNet).toBe(true);
    // Counters unchanged for REREAD_TICKS ticks: read anyway.
    fakeProc([[8080, 501]], {});
    counters(2);
    let reads = 0;
    for (let i = 0; i < REREAD_TICKS; i++) {
      t.update(procs);
      if (t.lastCost.readNet) reads++;
    }
    expect(reads).toBe(1);
    expect(t.update(procs).has(30)).toBe(false);
  });

  it('finds a forked worker sharing a known socket at the next periodic scan, reading only new processes; a full scan drops a holder that closed it', () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'procplay-fakeproc-'));
    const old = [{ pid: 10, startTime: 1 }, { pid: 20, startTime: 2 }];
    fakeProc([[8080, 501]], { 10: [501], 20: [] });
    const t = new ListeningPortTracker(root);
    expect([...t.update(old)]).toEqual([[10, [8080]]]);
    // pid 30 is born holding the same socket (a forked worker): no new inode, so no scan yet…
    const withWorker = [...old, { pid: 30, startTime: 3 }];
    fakeProc([[8080, 501]], { 30: [501] });
    expect(t.update(withWorker).has(30)).toBe(false);
    expect(t.lastCost.scanned).toBe(false);
    // …until the periodic scan, which reads the new process alone.
    for (let i = 2; i < RESCAN_TICKS; i++) t.update(withWorker);
    expect(t.update(withWorker).get(30)).toEqual([8080]);
    expect(t.lastCost).toMatchObject({ scanned: true, full: false, scannedProcs: 1 });
    expect(t.update(withWorker).get(10)).toEqual([8080]);
    // pid 10 closes its copy (the worker keeps the socket): the next full scan sees it.
    fakeProc([[8080, 501]], { 10: [] });
    let ticks = 0;
    while (!t.lastCost.full && ticks++ < FULL_RESCAN_TICKS) t.update(withWorker);
    expect(t.lastCost.full).toBe(true);
    expect([...t.update(withWorker)]).toEqual([[30, [8080]]]);
  });
});

describe('renderer: mine/all, port:, collapse all, sorting optional fields', () => {
  const q = (extra: Partial<RowQuery> = {}): RowQuery => ({ view: 'table', filter: '', quick: 'all', sort: DEFAULT_SORT, collapsed: new Set(), ...extra });
  const procs = [
    proc(1, 0, { user: 'root', uid: 0 }),
    proc(10, 1, { uid: 1000, ports: [8080, 9090] }),
    proc(11, 10, { uid: 1000, nice: 5 }),
    proc(12, 1, { user: 'bob', uid: 1001, nice: -2 }),
  ];
  it('"mine" keeps the processes of one uid', () => {
    expect(buildRows(procs, q({ uid: 1000 })).rows.map((r) => r.proc.pid).sort()).toEqual([10, 11]);
    expect(buildRows(procs, q()).rows).toHaveLength(4);
  });
  it('port: matches the ports on the rows, as the badge shows them', () => {
    expect(buildRows(procs, q({ filter: 'port:9090' })).rows.map((r) => r.proc.pid)).toEqual([10]);
    expect(buildRows(procs, q({ filter: 'port:22' })).rows).toEqual([]);
  });
  it('collapse all collapses every process with a child, leaving the roots', () => {
    expect([...parentPids(procs)].sort()).toEqual([1, 10]);
    expect(buildRows(procs, q({ view: 'tree', collapsed: parentPids(procs) })).rows.map((r) => r.proc.pid)).toEqual([1]);
  });
  it('rows without a value (not sampled, not on this OS) sort first, like null', () => {
    expect(sortProcesses(procs, 'nice').map((p) => p.pid)).toEqual([1, 10, 12, 11]);
  });
});
