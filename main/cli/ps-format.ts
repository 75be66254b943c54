// Text layout of a snapshot for `procplay ps`: the columns of `ps aux` (plus PPID and threads),
// and `pstree -p`-like indentation with --tree. Pure, so it is unit-tested.
import type { ProcInfo } from '../../shared/process.js';
import { buildTree, flattenTree } from '../../shared/tree.js';
import { formatCpuTime, formatStart } from '../../shared/format.js';
import { showInvisible } from '../../shared/visible-text.js';

const KIB = 1024;

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
    // The app's own START and TIME (same rules), without spaces so the columns split as ps's do.
    formatStart(p.startTime, opts.nowMs, 'en', 'columns'),
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
