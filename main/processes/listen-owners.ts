// Which processes listen on which ports, kept up to date on every tick for the table's port
// badge and the filter's port: term. Reading every process's fds each tick would cost a readlink
// per open fd of every process (tens of ms at 1,000 processes), so the work is split:
//   - every tick: /proc/net/{tcp,tcp6,udp,udp6}, keeping only the listening rows (TCP LISTEN,
//     bound unconnected UDP) — a few small files;
//   - only when a listening inode appears that no live process is known to hold (a server just
//     started): one scan of every /proc/PID/fd, newest processes first, which resolves every
//     listening inode at once;
//   - every RESCAN_TICKS ticks, the fds of the processes born since the last scan only: a forked
//     worker inheriting a known socket is a new process (the old holders are still known). Only
//     a socket handed to an old process (SCM_RIGHTS), or closed by one of two holders, waits for
//     the full scan made every FULL_RESCAN_TICKS ticks.
// Reading /proc/net/tcp and tcp6 costs about 1 ms each even with no connection (the kernel walks its
// whole connection hash table, sized by the machine's memory), so they are re-read only when the
// numbers of sockets in use in /proc/net/sockstat{,6} (a few microseconds) changed since the last
// read, and at least every REREAD_TICKS ticks: a listener closed and another opened within one
// tick leaves the counts as they were and shows up to REREAD_TICKS ticks late.
// Inodes no scan could resolve (another user's processes, unreadable without root) are not
// chased again until the periodic rescan, so they cost nothing per tick.
import fs from 'node:fs';
import { KeptFile } from './proc-reader.js';

/** Scans of the processes born since the last scan, this many ticks apart (30 s at 1 Hz). */
export const RESCAN_TICKS = 30;
/** Full fd scans at most this many ticks apart while no unknown listener appears (5 min at 1 Hz). */
export const FULL_RESCAN_TICKS = 300;
/** /proc/net/{tcp,udp}[6] are read at least this many ticks apart while the socket counters stay the same. */
export const REREAD_TICKS = 15;

const TCP_LISTEN = '0A';
const UDP_UNCONNECTED = '07';

/** Listening sockets of one /proc/net/{tcp,udp}[6] text: inode → local port. Pure. */
export function parseListeningInodes(text: string, udp: boolean, into = new Map<number, number>()): Map<number, number> {
  let at = text.indexOf('\n') + 1; // skip the header
  while (at > 0 && at < text.length) {
    const end = text.indexOf('\n', at);
    const line = text.slice(at, end < 0 ? text.length : end);
    at = end < 0 ? -1 : end + 1;
    const f = line.trim().split(/\s+/);
    if (f.length < 10) continue;
    const state = f[3].toUpperCase();
    const port = parseInt(f[1].slice(f[1].indexOf(':') + 1), 16);
    const listening = udp ? state === UDP_UNCONNECTED && port !== 0 : state === TCP_LISTEN;
    const inode = Number(f[9]);
    if (listening && Number.isInteger(inode) && inode > 0) into.set(inode, port);
  }
  return into;
}

/** The "inuse" counts of a /proc/net/sockstat{,6} text, per protocol, as one string ("TCP 5 UDP 2 …"). Pure. */
export function socketsInUse(text: string): string {
  let out = '';
  for (const m of text.matchAll(/^(\w+): inuse (\d+)/gm)) out += `${m[1]} ${m[2]} `;
  return out;
}

export interface ListenCost {
  /** Processes whose fd directory was scanned this tick (0 on most ticks). */
  scannedProcs: number;
  /** Whether this tick scanned fds (all processes', or only those of processes born since the last scan). */
  scanned: boolean;
  /** Whether that scan was of every process. */
  full: boolean;
  /** Whether this tick read the socket tables (/proc/net/tcp…), not just the counters. */
  readNet: boolean;
}

interface Proc {
  pid: number;
  startTime: number;
}


export class ListeningPortTracker {
  /** Listening inode → identities holding it, as of the last scan. */
  private holders = new Map<number, Proc[]>();
  /** The pids in holders. */
  private holderPids = new Set<number>();
  /** Inodes the last scan could not attribute to any process we can read. */
  private unresolved = new Set<number>();
  private ticksSinceScan = Infinity;
  private ticksSinceFullScan = Infinity;
  /** pid → start time of every process listed at the last scan: the periodic scan skips them. */
  private scannedIds = new Map<number, number>();
  readonly lastCost: ListenCost = { scannedProcs: 0, scanned: false, full: false, readNet: false };
  /** The listening sockets as last read, the socket counters then, and ticks since. */
  private listening: Map<number, number> | null = null;
  private ticksSinceRead = 0;
  private readonly sockstat: KeptFile;
  private inUseThen = '';
  private readonly sockstat6: KeptFile;

  constructor(private readonly procRoot = '/proc') {
    this.sockstat = new KeptFile(`${procRoot}/net/sockstat`);
    this.sockstat6 = new KeptFile(`${procRoot}/net/sockstat6`);
  }

