// Turns the lines of `strace -f -ttt -r` into lifecycle events. Pure (the one outside fact it
// needs, a live process's parent after an orphaning, comes from an injected function), so it is
// unit-tested on captured strace output.
//
// What strace prints and what the events say are not the same thing:
// - strace names threads by tid; events name processes (thread groups). A clone with CLONE_THREAD
//   makes a thread of the caller's process, anything else a new process.
// - A child's own lines can come before its parent's `<... clone resumed> = PID`: they wait in a
//   buffer until that line says who the child is.
// - `exit` is the `+++ exited with N +++` / `+++ killed by SIG +++` line of a process's last
//   thread; `reap` is a wait4/waitid that returned its pid. Between the two it is a zombie.
// - A process whose parent is not traced (the run's root, whose parent is the runner; an orphan,
//   whose parent is now init or a subreaper) is reaped by a wait strace cannot see: its reap is
//   recorded at its exit, which is when such parents collect it.
import type { LifecycleEvent, ReapHow } from '../../shared/lifecycle.js';
import { baseName, execArgs, killArgs, parseStraceLine, type StraceBody, type StraceLine } from './strace-line.js';

export interface StraceEventsOptions {
  /** The traced program's pid (with `strace -D` the spawned process itself); default: the first line's. */
  rootPid?: number;
  /** The root's parent (the runner), which reaps it. */
  rootPpid?: number;
  /** Epoch ms at which t = 0; default: the first line's timestamp. */
  epochMs?: number;
  /** The current parent of a live process (Linux: /proc/PID/stat), asked when its parent ends; null if unknown. */
  readPpid?: (pid: number) => number | null;
}

interface Proc {
  pid: number;
  ppid: number;
  exited: boolean;
  reaped: boolean;
}

/** A call started but not yet returned, per thread. */
interface Pending {
  name: string;
  args: string;
  t: number;
}

/** Lines of a thread not yet known (its creator's clone has not returned), replayed once it is. */
interface Buffered {
  line: StraceLine;
  t: number;
}

const FORK_CALLS = new Set(['fork', 'vfork', 'clone', 'clone3']);
const EXEC_CALLS = new Set(['execve', 'execveat']);
const KILL_CALLS = new Set(['kill', 'tkill', 'tgkill']);
/** Signals the kernel sends as a notice, shown by other events already (SIGCHLD = a child's exit). */
const QUIET_SIGNALS = new Set(['SIGCHLD']);
/** si_code values that carry the sender's pid. */
const SENDER_CODES = new Set(['SI_USER', 'SI_TKILL', 'SI_QUEUE']);
/** Unknown threads buffered at most this many lines each, and this many threads: a bounded buffer. */
const MAX_BUFFERED_LINES = 256;
const MAX_BUFFERED_TIDS = 1024;

export class StraceEvents {
  /** tid -> the pid (tgid) of its process. */
  private readonly tgid = new Map<number, number>();
  /** pid -> its threads other than the main one. */
  private readonly threads = new Map<number, Set<number>>();
  private readonly procs = new Map<number, Proc>();
  private readonly pending = new Map<number, Pending>();
  private readonly unknown = new Map<number, Buffered[]>();
  /** Processes whose parent ended before them. */
  private readonly orphans = new Set<number>();
  /**
   * Zombies orphaned with their new parent unknown (a zombie's /proc is not read): a traced
   * subreaper's wait says who collects them; one that never comes means a reaper strace does not
   * follow (init), recorded when the output ends. pid -> the time it was orphaned.
   */
  private readonly orphanZombies = new Map<number, number>();
  private rootPid: number | null;
  private epochMs: number | null;
  private firstAbs: number | null = null;
  /** Sum of -r deltas: seconds since the first line, from strace's monotonic clock. */
  private mono = 0;
  private usesRel = false;
  private partial = '';
  private out: LifecycleEvent[] = [];
  /** Lines read so far. */
  lines = 0;

  constructor(private readonly opts: StraceEventsOptions = {}) {
    this.rootPid = opts.rootPid ?? null;
    this.epochMs = opts.epochMs ?? null;
    if (this.rootPid !== null) this.addProc(this.rootPid, opts.rootPpid ?? 0);
  }

  /** Feeds a chunk of output (any split); returns the events of its complete lines. */
  push(chunk: string): LifecycleEvent[] {
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop()!;
    for (const line of lines) this.line(line);
    return this.take();
  }

  /** The output ended: reads a last unterminated line and returns the remaining events. */
  end(): LifecycleEvent[] {
    if (this.partial) this.line(this.partial);
    this.partial = '';
    for (const [pid, t] of [...this.orphanZombies]) this.reap(pid, 1, t);
    return this.take();
  }

  private take(): LifecycleEvent[] {
    const out = this.out;
    this.out = [];
    return out;
  }

