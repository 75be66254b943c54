// `procplay run [--cwd DIR] [--quiet] [--events FILE] [--no-trace] -- COMMAND [ARGS...]`: the
// playground in a terminal. Runs the command as a tracked tree (its own process group, marked,
// watched by the watchdog), traced by strace where it can be, prints its output (stdout to stdout,
// stderr to stderr) and the tree's lifecycle to stderr (`+ 4243 sh (ppid 4242)`, `~ 4243 exec
// true`, `- 4243 exit 0`, `. 4243 reaped by 4242`), optionally writes the lifecycle events as JSON
// lines to FILE, and exits with the program's exit code, or 128+N when signal N ended it. Ctrl+C
// sends SIGINT to the program, as a terminal does, then SIGTERM and SIGKILL to the whole tree if
// it is still running after a grace period; SIGTERM stops the whole tree at once; after a SIGKILL
// of this command the watchdog ends it. Without strace the tree comes from sampling (a process
// that lives less than ~100 ms can be missed).
import fs from 'node:fs';
import type { LifecycleEvent } from '../../shared/lifecycle.js';
import type { PlaygroundEvent } from '../../shared/playground.js';
import { PlaygroundError } from '../playground/errors.js';
import { shellExitStatus } from '../playground/exit-message.js';
import { PlaygroundRunner } from '../playground/playground-runner.js';
import { INTERRUPT_GRACE_MS, PLAYGROUND_STOP_GRACE_MS } from '../app/limits.js';
import { getSupervisor } from '../supervision/supervisor.js';
import { showInvisible } from '../../shared/visible-text.js';

export interface RunCommandOutput {
  log(text: string): void;
  error(text: string): void;
  /** Raw program output (no newline added); defaults to log/error per line. */
  write?(stream: 'stdout' | 'stderr', text: string): void;
}

/** After Ctrl+C ended the program itself, how long the rest of its run gets to end by itself before SIGTERM. */
const ROOT_EXIT_SETTLE_MS = 500;

export const RUN_USAGE = 'usage: procplay run [--cwd DIR] [--quiet] [--events FILE] [--no-trace] -- COMMAND [ARGS...]';

/** After the run ended, its last lifecycle events (strace's final lines) are awaited this long. */
const TRACE_SETTLE_MS = 3000;

const consoleOut: RunCommandOutput = {
  log: (t) => process.stdout.write(t + '\n'),
  error: (t) => process.stderr.write(t + '\n'),
  // A prompt (a partial line) stays on its line, as in a terminal.
  write: (stream, t) => (stream === 'stderr' ? process.stderr : process.stdout).write(t),
};

export interface ParsedRunArgs {
  cwd: string | undefined;
  quiet: boolean;
  /** Where to write the lifecycle events as JSON lines, or null. */
  eventsFile: string | null;
  /** False: --no-trace. */
  trace: boolean;
  command: string;
  error: string | null;
}

/** Quotes one argument for /bin/sh (or cmd.exe) so the shell passes it through unchanged. */
export function shellQuote(arg: string, platform: NodeJS.Platform = process.platform): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  if (platform === 'win32') return `"${arg.replace(/"/g, '""')}"`;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * Pure: the command line of `procplay run`. After `--` every word belongs to the command: one
 * word is a command line as typed (`procplay run -- 'sleep 1 | cat'`); several are quoted
 * each so they reach the program as they are.
 */
export function parseRunArgs(argv: readonly string[], platform: NodeJS.Platform = process.platform): ParsedRunArgs {
  let cwd: string | undefined;
  let quiet = false;
  let eventsFile: string | null = null;
  let trace = true;
  let error: string | null = null;
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (arg === '--cwd') {
      cwd = argv[++i];
      if (cwd === undefined) error ??= '--cwd needs a directory';
    } else if (arg.startsWith('--cwd=')) cwd = arg.slice(6);
    else if (arg === '--quiet' || arg === '-q') quiet = true;
    else if (arg === '--events') {
      eventsFile = argv[++i] ?? null;
      if (!eventsFile) error ??= '--events needs a file name';
    } else if (arg.startsWith('--events=')) {
      eventsFile = arg.slice(9);
      if (!eventsFile) error ??= '--events needs a file name';
    } else if (arg === '--no-trace') trace = false;
    else if (arg.startsWith('-')) error ??= `unknown option "${arg}"`;
    else break; // the command starts here (no `--` given)
  }
  const words = argv.slice(i);
  const command = words.length === 1 ? words[0]! : words.map((w) => shellQuote(w, platform)).join(' ');
  if (!error && !command.trim()) error = 'no command given';
  return { cwd, quiet, eventsFile, trace, command, error };
}

