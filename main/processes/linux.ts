// The Linux adapter: reads /proc directly, since spawning ps costs 5-10x more per snapshot.
// Per tick it reads only /proc/PID/stat, through a file kept open per process (a re-read of an
// open file costs half of open+read+close). The command line and user are read once per process
// identity (pid + start time) and cached, because they do not change without an exec.
import fs from 'node:fs';
import os from 'node:os';
import type { OptionalSampled, PlatformCapabilities, SystemMeters } from '../../shared/process.js';
import { shortCgroup } from './cgroup-short.js';
import { ioRates, parseIoChars, type IoSample } from './io-rate.js';
import { ListeningPortTracker } from './listen-owners.js';
import { createCpuMeter, parseProcStatCores } from './cpu-meter.js';
import { parseMeminfo } from './meminfo.js';
import { createUserNames } from './passwd.js';
import { bootTimeSec, clockTicksPerSec, getconf, pageSizeBytes, startTimeMs } from './proc-clock.js';
import { decodeCmdline, formatCommand } from './proc-command.js';
import { isGoneOrDenied, KeptFile, ProcReader } from './proc-reader.js';
import { parseProcStat, type ProcStat } from './proc-stat.js';
import { PidWatermark } from './pid-watermark.js';
import { parseOpenFilesLimit, parseProcCgroup, parseProcIo, parseProcStatus, parseStatFaults, type DetailsOptions, type ProcDetails } from './proc-details.js';
import type { ProcessAdapter, RawProc, SampleOptions } from './sampler.js';

const MS_PER_SECOND = 1000;
const CH_0 = 0x30;
const CH_9 = 0x39;

/** What is read once per identity and reused on every tick. */
interface KnownProcess {
  starttimeTicks: number;
  startTime: number;
  comm: string;
  /** The stack's start address at the last read (0 if hidden): a new one means an exec. */
  startStack: number;
  cmdline: string;
  /** The command as shown while not a zombie (formatCommand of the above). */
  command: string;
  /**
   * Ticks left to read the command line again because it came back empty from a live process:
   * read in the middle of an exec (after the new stack is set up, before the kernel records where
   * its arguments are) it is empty, and nothing later would say to read it again.
   */
  cmdlineRechecks: number;
  uid: number | null;
  user: string;
  /** /proc/PID/stat kept open (-1 if not): re-reading an open file skips open+close, half the cost. */
  statFd: number;
  /** /proc/PID/schedstat kept open (-1 if not), and its bytes as last read before a stat read (see schedSaysIdle). */
  schedFd: number;
  lastSched: Uint8Array | null;
  lastSchedLength: number;
  /** Read stat at the next tick whatever schedstat says (the app reniced it). */
  forceStat: boolean;
  /** Tick number when last seen; entries not seen in the latest tick are evicted. */
  seenTick: number;
  /**
   * The last stat line, as text and as bytes, and the row made from it: an idle process's line does
   * not change, and comparing bytes spares decoding a string per process per tick.
   */
  lastStat: string;
  lastStatBytes: Uint8Array | null;
  lastStatLength: number;
  lastRaw: RawProc | null;
  /** Soft limit on open files, read the first time the metrics export asks (undefined until then). */
  fdLimit?: number | null;
  /** The previous /proc/PID/io reading, while the I/O columns are shown (the rate needs two). */
  io?: IoSample;
  /** The short cgroup, read once per identity while CGROUP is shown (moving a process between cgroups is rare). */
  cgroup?: string | null;
}

// Re-exported: the kill guard computes start times with the same formula and clock facts.
export { getconf, parseBootTimeSec, startTimeMs } from './proc-clock.js';

