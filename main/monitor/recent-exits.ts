// The monitor's "Recent exits": processes that started and ended within one sampling interval, so
// the sampled table never showed them. While at least one client shows the strip (the union over
// clients, like ColumnDemand), the kernel's process connector is read through the python3 helper
// (main/trace/system-events.ts); a bounded ring of such exits is kept and the new ones are pushed.
// Without Linux, python3 or the privilege: one line saying why, and nothing else changes.
// The helper is a supervised tree like a playground run: nothing survives the app.
import type { LifecycleEvent } from '../../shared/lifecycle.js';
import { RECENT_EXITS_KEEP, type RecentExit, type RecentExitsPush, type RecentExitsState, type RecentExitsStatus } from '../../shared/recent-exits.js';
import { readComm } from '../processes/process-files.js';
import type { Supervisor } from '../supervision/supervisor.js';
import { NO_PRIVILEGE_REASON, spawnSystemEvents, systemEventsUnavailable, type SystemEventsHelper } from '../trace/system-events.js';

/** Forks whose exit has not come yet, kept at most (a lost exit must not grow the map forever). */
const PENDING_MAX = 20_000;
/** New exits are pushed in batches at most this often. */
const PUSH_EVERY_MS = 250;

interface Pending {
  t: number;
  ppid: number;
  name: string | null;
}

export interface RecentExitsOptions {
  supervisor: Supervisor;
  /** The sampling interval: a process that lived less than this may never have been in a sample. */
  withinMs: () => number;
  push: (data: RecentExitsPush) => void;
  env?: NodeJS.ProcessEnv;
  /** A process name by pid (default: /proc/PID/comm). */
  comm?: (pid: number) => string | null;
}

/** Pure: the exits that count, as the strip shows them; keeps `pending` up to date. */
export class ExitTracker {
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly comm: (pid: number) => string | null = () => null) {}

  /** Returns the exit when `event` ends a process that started since we listened and lived less than `withinMs`. */
  take(event: LifecycleEvent, withinMs: number, now: number): RecentExit | null {
    if (event.type === 'fork') {
      if (this.pending.size >= PENDING_MAX) this.pending.delete(this.pending.keys().next().value!);
      this.pending.set(event.pid, { t: event.t, ppid: event.ppid, name: null });
    } else if (event.type === 'exec') {
      const p = this.pending.get(event.pid);
      if (p) p.name = event.name;
    } else if (event.type === 'exit') {
      const p = this.pending.get(event.pid);
      if (!p) return null;
      this.pending.delete(event.pid);
      const lifetimeMs = event.t - p.t;
      if (lifetimeMs >= withinMs) return null;
      // The exec's name, read from /proc when the event arrived, is "?" when the process was already
      // reaped; the exit's name (the kernel's, at exit) never is. No exec: it runs its parent's program.
      const name = (p.name !== null && p.name !== '?' ? p.name : null) ?? event.name ?? this.comm(event.pid) ?? this.comm(p.ppid) ?? '?';
      return { pid: event.pid, ppid: p.ppid, name, lifetimeMs: Math.max(0, lifetimeMs), code: event.code, signal: event.signal, endedAt: now };
    }
    return null;
  }

  clear(): void {
    this.pending.clear();
  }
}

export class RecentExits {
  private readonly watchers = new Set<object>();
  private readonly ring: RecentExit[] = [];
  private fresh: RecentExit[] = [];
  private helper: SystemEventsHelper | null = null;
  private state: RecentExitsState = 'off';
  private reason: string | null = null;
  private pushTimer: NodeJS.Timeout | null = null;
  private readonly tracker: ExitTracker;
  private disposed = false;
  /** Bumped at each start and stop: a start that lost the race to a stop does nothing. */
  private generation = 0;

  constructor(private readonly opts: RecentExitsOptions) {
    this.tracker = new ExitTracker(opts.comm ?? readComm);
  }

  status(): RecentExitsStatus {
    return { state: this.state, reason: this.reason, helperPid: this.helper?.pid ?? null, withinMs: this.opts.withinMs() };
  }

  /** A client shows (on) or hides the strip. */
  async watch(client: object, on: boolean): Promise<RecentExitsStatus & { exits: RecentExit[] }> {
    if (on && !this.disposed) this.watchers.add(client);
    else this.watchers.delete(client);
    await this.apply();
    return { ...this.status(), exits: [...this.ring] };
  }

  forget(client: object): void {
    if (this.watchers.delete(client)) void this.apply();
  }

  /** Ends the helper (the app stops); resolves once it has exited. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.watchers.clear();
    await this.stopHelper();
  }

  private async apply(): Promise<void> {
    if (this.watchers.size > 0) {
      if (!this.helper && this.state !== 'unavailable') await this.startHelper();
    } else {
      await this.stopHelper();
      if (this.state !== 'unavailable') this.setState('off', null);
    }
  }

  private setState(state: RecentExitsState, reason: string | null): void {
    if (state === this.state && reason === this.reason) return;
    this.state = state;
    this.reason = reason;
    this.pushNow();
  }

  private async startHelper(): Promise<void> {
    const gen = ++this.generation;
    const can = systemEventsUnavailable(this.opts.env ?? process.env);
    if ('reason' in can) {
      this.setState('unavailable', can.reason);
      return;
    }
    this.setState('starting', null);
    const marker = this.opts.supervisor.markerFor('recent-exits');
    try {
      await this.opts.supervisor.prepare();
    } catch (err) {
      // Not "unavailable": the next watch tries again.
      if (gen === this.generation) this.setState('off', (err as Error).message);
      return;
    }
    if (gen !== this.generation || this.watchers.size === 0 || this.helper) return;
    this.tracker.clear();
    const helper = spawnSystemEvents(can.python, {
      env: { ...(this.opts.env ?? process.env), [marker.envName]: marker.envValue },
      detached: true,
      onMessage: (msg) => {
        if (this.helper !== helper) return;
        if (msg.kind === 'ready') this.setState('listening', null);
        else if (msg.kind === 'event') this.onEvent(msg.event);
      },
    });
    this.helper = helper;
    if (helper.pid !== undefined) this.opts.supervisor.track(helper.pid, marker.token);
    this.pushNow();
    void helper.closed.then((end) => {
      if (helper.pid !== undefined) this.opts.supervisor.untrack(helper.pid);
      if (this.helper !== helper) return;
      this.helper = null;
      if (end.noPrivilege) this.setState('unavailable', NO_PRIVILEGE_REASON);
      else this.setState('off', `the kernel's process events stopped: ${end.why}`);
    });
  }

  private async stopHelper(): Promise<void> {
    this.generation++;
    const helper = this.helper;
    if (!helper) return;
    this.helper = null;
    helper.stop();
    await helper.closed;
    this.pushNow();
  }

  private onEvent(event: LifecycleEvent): void {
    const exit = this.tracker.take(event, this.opts.withinMs(), Date.now());
    if (!exit) return;
    this.ring.unshift(exit);
    if (this.ring.length > RECENT_EXITS_KEEP) this.ring.length = RECENT_EXITS_KEEP;
    this.fresh.unshift(exit);
    if (this.fresh.length > RECENT_EXITS_KEEP) this.fresh.length = RECENT_EXITS_KEEP;
    this.pushTimer ??= setTimeout(() => this.pushNow(), PUSH_EVERY_MS);
  }

  private pushNow(): void {
    if (this.pushTimer) clearTimeout(this.pushTimer);
    this.pushTimer = null;
    const exits = this.fresh;
    this.fresh = [];
    this.opts.push({ ...this.status(), exits });
  }
}