const describeStatus = (exitCode: number | null, signal: string | null): string =>
  signal ? `killed by ${signal}` : exitCode !== null ? `exit ${exitCode}` : 'ended';

/** Pure: one tree event as a terminal line, or null for events shown otherwise (or not at all). */
export function formatRunEvent(event: PlaygroundEvent, names: Map<number, string>): string | null {
  switch (event.type) {
    case 'proc-start':
      names.set(event.pid, event.name);
      return `+ ${event.pid} ${showInvisible(event.name)} (ppid ${event.ppid})${event.marked ? ' [found by marker]' : ''}`;
    case 'proc-exec':
      names.set(event.pid, event.name);
      return `~ ${event.pid} exec ${showInvisible(event.name)}`;
    case 'proc-zombie':
      return `z ${event.pid} zombie, ${describeStatus(event.exitCode, event.signal)} (waiting for its parent)`;
    case 'proc-exit':
      return `- ${event.pid} ${describeStatus(event.exitCode, event.signal)}`;
    case 'output-skipped':
      return `[procplay] … ${event.lines} ${event.lines === 1 ? 'line' : 'lines'} skipped (output faster than shown: the newest are kept) …`;
    case 'tree-capped':
      return `[procplay] more than ${event.limit} processes: later ones are not listed (Ctrl+C still ends them)`;
    case 'run-end':
      return `[procplay] ${event.message}${event.droppedLines ? ` (${event.droppedLines} ${event.droppedLines === 1 ? 'line' : 'lines'}, ${event.droppedBytes} bytes of output skipped)` : ''}`;
    default:
      return null;
  }
}

/** Pure: one exact lifecycle event as a terminal line. `names` follows each pid's program (a fork starts with its parent's). */
export function formatLifecycleEvent(event: LifecycleEvent, names: Map<number, string>): string {
  switch (event.type) {
    case 'fork': {
      const name = names.get(event.pid) ?? names.get(event.ppid) ?? '?';
      names.set(event.pid, name);
      return `+ ${event.pid} ${showInvisible(name)} (ppid ${event.ppid})`;
    }
    case 'exec':
      names.set(event.pid, event.name);
      return `~ ${event.pid} exec ${showInvisible(event.name)}`;
    case 'exit':
      return `- ${event.pid} ${event.signal ? `killed by ${event.signal}${event.core ? ' (core dumped)' : ''}` : `exit ${event.code}`}`;
    case 'reap':
      names.delete(event.pid);
      return `. ${event.pid} reaped by ${event.by}${event.how === 'parent-wait' ? '' : ` (${event.how})`}`;
    case 'signal':
      return `! ${event.target} ${event.signal} from ${event.sender ?? 'the kernel'}`;
    case 'reparent':
      return `^ ${event.pid} orphaned: parent ${event.oldPpid} -> ${event.newPpid ?? 'unknown'}`;
  }
}

/** Pure: a sampled tree event in the lifecycle shape (for --events without strace), or null. */
export function sampledAsLifecycle(event: PlaygroundEvent): LifecycleEvent | null {
  switch (event.type) {
    case 'proc-start':
      return { type: 'fork', t: event.t, pid: event.pid, ppid: event.ppid };
    case 'proc-exec':
      return { type: 'exec', t: event.t, pid: event.pid, name: event.name, argv: event.command.split(' ') };
    case 'proc-exit':
      return { type: 'exit', t: event.t, pid: event.pid, code: event.exitCode, signal: event.signal };
    default:
      return null;
  }
}

function stillExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface RunCommandOptions {
  /** Forwarded to the program's stdin; process.stdin by default, null for none (the program's stdin stays open until it ends). */
  stdin?: NodeJS.ReadableStream | null;
}