const PROC = '/proc';
/** Most stat files kept open; beyond it (or if the fd limit is low) the rest are opened per tick. */
const MAX_KEPT_FDS = 4096;
/** Share of the fd limit we allow ourselves, leaving the rest to the app. */
const KEPT_FDS_SHARE_OF_LIMIT = 1 / 4;
const DEFAULT_OPEN_MAX = 1024;
/** Every process's stat is read at least this many ticks apart, whatever its schedstat says (see schedSaysIdle). */
export const STAT_EVERY_TICKS = 5;
/** An empty command line of a live process is read again on this many ticks (a process may also clear its own). */
const EMPTY_CMDLINE_RECHECKS = 3;

/** Whether an empty command line is worth reading again: not a kernel thread's, not a zombie's. */
const suspectEmpty = (cmdline: string, st: ProcStat) => cmdline === '' && !st.kernelThread && st.state !== 'Z';

/** The pids among /proc's entries, in readdir's order. */
function pidsOf(entries: readonly string[]): number[] {
  const pids: number[] = [];
  for (const entry of entries) {
    const c = entry.charCodeAt(0);
    if (c >= CH_0 && c <= CH_9) pids.push(Number(entry));
  }
  return pids;
}

export interface LinuxAdapter extends ProcessAdapter {
  /** The listing, synchronously: for callers that must not yield to the event loop (e.g. observing a zombie before it is reaped). */
  listProcessesSync(): RawProc[];
  /** The listing with the extras asked for (I/O rates, cgroup), synchronously. */
  listProcessesWith(opts: SampleOptions): RawProc[];
  /** Closes the kept files. The adapter stays usable (it reopens them). */
  close(): void;
  readDetails(procs: readonly Pick<RawProc, 'pid' | 'startTime' | 'kernelThread'>[], opts?: DetailsOptions): (ProcDetails | null)[];
}

