// The zombie lesson, run for real: the monitor's sampler sees the zombie as Z under its parent
// while the lesson's observations tick; ending the parent as the clean-up button does makes it
// vanish; stopping the lesson half way leaves nothing, not even a zombie.
import { existsSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../shared/lessons.js';
import { FAMILY_LINE, ZOMBIE_GONE_LINE, ZOMBIE_LINE } from '../../shared/lesson-lines.js';
import type { ProcInfo } from '../../shared/process.js';
import { createSampler } from '../../main/processes/create-sampler.js';
import { sleep, until } from '../support/marked-processes.js';
import { lineMatch, recordingRunner, runSurvivors, verdicts } from '../support/lesson-runs.js';

const sampler = createSampler({ adapter: 'linux' });
afterAll(() => sampler.close?.());

/** Every pid the run showed (started, printed, or named in a line), still present in any state. */
function lingering(events: LessonEvent[]): number[] {
  const pids = new Set<number>();
  for (const e of events) {
    if (e.type === 'start' || e.type === 'output') pids.add(e.pid);
    if (e.type === 'output') for (const m of e.text.matchAll(/\b(?:parent|child|zombie|collected|started) (\d+)/g)) pids.add(Number(m[1]));
  }
  return [...pids].filter((pid) => existsSync(`/proc/${pid}`));
}

describe('the zombie lesson (Linux)', () => {
  it('shows a real zombie (the sampler sees Z under its parent); the clean-up makes it vanish; all observations hold', async () => {
    const { runner, eventsOf } = recordingRunner();
    const { runId } = await runner.run('zombie');
    const events = () => eventsOf(runId);
    expect(await until(() => lineMatch(events(), ZOMBIE_LINE).length > 0, 8000)).toBe(true);
    const [, parentPid, zombiePid] = lineMatch(events(), FAMILY_LINE)[0]!.map(Number);

    // The monitor's view of the same moment.
    let seen: ProcInfo | undefined;
    for (let i = 0; i < 20 && !seen; i++) {
      seen = (await sampler.sample()).processes.find((p) => p.pid === zombiePid && p.state === 'Z');
      if (!seen) await sleep(100);
    }
    expect(seen).toMatchObject({ ppid: parentPid, command: '[sleep] <defunct>' });

    const pressedAt = performance.now();
    process.kill(parentPid!, 'SIGTERM'); // the clean-up button
    expect(await until(() => events().some((e) => e.type === 'run-end'), 8000)).toBe(true);
    const gone = lineMatch(events(), ZOMBIE_GONE_LINE)[0];
    expect(Number(gone?.[1])).toBe(zombiePid);
    expect(events().some((e) => e.type === 'output' && /nobody ended parent/.test(e.text))).toBe(false); // the button did it
    expect(performance.now() - pressedAt).toBeLessThan(4000);

    const v = verdicts(events());
    // Judged on the kernel's events (the run is traced): the child's exit while its parent lived and did not wait.
    expect(v['child-is-zombie']).toMatchObject({ ok: true, reason: { en: expect.stringContaining(`pid ${zombiePid} exited at`) } });
    expect(v['child-is-zombie']!.reason.en).toContain(`while its parent ${parentPid} lived and did not wait: a zombie (state Z)`);
    expect(v['reaped-after-parent-ends']).toMatchObject({ ok: true, reason: { en: expect.stringContaining('subreaper') } });
    expect(events().at(-1)).toMatchObject({ type: 'run-end', ok: true, stopped: false });
    expect(runSurvivors(runId)).toEqual([]);
    expect(lingering(events())).toEqual([]);
    expect((await sampler.sample()).processes.some((p) => p.pid === zombiePid)).toBe(false);
  });

  it('stopped while the zombie exists, it ends the whole family: no process and no zombie is left', async () => {
    const { runner, eventsOf } = recordingRunner();
    const { runId } = await runner.run('zombie');
    const events = () => eventsOf(runId);
    expect(await until(() => lineMatch(events(), ZOMBIE_LINE).length > 0, 8000)).toBe(true);
    const [, parentPid, zombiePid] = lineMatch(events(), FAMILY_LINE)[0]!.map(Number);
    const t0 = performance.now();
    expect(await runner.stop(runId)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(existsSync(`/proc/${zombiePid}`)).toBe(false);
    expect(existsSync(`/proc/${parentPid}`)).toBe(false);
    expect(runSurvivors(runId)).toEqual([]);
    expect(lingering(events())).toEqual([]);
    const v = verdicts(events());
    expect(v['child-is-zombie']?.ok).toBe(true);
    // Stopping ended the parent too: the subreaper may still have reaped the adopted zombie before it
    // was itself ended (the kernel's events then show exactly what the observation asks), or not.
    const reaped = v['reaped-after-parent-ends']!;
    if (reaped.ok) expect(reaped.reason.en).toMatch(new RegExp(`^its parent ${parentPid} ended at .*; zombie ${zombiePid} was adopted and reaped at `));
    else expect(reaped.reason.en).toMatch(/stopped/);
    // The run ends as stopped; it is "ok" exactly when every observation held.
    expect(events().at(-1)).toMatchObject({ type: 'run-end', ok: Object.values(v).every((o) => o.ok), stopped: true });
  });
});
