// The registry both runners keep their runs in: the cap counts runs being started, the last N
// ended runs are kept for listing, an unknown id is refused with the runner's own error.
import { describe, expect, it } from 'vitest';
import { RunRegistry, type TrackedRun } from '../../main/runs/run-registry.js';

class FakeRun implements TrackedRun {
  ended = false;
  readonly done: Promise<void>;
  private resolveDone!: () => void;
  constructor(
    readonly runId: string,
    private readonly pids: number[] = [],
  ) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }
  running(): boolean {
    return !this.ended;
  }
  livePids(): number[] {
    return this.ended ? [] : this.pids;
  }
  end(): Promise<void> {
    this.ended = true;
    this.resolveDone();
    return this.done;
  }
}

class Refusal extends Error {}

function registry(maxRunning: number, keepEnded: number) {
  return new RunRegistry<FakeRun>({
    idPrefix: 't',
    maxRunning,
    keepEnded,
    tooMany: (running, max) => new Refusal(`${running} running, at most ${max}`),
    unknown: (runId) => new Refusal(`no run "${runId}"`),
  });
}

/** A launch the test finishes by hand: the run is "being started" until then. */
function pendingLaunch() {
  let finish!: (run: FakeRun) => void;
  let fail!: (err: Error) => void;
  let id = '';
  const launch = (runId: string) => {
    id = runId;
    return new Promise<FakeRun>((resolve, reject) => ((finish = resolve), (fail = reject)));
  };
  return { launch, finish: (pids: number[] = []) => finish(new FakeRun(id, pids)), fail: (err: Error) => fail(err), id: () => id };
}

describe('run registry', () => {
  it('counts runs being started against the cap, and frees the place of one that failed to start', async () => {
    const reg = registry(2, 10);
    const a = pendingLaunch();
    const b = pendingLaunch();
    const startA = reg.start(a.launch);
    const startB = reg.start(b.launch);
    // Neither has started yet, and the third is refused already: nothing of it is launched.
    let launched = false;
    await expect(reg.start(async (id) => ((launched = true), new FakeRun(id)))).rejects.toThrow('2 running, at most 2');
    expect(launched).toBe(false);
    expect(reg.runningCount()).toBe(2);
    expect(reg.list()).toEqual([]);
    b.fail(new Error('EAGAIN'));
    await expect(startB).rejects.toThrow('EAGAIN');
    expect(reg.runningCount()).toBe(1);
    a.finish([4242]);
    const runA = await startA;
    expect(reg.list()).toEqual([runA]);
    expect(reg.ownsPid(4242)).toBe(true);
    expect(reg.trackedPids()).toEqual([4242]);
    // One place is free again: one more start passes, the next is refused.
    const c = await reg.start(async (id) => new FakeRun(id));
    await expect(reg.start(async (id) => new FakeRun(id))).rejects.toThrow(Refusal);
    await runA.end();
    expect(reg.ownsPid(4242)).toBe(false);
    expect(reg.running()).toEqual([c]);
    expect((await reg.start(async (id) => new FakeRun(id))).runId).toMatch(new RegExp(`^t-[0-9a-z]+-${process.pid}-\\d+$`));
  });

  it('keeps the last N ended runs, oldest forgotten first, and every running one', async () => {
    const reg = registry(100, 3);
    const runs: FakeRun[] = [];
    for (let i = 0; i < 6; i++) runs.push(await reg.start(async (id) => new FakeRun(id)));
    expect(new Set(runs.map((r) => r.runId)).size).toBe(6);
    // The registry prunes on the end's promise, before the awaiting test goes on.
    for (const r of runs.slice(0, 5)) await r.end();
    expect(reg.list().map((r) => r.runId)).toEqual([runs[2], runs[3], runs[4], runs[5]].map((r) => r!.runId));
    expect(reg.find(runs[0]!.runId)).toBeUndefined();
    expect(reg.find(runs[4]!.runId)).toBe(runs[4]);
  });

  it('refuses an unknown id with the runner\'s error; find says undefined', () => {
    const reg = registry(1, 1);
    expect(() => reg.get('t-nope')).toThrow(Refusal);
    expect(() => reg.get('t-nope')).toThrow('no run "t-nope"');
    expect(reg.find('t-nope')).toBeUndefined();
  });

  it('settled() waits for the starts under way, so a stop of every run finds them', async () => {
    const reg = registry(5, 5);
    const a = pendingLaunch();
    const start = reg.start(a.launch);
    let settled = false;
    const waiting = reg.settled().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    a.finish();
    await waiting;
    expect(reg.running().map((r) => r.runId)).toEqual([(await start).runId]);
  });
});
