// The one order in which the app ends processes, whoever names them: SIGTERM; a grace period,
// cut short as soon as nothing is left; then SIGKILL rounds until a round finds nothing (a tree
// that forks while being killed is caught by the next round), or until the give-up limit (a
// process in uninterruptible sleep cannot be ended). What each step signals is the caller's:
// stop-run.ts ends runs (a runner's group, marker and pinned members), supervision/sweep.ts the
// trees of an app that is gone (the watchdog's registrations and owner prefix). Imports nothing:
// the watchdog loads it in its own small process.

export interface StopSteps {
  /** Sends SIGTERM; true when it found nothing to signal (then there is nothing to end). Absent: SIGKILL at once. */
  term?(): boolean;
  /** A look during the grace period, no signal sent: true when nothing is left for SIGTERM to end. */
  nothingLeft(): boolean;
  /** Sends one round of SIGKILL; true when it found nothing left. */
  kill(): boolean;
  /** Before each SIGKILL round (the playground's tree watch takes a look). */
  beforeRound?(): Promise<void>;
  /** Resolves at the next end the caller is told of (a runner's exit report): it cuts a pause short. */
  nextEnd?(): Promise<void>;
}

export interface StopLimits {
  /** From SIGTERM to the first SIGKILL round. */
  graceMs: number;
  /** Pause between looks during the grace period and between SIGKILL rounds. */
  pollMs?: number;
  /** SIGKILL rounds stop after this long... */
  giveUpMs?: number;
  /** ...or after this many rounds, whichever comes first. */
  maxKillRounds?: number;
}

/** Both stops' pause between two looks and between two SIGKILL rounds. */
const STOP_POLL_MS = 50;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs the sequence; resolves true when a step found nothing left, false when it gave up. */
export async function runStopSequence(steps: StopSteps, limits: StopLimits): Promise<boolean> {
  const pollMs = limits.pollMs ?? STOP_POLL_MS;
  const pause = (ms: number) => (steps.nextEnd ? Promise.race([steps.nextEnd(), sleep(ms)]) : sleep(ms));
  if (steps.term) {
    if (steps.term()) return true;
    const deadline = performance.now() + limits.graceMs;
    while (performance.now() < deadline) {
      await pause(Math.min(pollMs, Math.max(0, deadline - performance.now())));
      // Nothing left for SIGTERM to end: no reason to wait out the grace period. One SIGKILL round
      // still follows (what the look cannot see, a group's unmarked members, is reached there).
      if (steps.nothingLeft()) break;
    }
  }
  const giveUp = performance.now() + (limits.giveUpMs ?? Infinity);
  const maxRounds = limits.maxKillRounds ?? Infinity;
  for (let round = 1; ; round++) {
    await steps.beforeRound?.();
    if (steps.kill()) return true;
    if (performance.now() >= giveUp || round >= maxRounds) return false;
    await pause(pollMs);
  }
}
