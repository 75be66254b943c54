// Pure parsers for the /proc files the inspector reads for one process (see proc(5)): status ids,
// fdinfo, io, limits, smaps_rollup, environ and cgroup (the stat line is proc-stat.ts's).
// Unit-tested on text.
import type { ContainerInfo, EnvEntry, FileEntry, LimitEntry, MemoryDetail } from '../../shared/inspect.js';
import { isSecretName } from '../../shared/inspect.js';

const POLICIES = ['SCHED_OTHER', 'SCHED_FIFO', 'SCHED_RR', 'SCHED_BATCH', 'SCHED_ISO', 'SCHED_IDLE', 'SCHED_DEADLINE'];

export const schedulerName = (policy: number): string | null =>
  Number.isInteger(policy) ? POLICIES[policy] ?? `policy ${policy}` : null;

/** The controlling terminal from stat's tty_nr (major in bits 8-15, minor in 0-7 and 20-31), or null for none. */
export function ttyName(ttyNr: number): string | null {
  if (!ttyNr) return null;
  const major = (ttyNr >> 8) & 0xfff;
  const minor = (ttyNr & 0xff) | ((ttyNr >> 12) & 0xfff00);
  if (major >= 136 && major <= 143) return `pts/${(major - 136) * 256 + minor}`;
  if (major === 4) return minor < 64 ? `tty${minor}` : `ttyS${minor - 64}`;
  if (major === 5 && minor === 0) return 'tty';
  if (major === 5 && minor === 1) return 'console';
  return `${major}:${minor}`;
}

/** A "Name:\tvalue" line of /proc/PID/status. */
export function statusField(status: string, name: string): string | null {
  const m = new RegExp(`^${name}:\\s*(.*)$`, 'm').exec(status);
  return m ? m[1].trim() : null;
}

/** The four ids of a Uid: or Gid: line (real, effective, saved, filesystem). */
export function statusIds(status: string, name: 'Uid' | 'Gid'): number[] | null {
  const v = statusField(status, name);
  if (!v) return null;
  const ids = v.split(/\s+/).map(Number);
  return ids.length >= 2 && ids.every(Number.isInteger) ? ids : null;
}

// Open flags from include/uapi/asm-generic/fcntl.h (octal), as fdinfo prints them.
const O_ACCMODE = 0o3;
const FLAG_NAMES: [number, string][] = [
  [0o100, 'O_CREAT'], [0o200, 'O_EXCL'], [0o400, 'O_NOCTTY'], [0o1000, 'O_TRUNC'], [0o2000, 'O_APPEND'],
  [0o4000, 'O_NONBLOCK'], [0o10000, 'O_DSYNC'], [0o40000, 'O_DIRECT'], [0o100000, 'O_LARGEFILE'],
  [0o200000, 'O_DIRECTORY'], [0o400000, 'O_NOFOLLOW'], [0o1000000, 'O_NOATIME'], [0o2000000, 'O_CLOEXEC'],
  [0o10000000, 'O_PATH'],
];

/** Position and flags from /proc/PID/fdinfo/N text. */
export function parseFdinfo(text: string): Pick<FileEntry, 'pos' | 'flags' | 'flagNames' | 'mode'> {
  const pos = /^pos:\s*(\d+)/m.exec(text);
  const flags = /^flags:\s*([0-7]+)/m.exec(text);
  if (!flags) return { pos: pos ? Number(pos[1]) : null, flags: null, flagNames: [], mode: null };
  const n = parseInt(flags[1], 8);
  const access = n & O_ACCMODE;
  const names = [access === 0 ? 'O_RDONLY' : access === 1 ? 'O_WRONLY' : 'O_RDWR'];
  for (const [bit, name] of FLAG_NAMES) if (n & bit) names.push(name);
  return { pos: pos ? Number(pos[1]) : null, flags: flags[1], flagNames: names, mode: access === 0 ? 'r' : access === 1 ? 'w' : 'rw' };
}

