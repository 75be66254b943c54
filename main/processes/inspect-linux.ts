// The inspector on Linux: reads /proc for ONE process, on demand (never per tick for every
// process). Each section is read on its own, so a refused read (another user's process, hidepid,
// ptrace rules) makes that section say why — "no permission (EACCES)" — instead of showing 0 or nothing.
// The process's identity (pid + start time) is checked before and after the reads.
import fs from 'node:fs';
import type {
  EnvEntry, FileEntry, IdPair, InspectOverview, InspectReport, InspectResult, IoStats, LimitEntry, MemoryDetail,
  NamespaceDiff, Section, SectionRefusal, SocketEntry, ThreadEntry,
} from '../../shared/inspect.js';
import { createUserNames } from './passwd.js';
import { bootTimeSec, clockTicksPerSec, startTimeMs } from './proc-clock.js';
import {
  detectContainer, fdTypeFromTarget, parseArgv, parseCgroup, parseEnviron, parseFdinfo, parseIo,
  parseLimits, parseSmapsRollup, schedulerName, statusField, statusIds, ttyName,
} from './inspect-parse.js';
import { type FullStat, parseFullStat, STAT } from './proc-stat.js';
import { socketsByInode } from './proc-net.js';

/** What one inspection keeps for the next, to turn totals into rates (I/O per second, thread CPU %). */
export interface InspectMemo {
  pid: number;
  startTime: number;
  atMs: number;
  io: Pick<IoStats, 'rchar' | 'wchar' | 'readBytes' | 'writeBytes'> | null;
  threadTicks: Map<number, number>;
}

const MS_PER_SECOND = 1000;
/** Most fds listed: a server with 100k sockets would otherwise make a multi-megabyte answer. */
export const MAX_FDS_LISTED = 4096;

const userNames = createUserNames('/etc/passwd');
const groupNames = createUserNames('/etc/group');

/** The section a failed read turns into: permission refusals say so, with the errno and what was read. */
export function refusalOf(err: unknown, path: string): { ok: false; code: SectionRefusal; reason: string } {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM') {
    return {
      ok: false,
      code: 'no-permission',
      reason: `no permission (${code}): the OS refused to read ${path} (another user's process, hidepid or ptrace rules)`,
    };
  }
  if (code === 'ENOENT' || code === 'ESRCH') return { ok: false, code: 'gone', reason: `${path} is gone: the process ended (${code})` };
  return { ok: false, code: 'error', reason: `reading ${path} failed: ${(err as Error)?.message ?? String(err)}` };
}

/** Runs one section's reads; any exception becomes that section's refusal. */
function section<T>(path: string, read: () => T): Section<T> {
  try {
    return { ok: true, data: read() };
  } catch (err) {
    return refusalOf(err, (err as { path?: string })?.path ?? path);
  }
}

const readText = (path: string): string => fs.readFileSync(path, 'utf8');

function readStat(base: string): FullStat | null {
  try {
    return parseFullStat(readText(`${base}/stat`));
  } catch {
    return null;
  }
}

const statStartTime = (s: FullStat): number => startTimeMs(bootTimeSec(), s.field(STAT.starttime), clockTicksPerSec());

function idPair(ids: number[] | null, name: (id: number) => string): IdPair | null {
  if (!ids) return null;
  return {
    real: ids[0],
    effective: ids[1],
    saved: ids[2] ?? null,
    filesystem: ids[3] ?? null,
    realName: name(ids[0]),
    effectiveName: name(ids[1]),
  };
}

function readNamespaces(base: string, root: string): NamespaceDiff[] {
  const out: NamespaceDiff[] = [];
  for (const type of fs.readdirSync(`${base}/ns`).sort()) {
    const id = fs.readlinkSync(`${base}/ns/${type}`);
    let init: string;
    try {
      init = fs.readlinkSync(`${root}/1/ns/${type}`);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') continue; // a namespace type pid 1's kernel view lacks
      throw err;
    }
    if (id !== init) out.push({ type, id, init });
  }
  return out;
}

