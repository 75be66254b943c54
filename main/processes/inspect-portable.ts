// The inspector for macOS and Windows (and Linux when forced, so tests exercise it): what `ps` and
// `lsof` give, and "not available on this OS" for every section they cannot fill — never an
// empty tab that looks like "nothing there".
import { execFile } from 'node:child_process';
import type { FileEntry, InspectOverview, InspectReport, Section, SocketEntry } from '../../shared/inspect.js';
import type { ProcInfo } from '../../shared/process.js';

const TOOL_TIMEOUT_MS = 10_000;
const TOOL_MAX_BUFFER_BYTES = 16 * 1024 * 1024;
const MAX_FDS_LISTED = 4096;

function run(cmd: string, args: string[]): Promise<{ ok: true; stdout: string } | { ok: false; error: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { encoding: 'utf8', timeout: TOOL_TIMEOUT_MS, maxBuffer: TOOL_MAX_BUFFER_BYTES, env: { ...process.env, LC_ALL: 'C' } }, (err, stdout, stderr) => {
      // lsof exits 1 when some of what it was asked for could not be read, and still prints the rest.
      if (err && !stdout) resolve({ ok: false, error: (stderr || err.message).trim().split('\n')[0] ?? err.message });
      else resolve({ ok: true, stdout });
    });
  });
}

const unavailable = (what: string, platform: string): Section<never> => ({
  ok: false,
  code: 'unavailable',
  reason: `not available on this OS (${platform}): ${what}`,
});

/** One lsof record per fd from `lsof -F fatnT` output (fields: f fd, a access, t type, n name, T TCP info). */
export function parseLsof(stdout: string): { files: FileEntry[]; sockets: SocketEntry[] } {
  const files: FileEntry[] = [];
  const sockets: SocketEntry[] = [];
  let cur: Record<string, string> | null = null;
  const flush = () => {
    if (!cur || !/^\d+$/.test(cur.f ?? '')) return; // cwd, txt, mem … are not fds
    const fd = Number(cur.f);
    const type = cur.t ?? '';
    const name = cur.n ?? '';
    const mode = cur.a === 'u' ? 'rw' : cur.a === 'r' ? 'r' : cur.a === 'w' ? 'w' : null;
    if (type === 'IPv4' || type === 'IPv6') {
      const proto = `${(cur.P ?? 'tcp').toLowerCase()}${type === 'IPv6' ? '6' : ''}`;
      const [local, remote = ''] = name.split('->');
      const port = Number(/:(\d+)$/.exec(local)?.[1] ?? NaN);
      sockets.push({ fd, proto, local, remote, state: cur.TST ?? (proto.startsWith('udp') ? 'UNCONN' : ''), port: Number.isFinite(port) ? port : null, inode: 0 });
    } else if (type === 'unix') {
      sockets.push({ fd, proto: 'unix', local: name, remote: '', state: '', port: null, inode: 0 });
    }
    const ftype: FileEntry['type'] =
      type === 'REG' ? 'file' : type === 'DIR' ? 'dir' : type === 'FIFO' || type === 'PIPE' ? 'pipe'
        : type === 'IPv4' || type === 'IPv6' || type === 'unix' || type === 'sock' ? 'socket' : type === 'CHR' || type === 'BLK' ? 'device' : 'other';
    files.push({ fd, type: ftype, target: name, pos: null, flags: null, flagNames: [], mode });
  };
  for (const line of stdout.split('\n')) {
    if (!line) continue;
    const key = line[0];
    const value = line.slice(1);
    if (key === 'p') {
      flush();
      cur = null;
    } else if (key === 'f') {
      flush();
      cur = { f: value };
    } else if (cur) {
      if (key === 'T') {
        const [k, v] = value.split('=');
        if (k === 'ST') cur.TST = v;
      } else cur[key] = value;
    }
  }
  flush();
  return { files: files.slice(0, MAX_FDS_LISTED), sockets };
}

/** Inspects one process listed by the portable sampler. */
export async function inspectPortable(proc: ProcInfo, platform: NodeJS.Platform = process.platform): Promise<InspectReport> {
  const windows = platform === 'win32';
  let nice: number | null = null;
  let priority: number | null = null;
  let tty: string | null = null;
  let pgrp: number | null = null;
  if (!windows) {
    const ps = await run('ps', ['-o', 'nice=,pri=,pgid=,tty=', '-p', String(proc.pid)]);
    const m = ps.ok ? /^\s*(-?\d+)\s+(-?\d+)\s+(\d+)\s+(\S+)/.exec(ps.stdout) : null;
    if (m) {
      nice = Number(m[1]);
      priority = Number(m[2]);
      pgrp = Number(m[3]);
      tty = m[4] === '?' || m[4] === '??' ? null : m[4];
    }
  }
  const overview: InspectOverview = {
    pid: proc.pid,
    ppid: proc.ppid,
    name: proc.name,
    exe: unavailable('the executable path', platform),
    cwd: unavailable('the working directory', platform),
    // The OS gives the command line as one string here, not as a list.
    argv: [proc.command],
    startTime: proc.startTime,
    state: proc.state,
    nice,
    priority,
    scheduler: null,
    threads: proc.threads,
    uid: proc.uid === null ? null : { real: proc.uid, effective: proc.uid, saved: null, filesystem: null, realName: proc.user, effectiveName: proc.user },
    gid: null,
    session: null,
    pgrp,
    tty,
    cpusAllowed: null,
    cgroup: null,
    container: null,
    namespaces: unavailable('namespaces are Linux only', platform),
  };

  let files: Section<FileEntry[]> = unavailable('open files need lsof', platform);
  let network: Section<SocketEntry[]> = unavailable('sockets need lsof', platform);
  if (!windows) {
    const lsof = await run('lsof', ['-n', '-P', '-a', '-p', String(proc.pid), '-F', 'fatnPT']);
    if (lsof.ok) {
      const parsed = parseLsof(lsof.stdout);
      files = { ok: true, data: parsed.files };
      network = { ok: true, data: parsed.sockets };
    } else {
      const denied = /permission denied/i.test(lsof.error);
      files = { ok: false, code: denied ? 'no-permission' : 'error', reason: `lsof: ${lsof.error}` };
      network = files;
    }
  }
  return {
    pid: proc.pid,
    startTime: proc.startTime,
    platform,
    takenAt: Date.now(),
    overview: { ok: true, data: overview },
    files,
    network,
    threads: unavailable('per-thread listing', platform),
    io: unavailable('per-process I/O counters', platform),
    environment: unavailable("another process's environment", platform),
    limits: unavailable('resource limits of another process', platform),
    memory: unavailable('memory detail (PSS, shared, private, swap)', platform),
  };
}
