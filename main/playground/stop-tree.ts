// Ends one run's whole tree, whatever it does: SIGTERM to its process group, to every process
// carrying its marker (those that left the group: setsid) and to every member the tree watch
// knows; SIGKILL to all of them after the grace period, repeated until none is left. On Windows
// there are no groups or signals: taskkill /T /F on the root (and on each known member).
import { spawn } from 'node:child_process';
import { PLAYGROUND_STOP_GRACE_MS } from '../app/limits.js';
import { endTarget, signalQuietly } from '../supervision/sweep.js';


export interface StopTarget {
  rootPid: number;
  token: string;
  /** Members the tree watch knows (any platform; catches env-cleared processes outside the group). */
  knownPids: () => number[];
}

/** Windows ends a tree with taskkill /T; the pid is always one we spawned or saw, and checked to be a plain integer first. */
function taskkill(pid: number): Promise<void> {
  return new Promise((resolve) => {
    if (!Number.isSafeInteger(pid) || pid <= 0) return resolve();
    const p = spawn('taskkill', ['/T', '/F', '/PID', String(pid)], { stdio: 'ignore', windowsHide: true });
    p.on('error', () => resolve());
    p.on('exit', () => resolve());
  });
}

/** Resolves once the signals are sent and the sweep saw nothing left (or gave up after its rounds). */
export function stopTree(target: StopTarget, graceMs = PLAYGROUND_STOP_GRACE_MS): Promise<void> {
  return stopTrees([target], graceMs);
}

/**
 * Ends many trees at once (stopping every run of an instance): one sweep whose every round is one
 * scan of the process table for all of them, where a sweep per tree would scan once per tree.
 */
export async function stopTrees(targets: readonly StopTarget[], graceMs = PLAYGROUND_STOP_GRACE_MS): Promise<void> {
  if (!targets.length) return;
  if (process.platform === 'win32') {
    await Promise.all(
      targets.map(async (target) => {
        await taskkill(target.rootPid);
        for (const pid of target.knownPids()) await taskkill(pid);
      }),
    );
    return;
  }
  const spare = new Set([process.pid]);
  const signalKnown = (signal: NodeJS.Signals) => {
    for (const target of targets) for (const pid of target.knownPids()) if (!spare.has(pid)) signalQuietly(pid, signal);
  };
  signalKnown('SIGTERM');
  const escalate = setTimeout(() => signalKnown('SIGKILL'), graceMs);
  try {
    await endTarget({ groups: targets.map((t) => t.rootPid), tokens: new Set(targets.map((t) => t.token)), prefixes: [], spare }, { graceMs });
  } finally {
    clearTimeout(escalate);
  }
}

/** SIGKILL to the members still known (the runner repeats it until the tree watch sees none). */
export function killKnown(pids: readonly number[]): void {
  for (const pid of pids) if (pid !== process.pid) signalQuietly(pid, process.platform === 'win32' ? 'SIGTERM' : 'SIGKILL');
}