function overview(pid: number, base: string, root: string, stat: FullStat): InspectOverview {
  let status = '';
  try {
    status = readText(`${base}/status`);
  } catch {
    // status is world-readable; if even it fails, the ids are simply unknown
  }
  let argv: string[] = [];
  try {
    argv = parseArgv(readText(`${base}/cmdline`));
  } catch {
    // hidepid or gone: argv stays empty, the exe/cwd sections say why
  }
  let cgroup: string | null;
  try {
    cgroup = parseCgroup(readText(`${base}/cgroup`));
  } catch {
    cgroup = null; // gone, or hidden from this user
  }
  const num = (n: number): number | null => (Number.isFinite(stat.field(n)) ? stat.field(n) : null);
  return {
    pid,
    ppid: stat.field(STAT.ppid),
    name: stat.comm,
    exe: section(`${base}/exe`, () => fs.readlinkSync(`${base}/exe`)),
    cwd: section(`${base}/cwd`, () => fs.readlinkSync(`${base}/cwd`)),
    argv,
    startTime: statStartTime(stat),
    state: stat.state,
    nice: num(STAT.nice),
    priority: num(STAT.priority),
    scheduler: schedulerName(stat.field(STAT.policy)),
    threads: num(STAT.numThreads),
    uid: idPair(statusIds(status, 'Uid'), userNames),
    gid: idPair(statusIds(status, 'Gid'), groupNames),
    session: num(STAT.session),
    pgrp: num(STAT.pgrp),
    tty: ttyName(stat.field(STAT.ttyNr)),
    cpusAllowed: statusField(status, 'Cpus_allowed_list'),
    cgroup,
    container: detectContainer(cgroup),
    namespaces: section(`${base}/ns`, () => readNamespaces(base, root)),
  };
}

interface FdLink {
  fd: number;
  target: string;
}

function readFdLinks(base: string): FdLink[] {
  const names = fs.readdirSync(`${base}/fd`);
  const out: FdLink[] = [];
  for (const name of names) {
    const fd = Number(name);
    if (!Number.isInteger(fd)) continue;
    try {
      out.push({ fd, target: fs.readlinkSync(`${base}/fd/${name}`) });
    } catch {
      // closed between readdir and readlink
    }
  }
  return out.sort((a, b) => a.fd - b.fd);
}

function files(base: string, links: FdLink[]): FileEntry[] {
  return links.slice(0, MAX_FDS_LISTED).map(({ fd, target }) => {
    let type = fdTypeFromTarget(target);
    if (!type) {
      try {
        const st = fs.statSync(`${base}/fd/${fd}`);
        type = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : st.isCharacterDevice() || st.isBlockDevice() ? 'device' : st.isFIFO() ? 'pipe' : st.isSocket() ? 'socket' : 'other';
      } catch {
        type = 'other';
      }
    }
    let info: ReturnType<typeof parseFdinfo> = { pos: null, flags: null, flagNames: [], mode: null };
    try {
      info = parseFdinfo(readText(`${base}/fdinfo/${fd}`));
    } catch {
      // closed since, or fdinfo refused: the type and target still stand
    }
    return { fd, type, target, ...info };
  });
}

function network(base: string, links: FdLink[]): SocketEntry[] {
  const inodes = new Map<number, number>();
  for (const { fd, target } of links) {
    const m = /^socket:\[(\d+)\]$/.exec(target);
    if (m) inodes.set(Number(m[1]), fd);
  }
  if (inodes.size === 0) return [];
  // The process's own network namespace: /proc/PID/net, not /proc/net (which is the reader's).
  const byInode = socketsByInode((name) => {
    try {
      return readText(`${base}/net/${name}`);
    } catch {
      return null;
    }
  });
  const out: SocketEntry[] = [];
  for (const [inode, fd] of inodes) {
    const s = byInode.get(inode);
    if (s) out.push({ fd, ...s });
    else out.push({ fd, proto: 'other', local: '', remote: '', state: '', port: null, inode }); // netlink, packet …
  }
  return out.sort((a, b) => a.fd - b.fd);
}

function threads(base: string, memo: InspectMemo | null, nowMs: number, ticks: Map<number, number>): ThreadEntry[] {
  const clk = clockTicksPerSec();
  const out: ThreadEntry[] = [];
  for (const name of fs.readdirSync(`${base}/task`)) {
    const tid = Number(name);
    if (!Number.isInteger(tid)) continue;
    const st = readStat(`${base}/task/${name}`);
    if (!st) continue;
    const t = st.field(STAT.utime) + st.field(STAT.stime);
    ticks.set(tid, t);
    const before = memo?.threadTicks.get(tid);
    const elapsedSec = memo ? (nowMs - memo.atMs) / MS_PER_SECOND : 0;
    const cpu = before !== undefined && elapsedSec > 0 ? Math.max(0, ((t - before) / clk / elapsedSec) * 100) : null;
    out.push({ tid, name: st.comm, state: st.state, cpu, cpuTimeMs: Math.round((t * MS_PER_SECOND) / clk) });
  }
  return out.sort((a, b) => a.tid - b.tid);
}

