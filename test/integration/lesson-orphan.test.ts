// The orphan lesson, run for real: the child outlives its parent and is adopted by the reaper;
// the monitor's sampler sees its ppid change (and remembers the previous parent), the lesson's
// observations tick, and nothing is left behind.
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../shared/lessons.js';
import { FAMILY_LINE } from '../../shared/lesson-lines.js';
import { LessonRunner } from '../../main/lessons/lesson-runner.js';
import { LineageTracker } from '../../main/monitor/lineage.js';
import { createSampler } from '../../main/processes/create-sampler.js';
import type { ProcInfo } from '../../shared/process.js';
import { sleep } from '../support/marked-processes.js';
import { lineMatch, runSurvivors } from '../support/lesson-runs.js';

type Observation = Extract<LessonEvent, { type: 'observation' }>;

const sampler = createSampler({ adapter: 'linux' });
afterAll(() => sampler.close?.());

describe('the orphan lesson (Linux)', () => {
  it("the child's ppid changes live from its parent to the subreaper; the observations hold; nothing is left", async () => {
    const events: LessonEvent[] = [];
    const runner = new LessonRunner({ onEvent: (_r, _l, e) => void events.push(e) });
    const { runId } = await runner.run('orphan');
    const lineage = new LineageTracker();
    const seenChild: ProcInfo[] = [];
    const deadline = performance.now() + 15_000;
    while (!events.some((e) => e.type === 'run-end') && performance.now() < deadline) {
      const { processes } = await sampler.sample();
      lineage.annotate(processes, Date.now());
      const family = lineMatch(events, FAMILY_LINE)[0];
      const child = family && processes.find((p) => p.pid === Number(family[2]));
      if (child) seenChild.push(child);
      await sleep(200);
    }
    expect(events.at(-1)).toMatchObject({ type: 'run-end', ok: true, stopped: false });
    const [, parentPid, childPid] = lineMatch(events, FAMILY_LINE)[0]!.map(Number);
    const reaperPid = Number(lineMatch(events, /^main: the reaper is pid (\d+)/)[0]![1]);
    expect(reaperPid).toBeGreaterThan(1); // python3 is here: a subreaper the lesson controls
    expect(events.find((e) => e.type === 'start' && e.pid === reaperPid)).toMatchObject({ name: 'subreaper (python3)' });

    // The monitor: first under its parent, then under the reaper, remembering the parent.
    expect(seenChild.find((p) => p.ppid === parentPid)).toBeDefined();
    const adopted = seenChild.find((p) => p.ppid === reaperPid);
    expect(adopted).toMatchObject({ previousPpid: parentPid });
    expect(seenChild.findIndex((p) => p.ppid === reaperPid)).toBeGreaterThan(seenChild.findIndex((p) => p.ppid === parentPid));

    // The child's own words, attributed to it: its ppid before and after.
    const said = events.filter((e): e is Extract<LessonEvent, { type: 'output' }> => e.type === 'output' && e.pid === childPid).map((e) => e.text);
    expect(said[0]).toBe(`child ${childPid}: my ppid is ${parentPid}`);
    expect(said.at(-1)).toBe(`child ${childPid}: my ppid is ${reaperPid}`);
    expect(lineMatch(events, new RegExp(`^child ${childPid} ppid changed: ${parentPid} -> ${reaperPid}`))).toHaveLength(1);

    const verdicts = events.filter((e): e is Observation => e.type === 'observation');
    expect(Object.fromEntries(verdicts.map((v) => [v.id, v.ok]))).toEqual({ 'ppid-becomes-reaper': true, 'child-outlives-parent': true });
    expect(verdicts).toHaveLength(2);
    expect(runSurvivors(runId)).toEqual([]);
    expect([parentPid, childPid, reaperPid].filter((pid) => existsSync(`/proc/${pid}`))).toEqual([]);
  });
});