  private line(text: string): void {
    const parsed = parseStraceLine(text.endsWith('\r') ? text.slice(0, -1) : text);
    if (!parsed) return;
    this.lines++;
    const t = this.time(parsed);
    const tid = parsed.tid ?? this.rootPid;
    if (tid === null) return;
    if (this.rootPid === null) {
      this.rootPid = tid;
      this.addProc(tid, this.opts.rootPpid ?? 0);
    }
    if (!this.tgid.has(tid)) {
      this.buffer(tid, parsed, t);
      return;
    }
    this.handle(tid, parsed.body, t);
  }

  /** ms since t = 0: the first line's absolute stamp anchors it, the monotonic -r deltas carry it on. */
  private time(line: StraceLine): number {
    if (line.rel !== null) {
      this.usesRel = true;
      this.mono += line.rel;
    }
    if (this.firstAbs === null && line.abs !== null) {
      this.firstAbs = line.abs;
      this.mono = 0; // the first delta is from strace's start, not from a line
      this.epochMs ??= line.abs * 1000;
    }
    if (this.firstAbs === null) return this.mono * 1000;
    const anchor = this.firstAbs * 1000 - (this.epochMs ?? 0);
    if (this.usesRel) return anchor + this.mono * 1000;
    return (line.abs ?? this.firstAbs) * 1000 - (this.epochMs ?? 0);
  }

  private buffer(tid: number, line: StraceLine, t: number): void {
    let list = this.unknown.get(tid);
    if (!list) {
      if (this.unknown.size >= MAX_BUFFERED_TIDS) return;
      list = [];
      this.unknown.set(tid, list);
    }
    if (list.length < MAX_BUFFERED_LINES) list.push({ line, t });
  }

  private addProc(pid: number, ppid: number): void {
    this.tgid.set(pid, pid);
    this.procs.set(pid, { pid, ppid, exited: false, reaped: false });
  }

  private emit(event: LifecycleEvent): void {
    this.out.push(event);
  }

  private handle(tid: number, body: StraceBody, t: number): void {
    const pid = this.tgid.get(tid)!;
    switch (body.kind) {
      case 'call':
        this.call(pid, body.name, body.args, body.ret, t, t);
        return;
      case 'unfinished':
        this.pending.set(tid, { name: body.name, args: body.args, t });
        return;
      case 'resumed': {
        const started = this.pending.get(tid);
        this.pending.delete(tid);
        if (started && started.name !== body.name) return;
        this.call(pid, body.name, `${started?.args ?? ''}${body.args}`, body.ret, started?.t ?? t, t);
        return;
      }
      case 'pid-changed': {
        // A thread's exec: the process keeps its pid (the leader's), the thread's tid goes away.
        this.pending.delete(tid);
        this.tgid.delete(tid);
        this.threads.get(body.newPid)?.delete(tid);
        this.tgid.set(body.newPid, body.newPid);
        this.pending.set(body.newPid, { name: body.name, args: '', t });
        this.exec(body.newPid, body.name, body.args, t);
        return;
      }
      case 'superseded':
        return;
      case 'exited':
      case 'killed': {
        this.pending.delete(tid);
        if (tid !== pid) {
          this.tgid.delete(tid); // a thread ended; its process goes on
          this.threads.get(pid)?.delete(tid);
          return;
        }
        const proc = this.procs.get(pid);
        if (!proc || proc.exited) return;
        for (const other of this.threads.get(pid) ?? []) this.tgid.delete(other);
        this.threads.delete(pid);
        proc.exited = true;
        if (body.kind === 'exited') this.emit({ type: 'exit', t, pid, code: body.code, signal: null });
        else this.emit({ type: 'exit', t, pid, code: null, signal: body.signal, ...(body.core ? { core: true as const } : {}) });
        this.orphanChildren(pid, t);
        // A parent strace cannot see (the runner, init, an outside subreaper) collects it at once.
        if (!this.traced(proc.ppid)) this.reap(pid, proc.ppid, t);
        return;
      }
      case 'signal': {
        if (QUIET_SIGNALS.has(body.signal)) return;
        const fromTraced = body.senderPid !== null && SENDER_CODES.has(body.code ?? '') && this.traced(body.senderPid);
        if (fromTraced) return; // its kill() call was an event already
        const sender = body.senderPid !== null && SENDER_CODES.has(body.code ?? '') ? body.senderPid : null;
        this.emit({ type: 'signal', t, sender, target: pid, signal: body.signal });
        return;
      }
      default:
        return;
    }
  }

  /** True for a live process strace follows (its waits are seen). */
  private traced(pid: number): boolean {
    const p = this.procs.get(pid);
    return !!p && !p.exited;
  }

