// Runs a small process family (a shell command) for the zombie and orphan lessons under a reaper
// the lesson controls: subreaper.py where Linux and python3 allow, so orphans and zombies are
// adopted and collected by a process we can see (pid 1 may not reap: in containers it is often
// not a real init). Elsewhere the command runs directly and its orphans go to pid 1.
// The family is one more child of the lesson program for the runtime: on the timeline, waited
// for at the end of the program, and ended first when the lesson is stopped.
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { describeSpawnError } from '../../app/spawn-failure.js';
import { outsideAsar } from '../../../shared/asar-path.js';
import { projectRootFrom } from '../paths.js';
import { addChild, removeChild, type ChildHandle } from '../runtime/children.js';
import { isEnding, parked } from '../runtime/ending.js';
import { emit, eventFd } from '../runtime/event-channel.js';
import { toExitcode } from '../runtime/exit-status.js';

/** The helper ships in the source tree beside this module (dist/ holds only compiled TypeScript);
 * python3 cannot read inside app.asar, so a packaged app hands it the unpacked copy. */
export const SUBREAPER_SCRIPT = outsideAsar(path.join(
  projectRootFrom(path.dirname(path.dirname(fileURLToPath(import.meta.url)))),
  'main', 'lessons', 'reaper', 'subreaper.py',
));
/** Tells subreaper.py who its parent must be (see there). */
const PARENT_ENV = 'PROCPLAY_REAPER_PARENT';

/** One line a family member printed as "@PID PPID text". */
export interface FamilyLine {
  pid: number;
  ppid: number;
  text: string;
}

/** Pure: a line in the family's "@PID PPID text" form, or null for any other line. */
export function parseFamilyLine(line: string): FamilyLine | null {
  const m = /^@(\d+) (\d+) (.*)$/.exec(line);
  return m ? { pid: Number(m[1]), ppid: Number(m[2]), text: m[3]! } : null;
}

/** Pure: what the subreaper's first line says about who adopts orphans; null if it is not that line. */
export function readReaperLine(text: string): { subreaper: boolean; reaperPid: number } | null {
  const ready = /^subreaper (\d+): ready/.exec(text);
  if (ready) return { subreaper: true, reaperPid: Number(ready[1]) };
  return /^no subreaper/.test(text) ? { subreaper: false, reaperPid: 1 } : null;
}

function onPath(program: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    try {
      accessSync(path.join(dir, program), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

/** A subreaper needs Linux (prctl) and python3 (to call it: Node cannot). */
export function canUseSubreaper(): boolean {
  return process.platform === 'linux' && onPath('python3');
}

export interface Family extends ChildHandle {
  /** The process this program started: the subreaper, or the command itself. */
  readonly pid: number;
  /** Who adopts the family's orphans and collects them: the subreaper's pid, or 1. */
  readonly reaperPid: number;
  readonly subreaper: boolean;
}

export interface FamilyOptions {
  /** Called for every "@PID PPID text" line, after it is shown attributed to PID. */
  onLine?(line: FamilyLine): void;
}

/** Shows a line as `pid`'s own output: an attributed event, or plain text in a terminal. */
function relay(pid: number, ppid: number, stream: 'stdout' | 'stderr', text: string): void {
  if (eventFd() !== null) emit({ type: 'output', pid, ppid, stream, text });
  else (stream === 'stdout' ? console.log : console.error)(text);
}

/** Starts `command` (argv) under a subreaper if possible; resolves once it is known who the reaper is. */
export function startFamily(command: string[], opts: FamilyOptions = {}): Promise<Family> {
  const subreaper = canUseSubreaper();
  const [file, ...args] = subreaper ? ['python3', SUBREAPER_SCRIPT, ...command] : command;
  const child: ChildProcess = spawn(file!, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, [PARENT_ENV]: String(process.pid) },
  });
  if (child.pid === undefined) {
    // The reason (EAGAIN, EMFILE, ENOENT) comes as an 'error' on the next tick: wait for it and name it.
    return new Promise((_resolve, reject) => child.once('error', (err) => reject(new Error(`could not start ${file}: ${describeSpawnError(err)}`))));
  }
  const pid = child.pid;
  let status: number | null = null;
  let markEnded!: () => void;
  const ended = new Promise<void>((resolve) => (markEnded = resolve));
  let markReady!: (reaper: { subreaper: boolean; reaperPid: number }) => void;
  const ready = new Promise<{ subreaper: boolean; reaperPid: number }>((resolve) => (markReady = resolve));
  if (!subreaper) markReady({ subreaper: false, reaperPid: 1 });

  const refs = (on: boolean): void => {
    for (const handle of [child, child.stdout, child.stderr] as ({ ref(): void; unref(): void } | null)[]) {
      if (on) handle?.ref();
      else handle?.unref();
    }
  };
  let joiners = 0;

  const family: Family = {
    pid,
    reaperPid: 1,
    subreaper: false,
    name: subreaper ? 'subreaper (python3)' : `family (${command[0]})`,
    daemon: false,
    isAlive: () => status === null,
    terminate: () => void (status === null && child.kill('SIGTERM')),
    kill: () => void (status === null && child.kill('SIGKILL')),
    ended: () => ended,
    async join(timeoutMs?: number) {
      const timeout = timeoutMs ?? null;
      emit({ type: 'join-begin', pid: process.pid, target: pid, timeoutMs: timeout });
      if (status === null) {
        joiners += 1;
        refs(true); // waiting for the family keeps this process alive
        let timer: NodeJS.Timeout | undefined;
        const timedOut = timeout === null ? null : new Promise<void>((resolve) => (timer = setTimeout(resolve, timeout)));
        await (timedOut ? Promise.race([ended, timedOut]) : ended);
        clearTimeout(timer);
        joiners -= 1;
        if (joiners === 0 && status === null) refs(false);
      }
      if (isEnding()) return parked();
      emit({ type: 'join-end', pid: process.pid, target: pid, timedOut: status === null });
    },
  };

  createInterface({ input: child.stdout!, crlfDelay: Infinity }).on('line', (raw) => {
    const line = parseFamilyLine(raw);
    if (!line) return relay(pid, process.pid, 'stdout', raw);
    relay(line.pid, line.ppid, 'stdout', line.text);
    const reaper = line.pid === pid ? readReaperLine(line.text) : null;
    if (reaper) markReady(reaper);
    opts.onLine?.(line);
  });
  createInterface({ input: child.stderr!, crlfDelay: Infinity }).on('line', (raw) => relay(pid, process.pid, 'stderr', raw));
  child.on('error', () => undefined); // reported through 'close'
  // 'close': it has ended and every line it (or its family) printed has been read.
  child.on('close', (code, signal) => {
    status = toExitcode(code, signal);
    emit({ type: 'exit', pid, exitcode: status, signal });
    removeChild(family);
    markReady({ subreaper: false, reaperPid: 1 }); // ended before saying: nothing to adopt
    markEnded();
  });
  addChild(family);
  emit({ type: 'start', pid, ppid: process.pid, name: family.name, daemon: false });
  return ready.then((reaper) => {
    // Like Process: from now on a running family does not by itself keep the program alive;
    // the end-of-program step waits for it (and a stopped lesson ends it). Until the reaper has
    // spoken it does, or the program could reach its end step while still starting it.
    if (status === null && joiners === 0) refs(false);
    return Object.assign(family, reaper);
  });
}
