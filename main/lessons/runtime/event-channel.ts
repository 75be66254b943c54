// Sends this process's events to the runner over the run's event fd, and turns every line the
// process prints (console.log, console.error, process.stdout.write) into an 'output' event
// attributed to this pid. Each event is one write() of less than PIPE_BUF bytes, so lines from
// all the processes of a run share one channel without ever interleaving.
// Run outside the runner (no event fd), a lesson program prints to the terminal as usual.
import { writeSync } from 'node:fs';
import { encodeEvent, type WireEvent } from '../wire-event.js';
import { readEventFd } from './env.js';

let fd: number | null = readEventFd(process.env);
const retryWait = new Int32Array(new SharedArrayBuffer(4));

/** The event fd children should inherit, or null when nobody listens. */
export function eventFd(): number | null {
  return fd;
}

function writeLine(line: string): void {
  if (fd === null) return;
  const bytes = Buffer.from(line + '\n');
  for (let attempts = 0; ; attempts++) {
    try {
      writeSync(fd, bytes);
      return;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      // A full channel: the runner is behind; wait a moment rather than lose the event.
      if (code === 'EAGAIN' && attempts < 2000) {
        Atomics.wait(retryWait, 0, 0, 1);
        continue;
      }
      // The runner is gone (EPIPE) or the fd is unusable: keep running, stop reporting.
      fd = null;
      return;
    }
  }
}

type WithoutTs<E> = E extends WireEvent ? Omit<E, 'ts'> : never;
type EventBody = WithoutTs<WireEvent>;

export function emit(event: EventBody): void {
  if (fd === null) return;
  for (const line of encodeEvent({ ...event, ts: Date.now() } as WireEvent)) writeLine(line);
}

const partial: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };

function emitLine(stream: 'stdout' | 'stderr', text: string): void {
  emit({ type: 'output', pid: process.pid, ppid: process.ppid, stream, text: text.replace(/\r$/, '') });
}

/** Emits what is left of a line without its newline (before the process ends). */
export function flushOutput(): void {
  for (const stream of ['stdout', 'stderr'] as const) {
    if (partial[stream]) emitLine(stream, partial[stream]);
    partial[stream] = '';
  }
}

let captured = false;

/** Replaces stdout/stderr writes with output events (only when an event channel exists). */
export function captureOutput(): void {
  if (captured || fd === null) return;
  captured = true;
  for (const stream of ['stdout', 'stderr'] as const) {
    const target = process[stream];
    const write = (chunk: unknown, encodingOrDone?: unknown, done?: unknown): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8');
      const lines = (partial[stream] + text).split('\n');
      partial[stream] = lines.pop() ?? '';
      for (const line of lines) emitLine(stream, line);
      const callback = typeof encodingOrDone === 'function' ? encodingOrDone : done;
      if (typeof callback === 'function') process.nextTick(callback as () => void);
      return true;
    };
    target.write = write as typeof target.write;
  }
  process.on('exit', flushOutput);
}