  private call(pid: number, name: string, args: string, ret: number | null, tStart: number, tEnd: number): void {
    if (FORK_CALLS.has(name)) {
      if (ret === null || ret <= 0) return;
      if (/\bCLONE_THREAD\b/.test(args)) {
        this.tgid.set(ret, pid);
        let set = this.threads.get(pid);
        if (!set) this.threads.set(pid, (set = new Set()));
        set.add(ret);
        this.replay(ret);
        return;
      }
      // CLONE_PARENT: the new process is its creator's sibling.
      const ppid = /\bCLONE_PARENT\b(?!_)/.test(args) ? (this.procs.get(pid)?.ppid ?? pid) : pid;
      // The pid is taken again: a zombie waiting for an unknown reaper was collected unseen.
      const unseen = this.orphanZombies.get(ret);
      if (unseen !== undefined) this.reap(ret, 1, unseen);
      const old = this.procs.get(ret);
      if (old && !old.reaped) this.procs.delete(ret);
      this.addProc(ret, ppid);
      this.emit({ type: 'fork', t: tStart, pid: ret, ppid });
      this.replay(ret);
      return;
    }
    if (EXEC_CALLS.has(name)) {
      if (ret !== 0) return; // a failed exec (ENOENT while searching PATH) changes nothing
      this.exec(pid, name, args, tStart);
      return;
    }
    if (name === 'wait4' || name === 'waitid') {
      const reaped = name === 'wait4' ? waited4(args, ret) : waitedId(args, ret);
      if (reaped === null) return;
      const proc = this.procs.get(reaped);
      if (proc?.reaped) return;
      // An orphan's reaper is not its parent: a subreaper (prctl PR_SET_CHILD_SUBREAPER) took it in.
      const how: ReapHow = this.orphans.has(reaped) || (proc && proc.ppid !== pid) ? 'subreaper' : 'parent-wait';
      this.reapAs(reaped, pid, how, tEnd);
      return;
    }
    if (KILL_CALLS.has(name)) {
      if (ret !== 0) return;
      const k = killArgs(name, args);
      if (!k) return;
      const target = name === 'tkill' ? (this.tgid.get(k.target) ?? k.target) : k.target;
      this.emit({ type: 'signal', t: tStart, sender: pid, target, signal: k.signal });
    }
  }

  private exec(pid: number, name: string, args: string, t: number): void {
    const parsed = execArgs(name, args);
    if (!parsed) return;
    this.emit({ type: 'exec', t, pid, name: baseName(parsed.file), argv: parsed.argv });
  }

  private replay(tid: number): void {
    const lines = this.unknown.get(tid);
    if (!lines) return;
    this.unknown.delete(tid);
    for (const b of lines) this.handle(tid, b.line.body, b.t);
  }

  /** The children of an ended process are re-parented (to init or the nearest subreaper). */
  private orphanChildren(parent: number, t: number): void {
    for (const child of this.procs.values()) {
      if (child.ppid !== parent || child.reaped || child.pid === parent) continue;
      const newPpid = child.exited ? null : (this.opts.readPpid?.(child.pid) ?? null);
      child.ppid = newPpid ?? 1;
      this.orphans.add(child.pid);
      this.emit({ type: 'reparent', t, pid: child.pid, oldPpid: parent, newPpid });
      // A zombie handed to a reaper strace does not follow is collected by it right away; where
      // that reaper is unknown, a traced subreaper's wait may yet name it (zombie lesson).
      if (child.exited && newPpid === null) this.orphanZombies.set(child.pid, t);
      else if (child.exited && !this.traced(child.ppid)) this.reap(child.pid, child.ppid, t);
    }
  }

  /** A reap by a parent strace does not follow. */
  private reap(pid: number, by: number, t: number): void {
    const how: ReapHow = !this.orphans.has(pid) ? 'parent-wait' : by === 1 ? 'init' : 'subreaper';
    this.reapAs(pid, by, how, t);
  }

  private reapAs(pid: number, by: number, how: ReapHow, t: number): void {
    const proc = this.procs.get(pid);
    if (proc) {
      proc.reaped = true;
      this.procs.delete(pid);
      this.orphans.delete(pid);
      this.orphanZombies.delete(pid);
      // The pid is free: a later process may get it.
      if (proc.exited) {
        this.tgid.delete(pid);
        this.pending.delete(pid);
      }
    }
    this.emit({ type: 'reap', t, pid, by, how });
  }

  /** Pids seen and not yet reaped (for a caller that wants to close them off). */
  livePids(): number[] {
    return [...this.procs.values()].filter((p) => !p.exited).map((p) => p.pid);
  }
}

/** wait4's reaped pid: its return value, unless the status says stopped/continued (WUNTRACED, WCONTINUED). */
function waited4(args: string, ret: number | null): number | null {
  if (ret === null || ret <= 0) return null;
  if (/WIFSTOPPED|WIFCONTINUED/.test(args)) return null;
  return ret;
}

/** waitid's reaped pid: the infop's si_pid for an exited or killed child, unless WNOWAIT left it a zombie. */
function waitedId(args: string, ret: number | null): number | null {
  if (ret !== 0) return null;
  if (/\bWNOWAIT\b/.test(args)) return null;
  const code = /si_code=(CLD_[A-Z]+)/.exec(args)?.[1];
  if (code !== 'CLD_EXITED' && code !== 'CLD_KILLED' && code !== 'CLD_DUMPED') return null;
  const pid = /si_pid=(\d+)/.exec(args);
  return pid ? Number(pid[1]) : null;
}