export async function runRunCommand(argv: string[], out: RunCommandOutput = consoleOut, opts: RunCommandOptions = {}): Promise<number> {
  const parsed = parseRunArgs(argv);
  if (parsed.error) {
    out.error(`procplay run: ${parsed.error}\n${RUN_USAGE}`);
    return 2;
  }
  let eventsFd: number | null = null;
  if (parsed.eventsFile) {
    try {
      eventsFd = fs.openSync(parsed.eventsFile, 'w');
    } catch (err) {
      out.error(`procplay run: cannot write the events to ${parsed.eventsFile}: ${(err as Error).message}`);
      return 2;
    }
  }
  const writeEvents = (events: LifecycleEvent[]): void => {
    if (eventsFd === null || events.length === 0) return;
    try {
      fs.writeSync(eventsFd, events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    } catch (err) {
      out.error(`procplay run: writing ${parsed.eventsFile} failed (${(err as Error).message}); no more events are written`);
      fs.closeSync(eventsFd);
      eventsFd = null;
    }
  };
  const names = new Map<number, string>();
  /** Exact events (strace) replace the sampled tree lines; set once the run has started. */
  let exact = false;
  const show = (line: string): void => {
    if (held) held.push(line);
    else out.error(line);
  };
  let ended!: (event: Extract<PlaygroundEvent, { type: 'run-end' }>) => void;
  const end = new Promise<Extract<PlaygroundEvent, { type: 'run-end' }>>((resolve) => (ended = resolve));
  const runner = new PlaygroundRunner({
    defaultCwd: process.cwd(),
    trace: parsed.trace,
    // Until the run has started, whether it is traced is not known yet: its first events wait.
    onLifecycle: (_runId, events, source) => {
      if (!source.exact) return; // not traced: the sampled lines say it all
      if (early) early.push(events);
      else onLifecycle(events);
    },
    onEvent: (_runId, event) => (early ? early.push(event) : onEvent(event)),
  });
  let traced = false;
  /** The program's pid once it runs; its exit after a Ctrl+C ends the wait for it. */
  let rootPid: number | null = null;
  let rootGone = false;
  let runEnded = false;
  let onRootExit = (): void => undefined;
  let early: (PlaygroundEvent | LifecycleEvent[])[] | null = [];
  const onLifecycle = (events: LifecycleEvent[]): void => {
    exact = true;
    writeEvents(events);
    if (parsed.quiet) return;
    for (const e of events) show(formatLifecycleEvent(e, names));
  };
  const onEvent = (event: PlaygroundEvent): void => {
    if (event.type === 'output') {
      const text = event.partial ? event.text : `${event.text}\n`;
      if (out.write) out.write(event.stream, text);
      else (event.stream === 'stderr' ? out.error : out.log)(event.text);
      return;
    }
    if (event.type === 'run-end') {
      runEnded = true;
      ended(event);
    }
    if (event.type === 'proc-exit' && event.pid === rootPid) {
      rootGone = true;
      onRootExit();
    }
    const sampled = event.type === 'proc-start' || event.type === 'proc-exec' || event.type === 'proc-zombie' || event.type === 'proc-exit';
    if (sampled && (exact || traced)) {
      // The exact events say all this; the sampled root's name is the one they start from.
      if (event.type === 'proc-start' && event.root) names.set(event.pid, event.name);
      return;
    }
    if (sampled) {
      const e = sampledAsLifecycle(event);
      if (e) writeEvents([e]);
    }
    if (parsed.quiet && event.type !== 'output-skipped') return;
    const line = formatRunEvent(event, names);
    if (line === null) return;
    show(line);
  };
  // Tree lines wait until the header saying which shell runs the command is printed.
  let held: string[] | null = [];
  // A signal while the run is starting is held until it has started, then acted on: Node's default
  // (exit at once) would leave the half-started run to the watchdog, and the strace of a traced run
  // (not part of the marked tree) waiting forever for a reader of its output.
  let earlySignal: NodeJS.Signals | null = null;
  const onEarlySignal = (signal: NodeJS.Signals): void => void (earlySignal ??= signal);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(sig, onEarlySignal);
  const dropEarlyHandlers = (): void => {
    for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(sig, onEarlySignal);
  };
  let info;
  try {
    info = await runner.run({ command: parsed.command, cwd: parsed.cwd });
  } catch (err) {
    dropEarlyHandlers();
    out.error(`procplay run: ${(err as Error).message}`);
    if (eventsFd !== null) fs.closeSync(eventsFd);
    await getSupervisor().shutdown();
    if (err instanceof PlaygroundError) return err.code === 'not-found' ? 127 : 2;
    return 1;
  }
  const runId = info.runId;
  rootPid = info.pid;
  const lifecycle = runner.lifecycle(runId);
  traced = !!lifecycle?.source.exact;
  const first = early ?? [];
  early = null;
  for (const item of first) {
    if (Array.isArray(item)) onLifecycle(item);
    else onEvent(item);
  }
  if (!parsed.quiet) out.error(`[procplay] running with ${info.shell} in ${info.cwd}`);
  if (lifecycle?.source.notice) out.error(`[procplay] ${lifecycle.source.notice}`);
  for (const line of held ?? []) out.error(line);
  held = null;

  // The terminal's input goes to the program; its end closes the program's stdin.
  const onData = (chunk: Buffer | string) => {
    try {
      // A program slower than its input: hold the terminal's input back rather than queue it here.
      if (!runner.writeRaw(runId, chunk.toString()) && input) {
        input.pause();
        void runner.inputDrained(runId).then(() => input.resume(), () => input.resume());
      }
    } catch {
      // the program closed its input or ended
    }
  };
  const onEnd = () => {
    try {
      runner.writeRaw(runId, '', { eof: true });
    } catch {
      // already closed
    }
  };
  const input = opts.stdin === undefined ? process.stdin : opts.stdin;
  if (input) {
    input.on('data', onData);
    input.on('end', onEnd);
    input.on('error', onEnd);
  }
  let stopping = false;
  let graceTimer: NodeJS.Timeout | null = null;
  const stopAll = (why: string): void => {
    if (stopping) return;
    stopping = true;
    if (graceTimer) clearTimeout(graceTimer);
    out.error(`[procplay] ${why}: SIGTERM to the program and all its processes, SIGKILL ${PLAYGROUND_STOP_GRACE_MS / 1000} s later to any left…`);
    void runner.stop(runId);
  };
  // Ctrl+C as in a terminal: SIGINT first (Python raises KeyboardInterrupt and can clean up); if
  // the program is still running after a grace period, SIGTERM, then SIGKILL. A second Ctrl+C
  // does not wait. SIGTERM or SIGHUP to procplay itself stop the program at once.
  const onInterrupt = (): void => {
    if (stopping) return;
    if (graceTimer) return stopAll('Ctrl+C again');
    if (rootGone || !runner.interrupt(runId)) return stopAll('Ctrl+C');
    out.error(`[procplay] Ctrl+C: sent SIGINT to the program, as a terminal does; if it still runs in ${INTERRUPT_GRACE_MS / 1000} s: SIGTERM, then SIGKILL (Ctrl+C again: now)`);
    graceTimer = setTimeout(() => stopAll(`still running ${INTERRUPT_GRACE_MS / 1000} s after SIGINT`), INTERRUPT_GRACE_MS);
    graceTimer.unref?.();
  };
  const onSignal = (signal: NodeJS.Signals): void => stopAll(signal);
  // The program ended on the SIGINT (its own cleanup is done): what is left of its tree (a
  // background job, which a shell starts with SIGINT ignored) is not waited for.
  onRootExit = () => {
    if (!graceTimer || stopping) return;
    // Its output and exit settle in a moment when nothing else is left; only a run still going is stopped.
    const leftovers = setTimeout(() => {
      if (runEnded || stopping) return;
      // Only processes that still exist (the tree's sampling may not have seen the others end yet).
      const left = runner.trackedPids().filter((pid) => pid !== rootPid && stillExists(pid));
      if (left.length > 0) stopAll('the program ended on SIGINT, its other processes did not');
    }, ROOT_EXIT_SETTLE_MS);
    leftovers.unref?.();
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  dropEarlyHandlers();
  if (earlySignal) stopAll(`${earlySignal} while starting`);
  try {
    const last = await end;
    if (lifecycle) await Promise.race([lifecycle.done, new Promise((r) => setTimeout(r, TRACE_SETTLE_MS).unref())]);
    return shellExitStatus(last.exitCode, last.signal);
  } finally {
    if (graceTimer) clearTimeout(graceTimer);
    process.off('SIGINT', onInterrupt);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    if (input) {
      input.off('data', onData);
      input.off('end', onEnd);
      input.off('error', onEnd);
      input.pause();
      (input as { unref?: () => void }).unref?.();
    }
    if (eventsFd !== null) fs.closeSync(eventsFd);
    await getSupervisor().shutdown();
  }
}
