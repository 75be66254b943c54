// The runs of one runner (lessons or the playground): their ids, the cap on runs at once (a run
// being started counts, so concurrent requests cannot pass it together), the last ended runs kept
// for `*.runs`, lookups by id, and which live pids the app started (no kill confirmation needed).
// Knows nothing of what a run does: the runner starts, stops and describes it.

/** What the registry needs of a run. */
export interface TrackedRun {
  readonly runId: string;
  running(): boolean;
  /** Pids of the run's tree not yet seen to end (none once it has ended). */
  livePids(): number[];
  /** Resolves when the run has ended. */
  readonly done: Promise<void>;
}

export interface RunRegistryOptions {
  /** Ids are `<prefix>-<time>-<app pid>-<n>`: unique across app instances (they mark processes). */
  idPrefix: string;
  /** Runs at once (counting those being started) before start() refuses. */
  maxRunning: number;
  /** Ended runs kept for listing; older ones are forgotten. */
  keepEnded: number;
  /** The refusal when full: `running` is how many run or are being started. */
  tooMany(running: number, max: number): Error;
  /** The refusal for an id that names no run (never one, or forgotten). */
  unknown(runId: string): Error;
}

let idCounter = 0;

export class RunRegistry<R extends TrackedRun> {
  private readonly runs = new Map<string, R>();
  private starting = 0;
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly opts: RunRegistryOptions) {}

  /**
   * Starts a run through `launch` under a fresh id, if the cap allows; it is listed once launch
   * resolves. A launch that throws leaves nothing behind and its error goes to the caller.
   */
  async start(launch: (runId: string) => Promise<R>): Promise<R> {
    const running = this.runningCount();
    if (running >= this.opts.maxRunning) throw this.opts.tooMany(running, this.opts.maxRunning);
    const runId = `${this.opts.idPrefix}-${Date.now().toString(36)}-${process.pid}-${++idCounter}`;
    this.starting++;
    const launched = launch(runId);
    this.pending.add(launched);
    let run: R;
    try {
      run = await launched;
    } finally {
      this.starting--;
      this.pending.delete(launched);
    }
    this.runs.set(runId, run);
    void run.done.then(() => this.prune());
    return run;
  }

  /** The run with this id, or undefined. */
  find(runId: string): R | undefined {
    return this.runs.get(runId);
  }

  /** The run with this id; throws the `unknown` refusal if there is none. */
  get(runId: string): R {
    const run = this.runs.get(runId);
    if (!run) throw this.opts.unknown(runId);
    return run;
  }

  /** Every run kept, oldest first. */
  list(): R[] {
    return [...this.runs.values()];
  }

  running(): R[] {
    return this.list().filter((r) => r.running());
  }

  /** Runs running or being started: what the cap counts. */
  runningCount(): number {
    return this.running().length + this.starting;
  }

  /** True for a live process of a running run: the app started it. */
  ownsPid(pid: number): boolean {
    return this.list().some((r) => r.running() && r.livePids().includes(pid));
  }

  trackedPids(): number[] {
    return this.list().flatMap((r) => (r.running() ? r.livePids() : []));
  }

  /** Resolves once no start is under way (whatever its outcome): a stop of every run then misses none. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private prune(): void {
    const ended = this.list().filter((r) => !r.running());
    for (const old of ended.slice(0, Math.max(0, ended.length - this.opts.keepEnded))) this.runs.delete(old.runId);
  }
}
