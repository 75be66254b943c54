// The lines of the playground's output pane, from a run's events: program output (a partial line
// — a prompt shown before its newline — joined with what follows it on the same stream), the
// user's input echoed, the tree's process events as quiet lines, and the notices (lines skipped
// between the kept head and tail, tree capped). Pure.
import type { PlaygroundEvent } from '../../../shared/playground.js';

export type ConsoleLine =
  | { kind: 'output'; t: number; stream: 'stdout' | 'stderr'; text: string; partial: boolean }
  | { kind: 'input'; t: number; text: string; eof: boolean }
  | { kind: 'start'; t: number; pid: number; ppid: number; name: string; root: boolean; marked: boolean }
  | { kind: 'exec'; t: number; pid: number; name: string }
  | { kind: 'zombie'; t: number; pid: number; exitCode: number | null; signal: string | null }
  | { kind: 'exit'; t: number; pid: number; exitCode: number | null; signal: string | null }
  | { kind: 'skipped'; t: number; lines: number }
  /** Lines of this list not drawn (between the first and the last ones drawn). */
  | { kind: 'hidden'; t: number; lines: number }
  | { kind: 'capped'; t: number; limit: number };

export interface ConsoleModel {
  lines: ConsoleLine[];
  /** Lines left out in the middle (the first quarter and the newest of `max` are drawn). */
  hidden: number;
  /** Output lines in the events. */
  outputLines: number;
  /** Transcript lines skipped between the kept head and tail (not in the events). */
  skippedLines: number;
}

/** Lines drawn at most: a long run keeps the page light. */
export const MAX_CONSOLE_LINES = 4000;

export function consoleLines(events: readonly PlaygroundEvent[], opts: { procEvents?: boolean; max?: number } = {}): ConsoleModel {
  const procEvents = opts.procEvents ?? true;
  const max = opts.max ?? MAX_CONSOLE_LINES;
  const lines: ConsoleLine[] = [];
  let outputLines = 0;
  let skippedLines = 0;
  /** The last skipped line, while no output or input followed it. */
  let lastSkipped = -1;
  // The last output line of each stream still waiting for its newline.
  const open: Record<'stdout' | 'stderr', number> = { stdout: -1, stderr: -1 };
  for (const e of events) {
    if (e.type === 'output' || e.type === 'input') lastSkipped = -1;
    switch (e.type) {
      case 'output': {
        const at = open[e.stream];
        const prev = at >= 0 ? lines[at] : undefined;
        if (prev && prev.kind === 'output' && prev.partial) {
          lines[at] = { ...prev, text: prev.text + e.text, partial: e.partial === true };
        } else {
          lines.push({ kind: 'output', t: e.t, stream: e.stream, text: e.text, partial: e.partial === true });
          outputLines++;
        }
        open[e.stream] = e.partial ? (prev && prev.kind === 'output' && prev.partial ? at : lines.length - 1) : -1;
        break;
      }
      case 'input':
        // What the user typed ends the prompt's line.
        open.stdout = open.stderr = -1;
        lines.push({ kind: 'input', t: e.t, text: e.text, eof: e.eof === true });
        break;
      case 'proc-start':
        if (procEvents) lines.push({ kind: 'start', t: e.t, pid: e.pid, ppid: e.ppid, name: e.name, root: e.root, marked: e.marked });
        break;
      case 'proc-exec':
        if (procEvents) lines.push({ kind: 'exec', t: e.t, pid: e.pid, name: e.name });
        break;
      case 'proc-zombie':
        if (procEvents) lines.push({ kind: 'zombie', t: e.t, pid: e.pid, exitCode: e.exitCode, signal: e.signal });
        break;
      case 'proc-exit':
        if (procEvents) lines.push({ kind: 'exit', t: e.t, pid: e.pid, exitCode: e.exitCode, signal: e.signal });
        break;
      case 'output-skipped': {
        skippedLines += e.lines;
        open.stdout = open.stderr = -1;
        // Skips with no output between them (a flood drained several times, process events aside) read as one gap.
        const prev = lastSkipped >= 0 ? lines[lastSkipped] : undefined;
        if (prev && prev.kind === 'skipped') lines[lastSkipped] = { ...prev, lines: prev.lines + e.lines };
        else {
          lastSkipped = lines.length;
          lines.push({ kind: 'skipped', t: e.t, lines: e.lines });
        }
        break;
      }
      case 'tree-capped':
        lines.push({ kind: 'capped', t: e.t, limit: e.limit });
        break;
      default:
        break;
    }
  }
  const hidden = Math.max(0, lines.length - max);
  if (!hidden) return { lines, hidden, outputLines, skippedLines };
  // The beginning and the end both matter (how it started, how it failed): draw a quarter from the top, the rest from the end.
  const top = Math.floor(max / 4);
  const gap: ConsoleLine = { kind: 'hidden', t: lines[top]!.t, lines: hidden };
  return { lines: [...lines.slice(0, top), gap, ...lines.slice(top + hidden)], hidden, outputLines, skippedLines };
}
