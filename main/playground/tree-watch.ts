// Samples the process table for the playground's tracked trees only, every ~100 ms on Linux (the
// /proc adapter of the monitor, reused: a tick re-reads kept-open stat files) and every 500 ms
// elsewhere (ps-based, heavier). One loop serves every running tree; it stops when none is left.
// The environment marker of a process is read once per identity (it changes only with an exec).
import { createLister, type ProcessLister } from '../processes/create-sampler.js';
import { readTokens } from '../supervision/proc-scan.js';
import { advanceTree, type ListedProc, type TreeChange, type TreeState } from './tree-tracker.js';

export const TREE_INTERVAL_LINUX_MS = 100;
export const TREE_INTERVAL_OTHER_MS = 500;
/** A process younger than this whose environment shows no token is asked again at the next look. */
const YOUNG_MS = 1000;

export interface WatchedTree {
  state: TreeState;
  /** The token a process must carry to belong by marker (Linux only). */
  token: string | null;
  onChanges(changes: TreeChange[]): void;
}

export interface TreeWatchOptions {
  intervalMs?: number;
  /** The listing; defaults to the OS adapter. */
  list?: () => ListedProc[] | Promise<ListedProc[]>;
  /** A process's owner tokens; defaults to /proc/PID/environ on Linux, none elsewhere. */
  tokensOf?: (pid: number) => string[];
}

export class TreeWatch {
  private readonly trees = new Set<WatchedTree>();
  private readonly intervalMs: number;
  private readonly list: () => ListedProc[] | Promise<ListedProc[]>;
  private readonly tokensOf: (pid: number) => string[];
  /** Tokens per identity ("pid:startTime:name"), kept while the identity is listed. */
  private tokenCache = new Map<string, string[]>();
  private timer: NodeJS.Timeout | null = null;
  /** The look under way, and the one queued to begin after it. */
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private lister: ProcessLister | null = null;

  constructor(opts: TreeWatchOptions = {}) {
    const linux = process.platform === 'linux';
    this.intervalMs = opts.intervalMs ?? (linux ? TREE_INTERVAL_LINUX_MS : TREE_INTERVAL_OTHER_MS);
    this.tokensOf = opts.tokensOf ?? (linux ? readTokens : () => []);
    this.list = opts.list ?? (() => this.listFromAdapter());
  }

  add(tree: WatchedTree): void {
    this.trees.add(tree);
    if (!this.timer) {
      // A timer tick while a look is under way is skipped: the timer keeps the pace, not a queue.
      this.timer = setInterval(() => void (this.running ?? this.tick()), this.intervalMs);
      this.timer.unref();
    }
  }

  remove(tree: WatchedTree): void {
    this.trees.delete(tree);
    if (this.trees.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
      this.tokenCache.clear();
      this.lister?.close();
      this.lister = null;
    }
  }

  /**
   * A look at the table that begins after this call (what the timer runs, and what a run asks for
   * when its root exits: a look already under way may predate a descendant's fork). Calls made
   * while a look runs share the one queued after it.
   */
  tick(): Promise<void> {
    if (this.trees.size === 0) return Promise.resolve();
    if (!this.running) {
      this.running = this.look().finally(() => {
        this.running = null;
      });
      return this.running;
    }
    this.queued ??= this.running.then(() => {
      this.queued = null;
      return this.tick();
    });
    return this.queued;
  }

  private async look(): Promise<void> {
    try {
      const listing = await this.list();
      const cache = new Map<string, string[]>();
      const youngSince = Date.now() - YOUNG_MS;
      const isMarked = (tree: WatchedTree) => (p: ListedProc): boolean => {
        if (!tree.token) return false;
        const key = `${p.pid}:${p.startTime}:${p.name}`;
        let tokens = cache.get(key) ?? this.tokenCache.get(key);
        if (!tokens) {
          tokens = this.tokensOf(p.pid);
          // No token read from a process just started may be a read in the middle of its exec
          // (its environment not in place yet): ask again next time rather than remember "none".
          if (tokens.length > 0 || p.startTime < youngSince) cache.set(key, tokens);
        } else cache.set(key, tokens);
        return tokens.includes(tree.token);
      };
      for (const tree of [...this.trees]) {
        const changes = advanceTree(tree.state, listing, isMarked(tree));
        tree.onChanges(changes);
      }
      // Keep the tokens of identities still listed (read now or before); forget the others.
      for (const p of listing) {
        const key = `${p.pid}:${p.startTime}:${p.name}`;
        if (!cache.has(key)) {
          const old = this.tokenCache.get(key);
          if (old) cache.set(key, old);
        }
      }
      this.tokenCache = cache;
    } catch {
      // a failed sample is retried at the next tick
    }
  }

  private async listFromAdapter(): Promise<ListedProc[]> {
    this.lister ??= createLister();
    const raw = await this.lister.list();
    return raw.map((p) => ({ pid: p.pid, ppid: p.ppid, startTime: p.startTime, name: p.name, command: p.command, state: p.state }));
  }
}