function io(base: string, memo: InspectMemo | null, nowMs: number): IoStats {
  const v = parseIo(readText(`${base}/io`));
  const totals = { rchar: v.rchar ?? 0, wchar: v.wchar ?? 0, readBytes: v.read_bytes ?? 0, writeBytes: v.write_bytes ?? 0 };
  const elapsedSec = memo?.io ? (nowMs - memo.atMs) / MS_PER_SECOND : 0;
  const rate = (key: keyof typeof totals): number | null =>
    memo?.io && elapsedSec > 0 ? Math.max(0, (totals[key] - memo.io[key]) / elapsedSec) : null;
  return {
    ...totals,
    cancelledWriteBytes: v.cancelled_write_bytes ?? 0,
    syscr: v.syscr ?? 0,
    syscw: v.syscw ?? 0,
    rcharPerSec: rate('rchar'),
    wcharPerSec: rate('wchar'),
    readBytesPerSec: rate('readBytes'),
    writeBytesPerSec: rate('writeBytes'),
  };
}

export interface LinuxInspectOptions {
  startTime?: number;
  /** The previous inspection of the same process, for rates. Ignored when it is another identity. */
  memo?: InspectMemo | null;
  /** /proc, or a fake tree in tests. */
  procRoot?: string;
  now?: () => number;
}

/** Inspects one process. Returns the report and the memo to pass to the next inspection. */
export function inspectLinux(pid: number, opts: LinuxInspectOptions = {}): { result: InspectResult; memo: InspectMemo | null } {
  const root = opts.procRoot ?? '/proc';
  const base = `${root}/${pid}`;
  const now = opts.now ?? Date.now;
  const first = readStat(base);
  if (!first) return { result: { ok: false, code: 'exited', message: `No process ${pid}: it has exited (or is hidden from this user)` }, memo: null };
  const startTime = statStartTime(first);
  if (opts.startTime !== undefined && opts.startTime !== startTime) {
    return { result: { ok: false, code: 'mismatch', message: `Process ${pid} is not the one selected: its pid was reused by a newer process` }, memo: null };
  }
  const nowMs = now();
  const memo = opts.memo && opts.memo.pid === pid && opts.memo.startTime === startTime ? opts.memo : null;
  const ticks = new Map<number, number>();

  const fdLinks = section(`${base}/fd`, () => readFdLinks(base));
  const ioSection = section(`${base}/io`, () => io(base, memo, nowMs));
  const report: InspectReport = {
    pid,
    startTime,
    platform: 'linux',
    takenAt: nowMs,
    overview: { ok: true, data: overview(pid, base, root, first) },
    files: fdLinks.ok ? { ok: true, data: files(base, fdLinks.data) } : fdLinks,
    network: fdLinks.ok ? section(`${base}/net`, () => network(base, fdLinks.data)) : fdLinks,
    threads: section(`${base}/task`, () => threads(base, memo, nowMs, ticks)),
    io: ioSection,
    environment: section<EnvEntry[]>(`${base}/environ`, () => parseEnviron(readText(`${base}/environ`))),
    limits: section<LimitEntry[]>(`${base}/limits`, () => parseLimits(readText(`${base}/limits`))),
    memory: section<MemoryDetail>(`${base}/smaps_rollup`, () => parseSmapsRollup(readText(`${base}/smaps_rollup`))),
  };

  // Identity again, after the reads: a pid reused meanwhile would have mixed two processes.
  const last = readStat(base);
  if (!last) return { result: { ok: false, code: 'exited', message: `Process ${pid} exited while being inspected` }, memo: null };
  if (statStartTime(last) !== startTime) {
    return { result: { ok: false, code: 'mismatch', message: `Process ${pid} exited while being inspected and its pid was reused` }, memo: null };
  }
  const io0 = ioSection.ok ? { rchar: ioSection.data.rchar, wchar: ioSection.data.wchar, readBytes: ioSection.data.readBytes, writeBytes: ioSection.data.writeBytes } : null;
  return { result: { ok: true, report }, memo: { pid, startTime, atMs: nowMs, io: io0, threadTicks: ticks } };
}
