// The text form of `procplay inspect`: one block per section, named as in the JSON and the UI tabs;
// a refused section prints its reason instead of values. Pure.
import { formatBytes as bytes } from '../../shared/format.js';
import type { InspectReport, Section } from '../../shared/inspect.js';

const rate = (n: number | null): string => (n === null ? '—' : `${bytes(n)}/s`);

function block<T>(title: string, s: Section<T>, body: (data: T) => string[]): string[] {
  if (!s.ok) return [`${title}: ${s.reason}`];
  return [`${title}:`, ...body(s.data).map((l) => `  ${l}`)];
}

const table = (rows: string[][]): string[] => {
  if (rows.length === 0) return [];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join('  ').trimEnd());
};

export function formatInspect(r: InspectReport, opts: { showSecrets?: boolean } = {}): string {
  const out: string[] = [];
  out.push(...block('overview', r.overview, (o) => {
    const ids = (p: typeof o.uid) => (p ? `${p.realName}(${p.real}) effective ${p.effectiveName}(${p.effective})` : '—');
    return [
      `pid ${o.pid}  ppid ${o.ppid}  name ${o.name}  state ${o.state}`,
      `exe        ${o.exe.ok ? o.exe.data : o.exe.reason}`,
      `cwd        ${o.cwd.ok ? o.cwd.data : o.cwd.reason}`,
      `argv       ${JSON.stringify(o.argv)}`,
      `started    ${new Date(o.startTime).toISOString()}`,
      `nice ${o.nice ?? '—'}  priority ${o.priority ?? '—'}  scheduler ${o.scheduler ?? '—'}  threads ${o.threads ?? '—'}`,
      `uid        ${ids(o.uid)}`,
      `gid        ${ids(o.gid)}`,
      `session ${o.session ?? '—'}  pgrp ${o.pgrp ?? '—'}  tty ${o.tty ?? 'none'}  cpus ${o.cpusAllowed ?? '—'}`,
      `cgroup     ${o.cgroup ?? '—'}${o.container ? `  (${o.container.runtime} ${o.container.id})` : ''}`,
      `namespaces ${o.namespaces.ok ? (o.namespaces.data.length ? o.namespaces.data.map((n) => `${n.type} ${n.id}`).join(', ') : "same as pid 1's") : o.namespaces.reason}`,
    ];
  }));
  out.push(...block('files', r.files, (f) => table([['FD', 'TYPE', 'MODE', 'POS', 'TARGET'], ...f.map((e) => [String(e.fd), e.type, e.mode ?? '', e.pos === null ? '' : String(e.pos), e.target])])));
  out.push(...block('network', r.network, (n) => (n.length ? table([['FD', 'PROTO', 'STATE', 'LOCAL', 'REMOTE'], ...n.map((s) => [String(s.fd), s.proto, s.state, s.local, s.remote])]) : ['no sockets'])));
  out.push(...block('threads', r.threads, (t) => table([['TID', 'STATE', '%CPU', 'NAME'], ...t.map((e) => [String(e.tid), e.state, e.cpu === null ? '—' : e.cpu.toFixed(1), e.name])])));
  out.push(...block('io', r.io, (io) => [
    `read  ${bytes(io.rchar)} (${rate(io.rcharPerSec)}), from storage ${bytes(io.readBytes)} (${rate(io.readBytesPerSec)})`,
    `write ${bytes(io.wchar)} (${rate(io.wcharPerSec)}), to storage ${bytes(io.writeBytes)} (${rate(io.writeBytesPerSec)})`,
  ]));
  out.push(...block('environment', r.environment, (env) => env.map((e) => `${e.name}=${e.secret && !opts.showSecrets ? '•••••• (hidden: --show-secrets)' : e.value}`)));
  out.push(...block('limits', r.limits, (l) => table([['LIMIT', 'SOFT', 'HARD', 'UNITS'], ...l.map((e) => [e.name, e.soft, e.hard, e.units])])));
  out.push(...block('memory', r.memory, (m) => [`rss ${bytes(m.rss)}  pss ${bytes(m.pss)}  shared ${bytes(m.shared)}  private ${bytes(m.private)}  swap ${bytes(m.swap)}`]));
  return out.join('\n');
}