/** The fd type from its link target ("socket:[123]", "pipe:[4]", "anon_inode:[eventfd]") or, for paths, from stat. */
export function fdTypeFromTarget(target: string): FileEntry['type'] | null {
  if (target.startsWith('socket:[')) return 'socket';
  if (target.startsWith('pipe:[')) return 'pipe';
  if (target.startsWith('anon_inode:')) return 'anon inode';
  return null;
}

/** /proc/PID/io as numbers by key (rchar, wchar, syscr, syscw, read_bytes, write_bytes, cancelled_write_bytes). */
export function parseIo(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^(\w+):\s*(\d+)/gm)) out[m[1]] = Number(m[2]);
  return out;
}

/** /proc/PID/limits: fixed-width columns, placed by the header line. */
export function parseLimits(text: string): LimitEntry[] {
  const lines = text.split('\n').filter((l) => l.trim());
  const header = lines.shift();
  if (!header) return [];
  const soft = header.indexOf('Soft Limit');
  const hard = header.indexOf('Hard Limit');
  const units = header.indexOf('Units');
  if (soft < 0 || hard < 0 || units < 0) return [];
  return lines.map((l) => ({
    name: l.slice(0, soft).trim(),
    soft: l.slice(soft, hard).trim(),
    hard: l.slice(hard, units).trim(),
    units: l.slice(units).trim(),
  }));
}

/** smaps_rollup totals in bytes (the file gives kB). */
export function parseSmapsRollup(text: string): MemoryDetail {
  const kb = (key: string): number => {
    const m = new RegExp(`^${key}:\\s*(\\d+) kB`, 'm').exec(text);
    return m ? Number(m[1]) * 1024 : 0;
  };
  return {
    rss: kb('Rss'),
    pss: kb('Pss'),
    shared: kb('Shared_Clean') + kb('Shared_Dirty'),
    private: kb('Private_Clean') + kb('Private_Dirty'),
    swap: kb('Swap'),
  };
}

/** NUL-separated NAME=value pairs, sorted by name, secrets flagged. */
export function parseEnviron(raw: string): EnvEntry[] {
  const out: EnvEntry[] = [];
  for (const item of raw.split('\0')) {
    if (!item) continue;
    const eq = item.indexOf('=');
    const name = eq < 0 ? item : item.slice(0, eq);
    out.push({ name, value: eq < 0 ? '' : item.slice(eq + 1), secret: isSecretName(name) });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The cgroup path: the v2 line ("0::/path"), else the v1 lines joined. */
export function parseCgroup(text: string): string | null {
  const lines = text.split('\n').filter(Boolean);
  const v2 = lines.find((l) => l.startsWith('0::'));
  if (v2) return v2.slice(3);
  return lines.length ? lines.map((l) => l.split(':').slice(1).join(':')).join('; ') : null;
}

/** Which container runtime (or systemd unit) a cgroup path shows, or null. */
export function detectContainer(cgroup: string | null): ContainerInfo | null {
  if (!cgroup) return null;
  const id = '([0-9a-f]{12,64})';
  const rules: [RegExp, string][] = [
    [new RegExp(`docker[-/]${id}`), 'docker'],
    [new RegExp(`libpod-(?:conmon-)?${id}`), 'podman'],
    [new RegExp(`cri-containerd-${id}`), 'containerd'],
    [new RegExp(`crio-${id}`), 'cri-o'],
    [new RegExp(`kubepods.*?${id}`), 'kubernetes'],
  ];
  for (const [re, runtime] of rules) {
    const m = re.exec(cgroup);
    if (m) return { runtime, id: m[1] };
  }
  const lxc = /lxc(?:\.payload)?[./]([^/]+)/.exec(cgroup);
  if (lxc) return { runtime: 'lxc', id: lxc[1] };
  const unit = /([^/]+\.(?:service|scope))(?:\/[^/]*)?$/.exec(cgroup);
  if (unit) return { runtime: 'systemd', id: unit[1] };
  return null;
}

/** A NUL-separated argv (the last NUL is a terminator, not an empty argument). */
export function parseArgv(raw: string): string[] {
  if (!raw) return [];
  const parts = raw.split('\0');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}