export function createLinuxAdapter(): LinuxAdapter {
  const reader = new ProcReader();
  const clkTck = clockTicksPerSec();
  const pageBytes = pageSizeBytes();
  const bootSec = bootTimeSec();
  // Our own soft limit on open files from /proc/self/limits (a read, where getconf OPEN_MAX is a process to start).
  const openMax = parseOpenFilesLimit(reader.readText(`${PROC}/self/limits`, false) ?? '') ?? getconf('OPEN_MAX', DEFAULT_OPEN_MAX);
  const maxKeptFds = Math.min(MAX_KEPT_FDS, Math.floor(openMax * KEPT_FDS_SHARE_OF_LIMIT));
  const userName = createUserNames();
  // The per-core counters from /proc/stat kept open: os.cpus() also reads /proc/cpuinfo and each
  // core's cpufreq file on every call, for model and speed the meters never show.
  const procStat = new KeptFile(`${PROC}/stat`);
  const meminfo = new KeptFile(`${PROC}/meminfo`);
  const cpuMeter = createCpuMeter(() => {
    procStat.changed();
    // The cpu lines come first; the interrupt counts after them can be far longer, and are not decoded.
    const intr = procStat.indexOf('\nintr ');
    const text = procStat.text('latin1', intr < 0 ? Infinity : intr + 1);
    const cores = text === null ? null : parseProcStatCores(text, MS_PER_SECOND / clkTck);
    return cores && cores.length > 0 ? cores : os.cpus().map((c) => c.times);
  });
  const known = new Map<number, KnownProcess>();
  let keptFds = 0;
  let tick = 0;
  const ports = new ListeningPortTracker(PROC);
  // schedstat says "0 0 0" on a kernel built without scheduler statistics: then stat is read every tick.
  const schedUsable = /^[1-9]\d* /.test(reader.readText(`${PROC}/self/schedstat`, true) ?? '');
  /** The last readdir of /proc, reused while no pid has been handed out since (see pid-watermark.ts). */
  const pidMark = new PidWatermark(PROC);
  let lastPids: number[] | null = null;
  let sampledExtras: OptionalSampled[] = [];
  /** Whether the last tick read I/O (its per-process readings are dropped once it stops). */
  let ioWasOn = false;

  const capabilities: PlatformCapabilities = { platform: 'linux', zombies: true, signals: true, adapter: 'linux-proc', extras: ['io', 'cgroup'] };

  function readCmdline(pid: number): string {
    const raw = reader.readRaw(`${PROC}/${pid}/cmdline`);
    return raw ? decodeCmdline(raw) : '';
  }

  function readOwner(pid: number): { uid: number | null; user: string } {
    // /proc/PID is owned by the process's effective uid (root for non-dumpable processes, as ps also shows via status).
    try {
      const st = fs.statSync(`${PROC}/${pid}`);
      return { uid: st.uid, user: userName(st.uid) };
    } catch (e) {
      if (isGoneOrDenied(e)) return { uid: null, user: '' };
      throw e;
    }
  }

  function forget(pid: number, k: KnownProcess): void {
    if (k.statFd >= 0) {
      fs.closeSync(k.statFd);
      keptFds--;
    }
    if (k.schedFd >= 0) {
      fs.closeSync(k.schedFd);
      keptFds--;
    }
    known.delete(pid);
  }

  function identify(st: ProcStat, prev: KnownProcess | undefined): KnownProcess {
    let k = prev;
    if (!k || k.starttimeTicks !== st.starttimeTicks) {
      // New identity (or a reused pid): read what we cache.
      if (k) forget(st.pid, k);
      const cmdline = st.kernelThread ? '' : readCmdline(st.pid);
      k = {
        starttimeTicks: st.starttimeTicks,
        startTime: startTimeMs(bootSec, st.starttimeTicks, clkTck),
        comm: st.comm,
        startStack: st.startStack,
        cmdline,
        command: formatCommand(cmdline, st.comm, 'R', st.kernelThread),
        cmdlineRechecks: suspectEmpty(cmdline, st) ? EMPTY_CMDLINE_RECHECKS : 0,
        ...readOwner(st.pid),
        statFd: -1,
        schedFd: -1,
        lastSched: null,
        lastSchedLength: 0,
        forceStat: false,
        seenTick: tick,
        lastStat: '',
        lastStatBytes: null,
        lastStatLength: 0,
        lastRaw: null,
        fdLimit: undefined,
      };
      known.set(st.pid, k);
    } else if (k.comm !== st.comm || (st.startStack !== 0 && st.startStack !== k.startStack) || k.cmdlineRechecks > 0) {
      // An exec keeps pid and start time but loads another program (and maybe a setuid owner).
      // Same name (python3 execs python3 -c "…forkserver…"): the new stack's address tells.
      const exec = k.comm !== st.comm || (st.startStack !== 0 && st.startStack !== k.startStack);
      k.comm = st.comm;
      if (st.startStack !== 0) k.startStack = st.startStack;
      k.cmdline = st.kernelThread ? '' : readCmdline(st.pid);
      k.command = formatCommand(k.cmdline, st.comm, 'R', st.kernelThread);
      k.cmdlineRechecks = suspectEmpty(k.cmdline, st) ? (exec ? EMPTY_CMDLINE_RECHECKS : k.cmdlineRechecks - 1) : 0;
      Object.assign(k, readOwner(st.pid));
    }
    k.seenTick = tick;
    return k;
  }

  /** An fd readStat opened for a process not kept yet (-1 if none): the caller keeps or closes it. */
  let freshFd = -1;

  /** Reads one pid's stat line into the reader's buffer, through its kept fd when it has one: its length, or -1 if the process is gone. */
  function readStat(pid: number, k: KnownProcess | undefined): number {
    freshFd = -1;
    if (k && k.statFd >= 0) {
      const n = reader.readOpen(k.statFd);
      if (n >= 0) return n;
      // That process is gone; the pid in readdir may already be another's: read it by path.
      forget(pid, k);
    }
    const path = `${PROC}/${pid}/stat`;
    const fd = keptFds < maxKeptFds ? reader.open(path) : -1;
    if (fd < 0) return reader.readPath(path, true);
    const n = reader.readOpen(fd);
    if (n < 0) fs.closeSync(fd);
    else freshFd = fd;
    return n;
  }

  /** Keeps the fd readStat just opened as the process's stat fd, or closes it if it has one. */
  function keepFreshFd(k: KnownProcess): void {
    if (freshFd < 0) return;
    if (k.statFd < 0) {
      k.statFd = freshFd;
      keptFds++;
    } else fs.closeSync(freshFd);
  }

  /** The row of one stat reading, with what is cached for its identity. */
  function rawOf(st: ProcStat, k: Pick<KnownProcess, 'startTime' | 'cmdline' | 'command' | 'user' | 'uid'>): RawProc {
    return {
      pid: st.pid,
      ppid: st.ppid,
      startTime: k.startTime,
      name: st.comm,
      // A zombie's command is the only one that changes without an exec.
      command: st.state === 'Z' ? formatCommand(k.cmdline, st.comm, st.state, st.kernelThread) : k.command,
      user: k.user,
      uid: k.uid,
      state: st.state,
      cpuTimeMs: ((st.utimeTicks + st.stimeTicks) * MS_PER_SECOND) / clkTck,
      memRss: st.rssPages * pageBytes,
      memVsz: st.vsizeBytes,
      threads: st.numThreads,
      kernelThread: st.kernelThread,
      nice: st.nice,
      priority: st.priority,
      // Filled (or cleared) each tick by addExtras; listed here so every row has one shape.
      ioReadPerSec: undefined,
      ioWritePerSec: undefined,
      ioDenied: undefined,
      cgroup: undefined,
      ports: undefined,
    };
  }

  /**
   * One process, read now by pid (a kill or a renice looks up its target this way instead of
   * listing every process): its stat file, and its command line and owner unless the listing
   * already cached them for this identity. Leaves the listing's cache and kept files as they are.
   * Null when there is no such process. A thread id is not one: /proc/TID exists although
   * readdir never lists it, so a task whose thread group is another (Tgid) is not shown, as in the listing.
   */
  function readProcessSync(pid: number): RawProc | null {
    if (!Number.isSafeInteger(pid) || pid <= 0) return null;
    const text = reader.readText(`${PROC}/${pid}/stat`, true);
    const st = text === null ? null : parseProcStat(text);
    if (!st || st.pid !== pid) return null;
    const status = reader.readText(`${PROC}/${pid}/status`, true);
    const tgid = status === null ? null : /^Tgid:\s*(\d+)$/m.exec(status);
    if (!tgid || Number(tgid[1]) !== pid) return null;
    const cached = known.get(pid);
    if (cached && cached.starttimeTicks === st.starttimeTicks && cached.comm === st.comm) return rawOf(st, cached);
    const cmdline = st.kernelThread ? '' : readCmdline(pid);
    return rawOf(st, {
      startTime: startTimeMs(bootSec, st.starttimeTicks, clkTck),
      cmdline,
      command: formatCommand(cmdline, st.comm, 'R', st.kernelThread),
      ...readOwner(pid),
    });
  }

  /**
   * Whether this process cannot have changed since its row was made, from its schedstat alone
   * (half the kernel's work of a stat read; see docs/sampling.md). Its three counters (time run,
   * time waited, times scheduled) move whenever the task runs, and nothing in a single-threaded
   * process's stat changes while it does not run, except what others do to it: a re-parenting
   * (its parent ended: handled after the listing), a renice (the app's own says so through
   * invalidate(); another program's shows at the next full read), memory reclaimed by the kernel
   * (idem), a SIGCONT to a stopped process (runnable before it runs: stopped ones are always read
   * from stat). So every STAT_EVERY_TICKS ticks, staggered by pid, stat is read whatever schedstat
   * says. The kept schedstat bytes are always from before the kept stat line: a change between
   * the two reads shows at the next tick. Threads > 1: schedstat is the main thread's only, so stat.
   */
  function schedSaysIdle(pid: number, k: KnownProcess, raw: RawProc): boolean {
    // Stopped (T, t): SIGCONT makes it runnable (R) before it runs. Zombie: its parent may be re-parented.
    if (!schedUsable || k.forceStat || k.cmdlineRechecks > 0 || raw.threads !== 1 || raw.state === 'Z' || raw.state === 'T' || raw.state === 't') return false;
    // The full read; the kept schedstat stays (older than the stat line read now, which is all it must be).
    if (k.lastSched !== null && (pid + tick) % STAT_EVERY_TICKS === 0) return false;
    if (k.schedFd < 0) {
      if (keptFds >= maxKeptFds) return false;
      k.schedFd = reader.open(`${PROC}/${pid}/schedstat`);
      if (k.schedFd < 0) return false;
      keptFds++;
    }
    const m = reader.readOpen(k.schedFd);
    if (m < 0) return false; // gone (or another process on a reused pid): the stat read tells
    if (reader.sameBytes(m, k.lastSched, k.lastSchedLength)) return true;
    k.lastSched = reader.keep(m, k.lastSched);
    k.lastSchedLength = m;
    return false;
  }

  /** The row of one pid from its stat line (null when gone); `ended` gets it if it ended since the last listing (gone, a zombie now, or its pid reused). */
  function sampleStat(pid: number, ended: number[]): RawProc | null {
    const before = known.get(pid);
    const n = readStat(pid, before);
    if (n < 0) {
      if (before) ended.push(pid); // it was listed before and is gone now
      return null; // vanished since readdir
    }
    // Read again: readStat forgets a process whose kept file says it is gone.
    const prev = known.get(pid);
    if (prev) prev.forceStat = false;
    if (prev && prev.lastRaw && prev.cmdlineRechecks === 0 && reader.sameBytes(n, prev.lastStatBytes, prev.lastStatLength)) {
      // Most processes are idle most ticks: the same line (it holds the start time, so the same
      // process) gives the same row, without parsing it again or allocating a new one.
      keepFreshFd(prev);
      prev.seenTick = tick;
      return prev.lastRaw;
    }
    const text = reader.text(n);
    const st = parseProcStat(text);
    if (!st) {
      if (freshFd >= 0) fs.closeSync(freshFd);
      return null;
    }
    // A zombie now, or another process on a pid whose holder ended: its children were re-parented.
    if ((st.state === 'Z' && prev?.lastRaw?.state !== 'Z') || (prev && prev.starttimeTicks !== st.starttimeTicks)) ended.push(pid);
    // Copied now: identify() may read the command line through the same buffer. A new identity
    // on this pid takes over the old one's array.
    const bytes = reader.keep(n, prev?.lastStatBytes ?? null);
    let k: KnownProcess;
    try {
      k = identify(st, known.get(st.pid));
    } catch (err) {
      // Not "gone" (that is handled inside): an I/O failure such as EMFILE. Keep no fd behind.
      if (freshFd >= 0) fs.closeSync(freshFd);
      throw err;
    }
    keepFreshFd(k);
    const raw = rawOf(st, k);
    k.lastStat = text;
    k.lastStatBytes = bytes;
    k.lastStatLength = n;
    k.lastRaw = raw;
    return raw;
  }

  function listProcessesSync(): RawProc[] {
    tick++;
    const out: RawProc[] = [];
    /** Where in `out` a row was kept on schedstat's word, and the pids that ended (gone, or zombies now). */
    const keptAt: number[] = [];
    const ended: number[] = [];
    // Read before the directory: a process born between the two moves the mark, so the next tick reads again.
    const noNewPid = pidMark.unchanged();
    if (!noNewPid || !lastPids) lastPids = pidsOf(fs.readdirSync(PROC));
    for (const pid of lastPids) {
      const k = known.get(pid);
      if (k !== undefined && k.lastRaw !== null && schedSaysIdle(pid, k, k.lastRaw)) {
        k.seenTick = tick;
        keptAt.push(out.length);
        out.push(k.lastRaw);
        continue;
      }
      const raw = sampleStat(pid, ended);
      if (raw) out.push(raw);
    }
    for (const [pid, k] of known) {
      if (k.seenTick === tick) continue;
      forget(pid, k);
      ended.push(pid);
    }
    // A process whose parent ended this tick was re-parented without running: read its stat now.
    if (ended.length > 0 && keptAt.length > 0) {
      const endedSet = new Set(ended);
      let goneSince = false;
      for (const at of keptAt) {
        if (!endedSet.has(out[at].ppid)) continue;
        const fresh = sampleStat(out[at].pid, ended);
        if (fresh) out[at] = fresh;
        else goneSince = true;
      }
      if (goneSince) return out.filter((raw) => known.get(raw.pid)?.lastRaw === raw);
    }
    return out;
  }

  /**
   * The per-tick extras on the listed rows (which may be the cached rows of idle processes, so
   * every field is set or cleared each tick): listening ports always (cheap, see listen-owners.ts);
   * I/O rates and the cgroup only when asked, since they cost a read per process.
   */
  function addExtras(rows: RawProc[], opts: SampleOptions): void {
    const io = opts.extras?.has('io') ?? false;
    const cgroup = opts.extras?.has('cgroup') ?? false;
    const portsByPid = opts.ports === false ? null : ports.update(rows);
    const now = performance.now(); // for I/O rates: a wall clock set back must not make a negative interval
    // Neither column shown, now or last tick (whose I/O readings must be dropped): no per-process lookup.
    const perProcess = io || cgroup || ioWasOn;
    ioWasOn = io;
    for (const raw of rows) {
      raw.ports = portsByPid?.get(raw.pid);
      if (!perProcess) {
        raw.ioReadPerSec = raw.ioWritePerSec = raw.ioDenied = raw.cgroup = undefined;
        continue;
      }
      const k = known.get(raw.pid);
      if (io && k) readIo(raw, k, now);
      else {
        raw.ioReadPerSec = raw.ioWritePerSec = raw.ioDenied = undefined;
        if (k) k.io = undefined;
      }
      if (cgroup && k) {
        if (k.cgroup === undefined) {
          const text = reader.readText(`${PROC}/${raw.pid}/cgroup`, false);
          k.cgroup = text === null ? null : shortCgroup(text);
        }
        raw.cgroup = k.cgroup ?? undefined;
      } else raw.cgroup = undefined;
    }
    sampledExtras = [...(io ? (['io'] as const) : []), ...(cgroup ? (['cgroup'] as const) : [])];
  }

  function readIo(raw: RawProc, k: KnownProcess, now: number): void {
    const text = reader.readText(`${PROC}/${raw.pid}/io`, true);
    const chars = text === null ? null : parseIoChars(text);
    if (!chars) {
      // Refused (another user's process, without root) is said as such; gone is just nothing.
      const denied = text === null && (reader.lastFailure === 'EACCES' || reader.lastFailure === 'EPERM');
      raw.ioDenied = denied || undefined;
      raw.ioReadPerSec = raw.ioWritePerSec = undefined;
      k.io = undefined;
      return;
    }
    const cur: IoSample = { rchar: chars.rchar, wchar: chars.wchar, atMs: now };
    const rates = ioRates(k.io, cur);
    k.io = cur;
    raw.ioDenied = undefined;
    raw.ioReadPerSec = rates?.readPerSec;
    raw.ioWritePerSec = rates?.writePerSec;
  }

  function listProcessesWith(opts: SampleOptions): RawProc[] {
    const rows = listProcessesSync();
    addExtras(rows, opts);
    return rows;
  }

  /** Open fds: Linux 6.2+ gives the count as the size of /proc/PID/fd (no listing); older kernels say 0, so list. */
  function countFds(pid: number): number | null {
    const dir = `${PROC}/${pid}/fd`;
    try {
      const size = fs.statSync(dir).size;
      return size > 0 ? size : fs.readdirSync(dir).length;
    } catch (e) {
      if (isGoneOrDenied(e)) return null;
      throw e;
    }
  }

  /** RLIMIT_NOFILE's soft value, read once per identity (a prlimit later is not seen: rare, and it saves a read per process per scrape). */
  function fdLimit(k: KnownProcess, pid: number): number | null {
    if (k.fdLimit === undefined) {
      const text = reader.readText(`${PROC}/${pid}/limits`, false);
      k.fdLimit = text === null ? null : parseOpenFilesLimit(text);
    }
    return k.fdLimit;
  }

  /**
   * The metrics export's figures. The user/system split and page faults come from the stat line
   * the listing already read (no new read); io, status, the fd count and cgroup are read now (io
   * and fds need the right to inspect the process: root, or the same user; else they stay null).
   * Kernel threads get null: no metrics group counts them.
   */
  function readDetails(procs: readonly Pick<RawProc, 'pid' | 'startTime' | 'kernelThread'>[], opts: DetailsOptions = {}): (ProcDetails | null)[] {
    const out = new Array<ProcDetails | null>(procs.length);
    for (let i = 0; i < procs.length; i++) {
      const p = procs[i];
      const k = known.get(p.pid);
      const st = k && !p.kernelThread && k.startTime === p.startTime ? parseProcStat(k.lastStat) : null;
      if (!st) {
        out[i] = null;
        continue;
      }
      const io = reader.readText(`${PROC}/${p.pid}/io`, true);
      const ioFields = io ? parseProcIo(io) : null;
      const statusText = reader.readText(`${PROC}/${p.pid}/status`, false);
      const status = statusText === null ? null : parseProcStatus(statusText);
      const faults = parseStatFaults(k!.lastStat);
      const cgroupText = opts.cgroup ? reader.readText(`${PROC}/${p.pid}/cgroup`, false) : null;
      out[i] = {
        userSec: st.utimeTicks / clkTck,
        systemSec: st.stimeTicks / clkTck,
        readBytes: ioFields?.readBytes ?? null,
        writeBytes: ioFields?.writeBytes ?? null,
        openFds: countFds(p.pid),
        fdLimit: fdLimit(k!, p.pid),
        minorFaults: faults?.minorFaults ?? null,
        majorFaults: faults?.majorFaults ?? null,
        ctxVoluntary: status?.ctxVoluntary ?? null,
        ctxNonvoluntary: status?.ctxNonvoluntary ?? null,
        swapBytes: status?.swapBytes ?? null,
        cgroup: cgroupText === null ? null : parseProcCgroup(cgroupText),
      };
    }
    return out;
  }

  function close(): void {
    for (const [pid, k] of known) forget(pid, k);
    pidMark.close();
    ports.close();
    procStat.close();
    meminfo.close();
    lastPids = null;
  }

  function readMetersSync(): SystemMeters {
    meminfo.changed();
    const mem = parseMeminfo(meminfo.text() ?? '');
    const { cpuPerCore, cpuTotal } = cpuMeter();
    const [l1, l5, l15] = os.loadavg();
    return {
      cpuPerCore,
      cpuTotal,
      memTotal: mem.memTotalBytes,
      memUsed: mem.memUsedBytes,
      swapTotal: mem.swapTotalBytes,
      swapUsed: mem.swapUsedBytes,
      load: [l1, l5, l15],
      uptimeSec: os.uptime(),
    };
  }

  return {
    name: 'linux-proc',
    capabilities,
    listProcessesSync,
    listProcessesWith,
    close,
    readDetails,
    invalidate: (pid) => {
      const k = known.get(pid);
      if (k) k.forceStat = true;
    },
    listProcesses: async (opts = {}) => listProcessesWith(opts),
    readProcess: async (pid) => readProcessSync(pid),
    lastSampled: () => ({ extras: sampledExtras }),
    readMeters: async () => readMetersSync(),
  };
}
