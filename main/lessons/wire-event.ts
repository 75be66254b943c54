// The event wire format between lesson processes and the runner: one JSON object per line on
// the inherited event fd. It is LessonEvent with the emitter's wall-clock time (`ts`) instead of
// the run-relative `t`, because every process of a run writes to the same channel.
import type { LessonEvent } from '../../shared/lessons.js';

type WithTs<E> = E extends { t: number } ? Omit<E, 't'> & { ts: number } : never;

/** What lesson processes may send: everything but the runner's own verdicts. */
export type WireEvent = WithTs<Exclude<LessonEvent, { type: 'observation' } | { type: 'run-end' }>>;

/** A line must stay below PIPE_BUF (4096) so writes from many processes never interleave. */
export const EVENT_LINE_MAX_BYTES = 4000;

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isPid = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** Parses one line; null when it is not a well-formed event (the runner reports it as raw text). */
export function parseWireEvent(line: string): WireEvent | null {
  let v: Record<string, unknown>;
  try {
    const parsed: unknown = JSON.parse(line);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    v = parsed as Record<string, unknown>;
  } catch {
    return null;
  }
  if (!isNum(v.ts) || !isPid(v.pid)) return null;
  const { ts, pid } = v;
  switch (v.type) {
    case 'start':
      if (!isPid(v.ppid) || typeof v.name !== 'string' || typeof v.daemon !== 'boolean') return null;
      return { type: 'start', ts, pid, ppid: v.ppid, name: v.name, daemon: v.daemon };
    case 'output':
      if (!isPid(v.ppid) || (v.stream !== 'stdout' && v.stream !== 'stderr') || typeof v.text !== 'string') return null;
      return { type: 'output', ts, pid, ppid: v.ppid, stream: v.stream, text: v.text };
    case 'join-begin':
      if (!isPid(v.target) || !(v.timeoutMs === null || isNum(v.timeoutMs))) return null;
      return { type: 'join-begin', ts, pid, target: v.target, timeoutMs: v.timeoutMs };
    case 'join-end':
      if (!isPid(v.target) || typeof v.timedOut !== 'boolean') return null;
      return { type: 'join-end', ts, pid, target: v.target, timedOut: v.timedOut };
    case 'exit':
      if (!Number.isInteger(v.exitcode) || !(v.signal === null || typeof v.signal === 'string')) return null;
      return { type: 'exit', ts, pid, exitcode: v.exitcode as number, signal: v.signal };
    default:
      return null;
  }
}

/** The same event on the run's clock (milliseconds since the run started). */
export function toLessonEvent(e: WireEvent, runStartMs: number): LessonEvent {
  const { ts, ...rest } = e;
  return { ...rest, t: Math.max(0, ts - runStartMs) } as LessonEvent;
}

/** Serialises an output event, splitting long text so every line fits EVENT_LINE_MAX_BYTES. */
export function encodeEvent(e: WireEvent): string[] {
  const line = JSON.stringify(e);
  if (Buffer.byteLength(line) <= EVENT_LINE_MAX_BYTES || e.type !== 'output') return [line];
  const chars = Array.from(e.text);
  if (chars.length < 2) return [line.slice(0, EVENT_LINE_MAX_BYTES)];
  const half = Math.ceil(chars.length / 2);
  return [
    ...encodeEvent({ ...e, text: chars.slice(0, half).join('') }),
    ...encodeEvent({ ...e, text: chars.slice(half).join('') }),
  ];
}