  /** Listening ports by pid for this listing. */
  update(procs: readonly Proc[]): Map<number, number[]> {
    this.lastCost.scannedProcs = 0;
    this.lastCost.scanned = false;
    this.lastCost.full = false;
    this.lastCost.readNet = false;
    const portOf = this.listeningNow();
    // pid → start time in this listing, of the holders' pids only (a few, where the listing is
    // thousands): a holder is alive when its pid is listed with its start time.
    // Built again after a scan, which may name other holders.
    let alive = this.holdersAlive(procs);
    const isAlive = (h: Proc) => alive.get(h.pid) === h.startTime;
    this.ticksSinceScan++;
    this.ticksSinceFullScan++;
    let full = this.ticksSinceFullScan >= FULL_RESCAN_TICKS;
    for (const inode of portOf.keys()) {
      if (full) break;
      if (this.unresolved.has(inode)) continue;
      const h = this.holders.get(inode);
      if (!h || !h.some(isAlive)) full = true;
    }
    if (portOf.size === 0) {
      // Nothing listens: nothing to attribute (and the next listener triggers a full scan).
      if (full) this.ticksSinceFullScan = 0;
      if (full || this.ticksSinceScan >= RESCAN_TICKS) this.remember(procs);
    } else if (full) this.scan(procs, portOf, true);
    else if (this.ticksSinceScan >= RESCAN_TICKS) {
      const born = procs.filter((p) => this.scannedIds.get(p.pid) !== p.startTime);
      this.scan(born, portOf, false);
      this.remember(procs);
    }

    if (this.lastCost.scanned) alive = this.holdersAlive(procs);
    const out = new Map<number, number[]>();
    for (const [inode, port] of portOf) {
      for (const h of this.holders.get(inode) ?? []) {
        if (!isAlive(h)) continue;
        const pid = h.pid;
        const list = out.get(pid);
        if (!list) out.set(pid, [port]);
        else if (!list.includes(port)) list.push(port);
      }
    }
    for (const list of out.values()) list.sort((a, b) => a - b);
    return out;
  }

  private holdersAlive(procs: readonly Proc[]): Map<number, number> {
    const alive = new Map<number, number>();
    if (this.holderPids.size > 0) for (const p of procs) if (this.holderPids.has(p.pid)) alive.set(p.pid, p.startTime);
    return alive;
  }

  /**
   * Whether the numbers of sockets in use changed since the last call (the files kept open).
   * Only the "inuse" counts: a new listener is one more socket, where the memory and TIME_WAIT
   * counts move with any traffic (the app's own WebSocket updates, every tick). Unreadable counts
   * as changed, so the tables are then read every tick. No sockstat6: a kernel without IPv6.
   */
  private countersChanged(): boolean {
    this.sockstat.changed();
    this.sockstat6.changed();
    const v4 = this.sockstat.text();
    if (v4 === null) return true;
    const inUse = socketsInUse(v4) + socketsInUse(this.sockstat6.text() ?? '');
    const changed = inUse !== this.inUseThen;
    this.inUseThen = inUse;
    return changed;
  }

  private listeningNow(): Map<number, number> {
    const changed = this.countersChanged();
    this.ticksSinceRead++;
    if (this.listening && !changed && this.ticksSinceRead < REREAD_TICKS) return this.listening;
    this.lastCost.readNet = true;
    this.listening = this.readListening();
    this.ticksSinceRead = 0;
    return this.listening;
  }

  /** Closes the kept counter files. */
  close(): void {
    this.sockstat.close();
    this.sockstat6.close();
  }

  private readListening(): Map<number, number> {
    const portOf = new Map<number, number>();
    for (const name of ['tcp', 'tcp6', 'udp', 'udp6']) {
      let text: string;
      try {
        text = fs.readFileSync(`${this.procRoot}/net/${name}`, 'utf8');
      } catch {
        continue; // no IPv6 in this kernel, or no /proc/net in a sandbox
      }
      parseListeningInodes(text, name.startsWith('udp'), portOf);
    }
    return portOf;
  }

  /** The processes of this listing count as scanned (their fds were read, or there was nothing to find). */
  private remember(procs: readonly Proc[]): void {
    this.ticksSinceScan = 0;
    const ids = new Map<number, number>();
    for (const p of procs) ids.set(p.pid, p.startTime);
    this.scannedIds = ids;
  }

  /**
   * One pass over the given processes' readable fd directories, newest process first (the
   * likeliest new listener). A full scan replaces what is known; a scan of new processes adds
   * their holdings to it (for inodes still listening).
   */
  private scan(procs: readonly Proc[], portOf: ReadonlyMap<number, number>, full: boolean): void {
    this.lastCost.scanned = true;
    this.lastCost.full = full;
    const holders = new Map<number, Proc[]>();
    if (!full) {
      for (const [inode, list] of this.holders) if (portOf.has(inode)) holders.set(inode, [...list]);
    }
    const order = [...procs].sort((a, b) => b.startTime - a.startTime);
    for (const p of order) {
      let fds: string[];
      try {
        fds = fs.readdirSync(`${this.procRoot}/${p.pid}/fd`);
      } catch {
        continue; // gone, a kernel thread's empty table, or not ours to read
      }
      this.lastCost.scannedProcs++;
      for (const fd of fds) {
        let target: string;
        try {
          target = fs.readlinkSync(`${this.procRoot}/${p.pid}/fd/${fd}`);
        } catch {
          continue;
        }
        if (!target.startsWith('socket:[')) continue;
        const inode = Number(target.slice(8, -1));
        if (!portOf.has(inode)) continue;
        const holder = { pid: p.pid, startTime: p.startTime };
        const list = holders.get(inode);
        if (list) list.push(holder);
        else holders.set(inode, [holder]);
      }
    }
    this.holders = holders;
    this.holderPids = new Set([...holders.values()].flatMap((list) => list.map((h) => h.pid)));
    this.unresolved = new Set([...portOf.keys()].filter((inode) => !holders.has(inode)));
    if (full) {
      this.ticksSinceFullScan = 0;
      this.remember(procs);
    }
  }
}
