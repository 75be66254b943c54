// The states lesson, run for real: the worker is seen running (R) and sleeping (S); stopped with
// SIGSTOP (as the Stop button does) it shows T, and after SIGCONT it goes on. Run to its end
// without anybody stopping it, the main program shows the stop itself. Nothing is left behind.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../shared/lessons.js';
import { isStatesWorkerStart, NOBODY_STOPPED_LINE, WORKER_STATE_LINE } from '../../shared/lesson-lines.js';
import type { LifecycleSource } from '../../shared/lifecycle.js';
import { states as statesLesson } from '../../main/lessons/catalog/states.js';
import { LessonRunner } from '../../main/lessons/lesson-runner.js';
import { sleep, until } from '../support/marked-processes.js';
import { runSurvivors, verdicts } from '../support/lesson-runs.js';

async function makeRun() {
  const events: LessonEvent[] = [];
  const sources: LifecycleSource[] = [];
  const runner = new LessonRunner({ onEvent: (_r, _l, e) => void events.push(e), onLifecycle: (_r, _l, _e, source) => void sources.push(source) });
  const { runId, pid } = await runner.run('states');
  return { runner, runId, mainPid: pid, events, sources };
}

const workerOf = (events: LessonEvent[]) => events.find((e): e is Extract<LessonEvent, { type: 'start' }> => e.type === 'start' && isStatesWorkerStart(e.name));
const states = (events: LessonEvent[], pid: number) =>
  events.flatMap((e) => {
    const m = e.type === 'output' ? WORKER_STATE_LINE.exec(e.text) : null;
    return m && Number(m[1]) === pid ? [m[2]!] : [];
  });
const gone = (pids: number[]) => pids.filter((pid) => existsSync(`/proc/${pid}`));

describe('the states lesson (Linux)', () => {
  it('stopped with SIGSTOP the worker shows T, continued it runs and sleeps again; then the run is stopped cleanly', async () => {
    const { runner, runId, mainPid, events, sources } = await makeRun();
    try {
      expect(await until(() => !!workerOf(events), 5000)).toBe(true);
      const worker = workerOf(events)!.pid;
      expect(await until(() => states(events, worker).includes('S'), 5000)).toBe(true);
      process.kill(worker, 'SIGSTOP');
      expect(await until(() => states(events, worker).at(-1) === 'T', 2000)).toBe(true);
      // Not traced (the catalogue says why): a traced stopped process would show t.
      expect(readFileSync(`/proc/${worker}/stat`, 'latin1')).toMatch(/\) T /);
      expect(await until(() => sources.length > 0, 5000)).toBe(true);
      expect(statesLesson.untracedBecause).toMatch(/not traced/);
      expect(sources[0]).toEqual({ exact: false, reason: statesLesson.untracedBecause });
      await sleep(500);
      const printedWhileStopped = events.filter((e) => e.type === 'output' && e.pid === worker).length;
      await sleep(1200);
      expect(events.filter((e) => e.type === 'output' && e.pid === worker).length).toBe(printedWhileStopped); // a stopped process does nothing
      process.kill(worker, 'SIGCONT');
      expect(await until(() => ['R', 'S'].includes(states(events, worker).at(-1)!), 2000)).toBe(true);
      expect(await until(() => Object.keys(verdicts(events)).length === 3, 5000)).toBe(true);
      const v = verdicts(events);
      expect(Object.values(v).every((x) => x.ok)).toBe(true);
      expect(v['stopped-then-continued']!.reason.en).toMatch(/^you stopped it: T at/);
      expect(events.some((e) => e.type === 'output' && NOBODY_STOPPED_LINE.test(e.text))).toBe(false);

      expect(await runner.stop(runId)).toBe(true);
      expect(events.at(-1)).toMatchObject({ type: 'run-end', ok: true, stopped: true });
      expect(runSurvivors(runId)).toEqual([]);
      expect(gone([mainPid, worker])).toEqual([]);
    } finally {
      await runner.stop(runId);
    }
  });

  it('stopping the lesson while its worker is stopped (T) still ends everything at once', async () => {
    const { runner, runId, mainPid, events } = await makeRun();
    expect(await until(() => !!workerOf(events), 5000)).toBe(true);
    const worker = workerOf(events)!.pid;
    process.kill(worker, 'SIGSTOP');
    expect(await until(() => states(events, worker).includes('T'), 3000)).toBe(true);
    const t0 = performance.now();
    expect(await runner.stop(runId)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(1000); // no wait for a SIGKILL escalation
    expect(events.find((e) => e.type === 'exit' && e.pid === worker)).toMatchObject({ signal: 'SIGTERM' });
    expect(runSurvivors(runId)).toEqual([]);
    expect(gone([mainPid, worker])).toEqual([]);
  });

  it('run to its end with nobody stopping it, the main program shows SIGSTOP and SIGCONT itself; all observations hold', async () => {
    const { runId, mainPid, events } = await makeRun();
    expect(await until(() => events.some((e) => e.type === 'run-end'), 35_000)).toBe(true);
    const worker = workerOf(events)!.pid;
    const seq = states(events, worker);
    expect(seq.filter((s) => s === 'R').length).toBeGreaterThanOrEqual(5); // it alternates, a second each
    expect(seq.filter((s) => s === 'S').length).toBeGreaterThanOrEqual(5);
    expect(seq).toContain('T');
    const v = verdicts(events);
    expect(v['stopped-then-continued']!.reason.en).toMatch(/^the main program stopped it/);
    expect(events.at(-1)).toMatchObject({ type: 'run-end', ok: true, stopped: false });
    expect(events.find((e) => e.type === 'exit' && e.pid === worker)).toMatchObject({ signal: 'SIGTERM' });
    expect(runSurvivors(runId)).toEqual([]);
    expect(gone([mainPid, worker])).toEqual([]);
  }, 40_000);
});
