// A handle on one process: its pid pinned to its start time, the two together naming it for as long
// as it exists (a pid alone may name a later process once this one is reaped). Its facts are read
// when asked, anew each time, from the platform layer; and it never acts on a process that is not
// the one it was made for. Kill, renice, the lessons' late SIGKILL, the playground's zombie status,
// a run's stop and the watchdog's sweep all go through it. (psutil's Process, smaller.)
//
// One vocabulary for what can go wrong, as psutil's NoSuchProcess / AccessDenied / ZombieProcess:
//   gone      no process has this pid any more
//   replaced  the pid names another process now (this one ended and the pid was reused)
//   denied    the OS refused (another user's process)
//   failed    anything else the OS answered
import type { SignalName } from '../../shared/api.js';
import { readEnviron, readProcStat, readStartTime, readZombieStatus, startTimeOfStat, type ExitStatus } from './process-files.js';
import type { ProcStat } from './proc-stat.js';

export type Identity = 'same' | 'gone' | 'replaced';

export type ActOutcome =
  | { ok: true }
  | { ok: false; problem: 'gone' | 'replaced' }
  | { ok: false; problem: 'denied' | 'failed'; error: unknown };

/** How a handle reads and acts; the defaults are the OS's, tests inject their own. */
export interface ProcessFacts {
  /**
   * The start time of a pid now (epoch ms, as ProcInfo.startTime), null if there is none; absent
   * where the OS has no cheap synchronous read (there the caller's fresh listing pinned it).
   */
  readStartTime?: (pid: number) => number | null;
  /** Same shape as process.kill. */
  kill: (pid: number, signal: SignalName) => void;
}

const linux = process.platform === 'linux';
const osFacts: ProcessFacts = {
  readStartTime: linux ? readStartTime : undefined,
  kill: (pid, signal) => process.kill(pid, signal),
};

export class ProcessHandle {
  /**
   * `startTime` as the caller saw it (a table row, a kill request); undefined pins nothing, and the
   * handle then acts on whatever process has the pid.
   */
  private readonly facts: ProcessFacts;

  constructor(
    readonly pid: number,
    readonly startTime: number | undefined,
    /** Seams (tests, another OS's reader); what is not given is the OS's. An explicit undefined readStartTime means "none". */
    facts: Partial<ProcessFacts> = {},
  ) {
    this.facts = { ...osFacts, ...facts };
  }

  /** The process that has this pid now, pinned to its start time; null if there is none. */
  static now(pid: number, facts: Partial<ProcessFacts> = {}): ProcessHandle | null {
    const read = 'readStartTime' in facts ? facts.readStartTime : osFacts.readStartTime;
    if (!read) return new ProcessHandle(pid, undefined, facts);
    const start = read(pid);
    return start === null ? null : new ProcessHandle(pid, start, facts);
  }

  /** Whether the pid still names this process; 'same' where nothing can tell otherwise. */
  identity(): Identity {
    if (this.startTime === undefined || !this.facts.readStartTime) return 'same';
    const now = this.facts.readStartTime(this.pid);
    if (now === null) return 'gone';
    return now === this.startTime ? 'same' : 'replaced';
  }

  /**
   * Sends a signal if the pid still names this process. Node 20 has no pidfd API, so the check and
   * the kill() are two syscalls on consecutive lines, with no await and no other JS between them:
   * the pid would have to be freed, reaped and reused within those microseconds.
   */
  signal(signal: SignalName): ActOutcome {
    const identity = this.identity();
    if (identity !== 'same') return { ok: false, problem: identity };
    try {
      this.facts.kill(this.pid, signal); // on the line after the check: see above
      return { ok: true };
    } catch (error) {
      return failure(error);
    }
  }

  /** Runs `act` (renice, affinity) if the pid still names this process; what it throws is translated like a signal's error. */
  act(act: (pid: number) => void): ActOutcome {
    const identity = this.identity();
    if (identity !== 'same') return { ok: false, problem: identity };
    try {
      act(this.pid);
      return { ok: true };
    } catch (error) {
      return failure(error);
    }
  }

  /** /proc/PID/stat now (Linux), or null when gone, replaced or unreadable; one read, which also tells the identity. */
  stat(): ProcStat | null {
    const st = readProcStat(this.pid);
    if (!st || this.startTime === undefined) return st;
    return startTimeOfStat(st) === this.startTime ? st : null;
  }

  /**
   * The environment's KEY=VALUE entries (Linux), or null when gone, replaced or denied. A zombie's
   * reads as [] (its memory is gone).
   */
  environ(): string[] | null {
    const raw = readEnviron(this.pid);
    if (raw === null || this.identity() !== 'same') return null;
    return raw === '' ? [] : raw.split('\0');
  }

  /**
   * Whether the process carries every entry of `marker` in its environment: null when it cannot
   * tell (no /proc, gone, denied, or a zombie, whose environment is gone).
   */
  carries(marker: Readonly<Record<string, string>>): boolean | null {
    const environ = this.environ();
    if (environ === null || environ.length === 0) return null;
    return Object.entries(marker).every(([k, v]) => environ.includes(`${k}=${v}`));
  }

  /** A zombie's exit code or signal (Linux), null if it is not one (any more) or not this process. */
  zombieStatus(): ExitStatus | null {
    // A zombie keeps its pid until it is reaped: the stat that says Z also pins the identity.
    return this.stat()?.state === 'Z' ? readZombieStatus(this.pid) : null;
  }
}

function failure(error: unknown): ActOutcome {
  // os.setPriority throws ERR_SYSTEM_ERROR with the errno in info.code; process.kill sets code.
  const code = (error as { info?: { code?: string } } | null)?.info?.code ?? (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ESRCH') return { ok: false, problem: 'gone' };
  if (code === 'EPERM' || code === 'EACCES') return { ok: false, problem: 'denied', error };
  return { ok: false, problem: 'failed', error };
}
