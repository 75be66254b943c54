// Text layout of a snapshot for `procplay ps`: the columns of `ps aux` (plus PPID and threads),
// and `pstree -p`-like indentation with --tree. Pure, so it is unit-tested.
import type { ProcInfo } from '../../shared/process.js';
import { buildTree, flattenTree } from '../../shared/tree.js';
import { showInvisible } from '../../shared/visible-text.js';

const KIB = 1024;

/** Cumulative CPU time as ps prints it: M:SS, or H:MM:SS past an hour. */
export function formatCpuTime(ms: number): string {
  const total = Math.floor(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Start time as ps does: HH:MM today, "Mon DD" before. */
export function formatStart(startMs: number, nowMs: number): string {
  const d = new Date(startMs);
  const sameDay = new Date(nowMs).toDateString() === d.toDateString();
  if (sameDay) return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return `${d.toLocaleString('en', { month: 'short' })}${String(d.getDate()).padStart(2, '0')}`;
}

const HEADER = ['USER', 'PID', 'PPID', 'STAT', '%CPU', '%MEM', 'RSS', 'VSZ', 'THR', 'START', 'TIME', 'COMMAND'];
const RIGHT = new Set([1, 2, 4, 5, 6, 7, 8, 10]);

export interface PsFormatOptions {
  tree: boolean;
  nowMs: number;
  /** Terminal width to cut the command at; Infinity for pipes. */
  width: number;
}

export function formatPs(processes: readonly ProcInfo[], opts: PsFormatOptions): string {
  const ordered = opts.tree
    ? flattenTree(buildTree(processes)).map((n) => ({ p: n.proc, indent: n.depth }))
    : [...processes].sort((a, b) => a.pid - b.pid).map((p) => ({ p, indent: 0 }));
  const rows = ordered.map(({ p, indent }) => [
    showInvisible(p.user).slice(0, 12),
    String(p.pid),
    String(p.ppid),
    p.state,
    p.cpu.toFixed(1),
    p.memPercent.toFixed(1),
    String(Math.round(p.memRss / KIB)),
    p.memVsz === null ? '-' : String(Math.round(p.memVsz / KIB)),
    p.threads === null ? '-' : String(p.threads),
    formatStart(p.startTime, opts.nowMs),
    formatCpuTime(p.cpuTimeMs),
    (indent ? '  '.repeat(indent - 1) + '\\_ ' : '') + showInvisible(p.command),
  ]);
  const widths = HEADER.map((h, i) => (i === HEADER.length - 1 ? 0 : Math.max(h.length, ...rows.map((r) => r[i].length))));
  const line = (cells: string[]) => {
    const text = cells
      .map((c, i) => (i === cells.length - 1 ? c : RIGHT.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join(' ');
    return Number.isFinite(opts.width) ? text.slice(0, opts.width) : text;
  };
  return [line(HEADER), ...rows.map(line)].join('\n');
}
