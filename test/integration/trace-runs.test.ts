// Playground and lesson runs traced by strace: their exact lifecycle events as the API pushes them
// (a zombie's exit and its reap a second later; an orphan handed to the lesson's subreaper), the
// observations still holding, and no FIFO folder left behind.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../shared/lessons.js';
import { FAMILY_LINE } from '../../shared/lesson-lines.js';
import type { LifecycleEvent, LifecycleSource } from '../../shared/lifecycle.js';
import type { PlaygroundEvent } from '../../shared/playground.js';
import { LessonRunner } from '../../main/lessons/lesson-runner.js';
import { PlaygroundRunner } from '../../main/playground/playground-runner.js';
import { getSupervisor } from '../../main/supervision/supervisor.js';
import { until } from '../support/marked-processes.js';
import { lineMatch, runSurvivors } from '../support/lesson-runs.js';

// This file's own temp folder: the tracers' FIFO folders must all be gone from it at the end.
const tmp = mkdtempSync(path.join(os.tmpdir(), 'procplay-trace-runs-'));
const tracerTmp = path.join(tmp, 'tmpdir');
process.env.TMPDIR = tracerTmp;
mkdirSync(tracerTmp);

afterAll(async () => {
  await getSupervisor().shutdown();
  rmSync(tmp, { recursive: true, force: true });
});

type Of<T extends LifecycleEvent['type']> = Extract<LifecycleEvent, { type: T }>;
const is =
  <T extends LifecycleEvent['type']>(type: T) =>
  (e: LifecycleEvent): e is Of<T> =>
    e.type === type;

describe('traced runs (Linux)', () => {
  it('a playground run pushes exact events: the child exits at once, its parent reaps it ~1 s later', async () => {
    const script = path.join(tmp, 'zombie.py');
    writeFileSync(
      script,
      [
        'import os, time',
        'pid = os.fork()',
        'if pid == 0:',
        '    os._exit(7)',
        'deadline = time.monotonic() + 20',
        'while time.monotonic() < deadline:',
        '    with open(f"/proc/{pid}/stat") as f:',
        '        if f.read().rsplit(")", 1)[1].split()[0] == "Z":',
        '            break',
        '    time.sleep(0.01)',
        'time.sleep(1)',
        'os.waitpid(pid, 0)',
        '',
      ].join('\n'),
    );
    const lifecycle: LifecycleEvent[] = [];
    const sources: LifecycleSource[] = [];
    const pg: PlaygroundEvent[] = [];
    const runner = new PlaygroundRunner({
      defaultCwd: tmp,
      onEvent: (_id, e) => void pg.push(e),
      onLifecycle: (_id, events, source) => {
        sources.push(source);
        lifecycle.push(...events);
      },
    });
    const info = await runner.runFile({ path: script });
    await runner.whenDone(info.runId);
    await runner.lifecycle(info.runId)!.done;
    expect(sources.every((s) => s.exact)).toBe(true);
    expect(lifecycle[0]).toEqual({ type: 'fork', t: 0, pid: info.pid, ppid: process.pid });
    expect(lifecycle.filter(is('exec')).some((e) => e.pid === info.pid && e.argv.includes(script))).toBe(true);
    const exit = lifecycle.filter(is('exit')).find((e) => e.code === 7)!;
    expect(lifecycle.filter(is('fork')).find((e) => e.pid === exit.pid)).toMatchObject({ ppid: info.pid });
    const reap = lifecycle.filter(is('reap')).find((e) => e.pid === exit.pid)!;
    expect(reap).toMatchObject({ by: info.pid, how: 'parent-wait' });
    expect(reap.t - exit.t).toBeGreaterThan(900);
    expect(reap.t - exit.t).toBeLessThan(10_000);
    // The root's exit and its reap by the runner close the stream.
    expect(lifecycle.filter(is('exit')).find((e) => e.pid === info.pid)).toMatchObject({ code: 0 });
    expect(lifecycle.at(-1)).toMatchObject({ type: 'reap', pid: info.pid, by: process.pid });
    // The sampled tree does not list strace's own processes.
    expect(pg.filter((e): e is Extract<PlaygroundEvent, { type: 'proc-start' }> => e.type === 'proc-start').map((e) => e.name)).not.toContain('strace');
    expect(readdirSync(tracerTmp)).toEqual([]);
  });

  it('the orphan lesson, traced: fork, the parent exits, the child is re-parented to the subreaper, which reaps it', async () => {
    const events: LessonEvent[] = [];
    const lifecycle: LifecycleEvent[] = [];
    let traced = false;
    const runner = new LessonRunner({
      onEvent: (_r, _l, e) => void events.push(e),
      onLifecycle: (_r, _l, batch, source) => {
        traced = source.exact;
        lifecycle.push(...batch);
      },
    });
    const { runId } = await runner.run('orphan');
    await until(() => events.some((e) => e.type === 'run-end'), 30_000);
    expect(events.at(-1)).toMatchObject({ type: 'run-end', ok: true, stopped: false });
    expect(traced).toBe(true);
    const [, parentPid, childPid] = lineMatch(events, FAMILY_LINE)[0]!.map(Number);
    const reaperPid = Number(lineMatch(events, /^main: the reaper is pid (\d+)/)[0]![1]);
    await until(() => lifecycle.some((e) => e.type === 'reap' && e.pid === childPid), 10_000);
    expect(lifecycle.filter(is('fork')).find((e) => e.pid === childPid)).toMatchObject({ ppid: parentPid });
    const parentExit = lifecycle.filter(is('exit')).find((e) => e.pid === parentPid)!;
    const reparent = lifecycle.filter(is('reparent')).find((e) => e.pid === childPid)!;
    expect(reparent).toMatchObject({ oldPpid: parentPid, newPpid: reaperPid });
    expect(reparent.t).toBeGreaterThanOrEqual(parentExit.t);
    const childExit = lifecycle.filter(is('exit')).find((e) => e.pid === childPid)!;
    const childReap = lifecycle.filter(is('reap')).find((e) => e.pid === childPid)!;
    expect(childReap).toMatchObject({ by: reaperPid, how: 'subreaper' });
    expect(childReap.t).toBeGreaterThanOrEqual(childExit.t);
    expect(runSurvivors(runId)).toEqual([]);
  });
});
