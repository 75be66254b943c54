// The LessonRunner's contract around a run's life: listing, tracking the run's pids, stopping
// a run half way or an endless one, surviving the death of the main program, and never leaving
// a process behind.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../shared/lessons.js';
import { EVENT_CAP, LessonRunner } from '../../main/lessons/lesson-runner.js';
import { held, type LessonDefinition } from '../../main/lessons/observe/observation.js';
import { runtimeIndexPath } from '../../main/lessons/paths.js';
import { until } from '../support/marked-processes.js';
import { recordingRunner, runSurvivors } from '../support/lesson-runs.js';

type Observation = Extract<LessonEvent, { type: 'observation' }>;

const starts = (events: LessonEvent[]) => events.filter((e): e is Extract<LessonEvent, { type: 'start' }> => e.type === 'start');
const exitOf = (events: LessonEvent[], pid: number) => events.find((e): e is Extract<LessonEvent, { type: 'exit' }> => e.type === 'exit' && e.pid === pid);

describe('the lesson runner (Linux)', () => {
  it('lists the fourteen lessons with both languages, their observations and their program source', () => {
    const { runner } = recordingRunner();
    const lessons = runner.list();
    expect(lessons.map((l) => l.id)).toEqual([
      'pid-ppid', 'args', 'isolation', 'concurrency', 'join', 'join-many', 'join-serial', 'daemon', 'daemon-many', 'heartbeat', 'heartbeat-healthy', 'zombie', 'orphan', 'states',
    ]);
    for (const lesson of lessons) {
      const file = path.join(process.cwd(), 'main/lessons/programs', `${lesson.id}.ts`);
      expect(lesson.source).toBe(readFileSync(file, 'utf8'));
      expect(lesson.source).toContain('isMainProgram(import.meta.url)');
      expect(lesson.title.en && lesson.title.zh && lesson.explanation.en && lesson.explanation.zh).toBeTruthy();
      expect(lesson.explanation.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(lesson.observations.length).toBeGreaterThanOrEqual(2);
      for (const o of lesson.observations) expect(o.text.en && o.text.zh).toBeTruthy();
      expect(lesson.endless).toBe(lesson.id === 'heartbeat-healthy');
    }
  });

  it('refuses an unknown lesson with a clear message, and stopping an unknown run is a no', async () => {
    const { runner } = recordingRunner();
    await expect(runner.run('fork-bomb')).rejects.toThrow(/unknown lesson "fork-bomb".*pid-ppid/);
    expect(await runner.stop('run-nope')).toBe(false);
    expect(runner.runs()).toEqual([]);
  });

  it('heartbeat-healthy runs until stopped; its pids are tracked; stop ends the whole tree', async () => {
    const { runner, eventsOf } = recordingRunner();
    const info = await runner.run('heartbeat-healthy');
    expect(info).toMatchObject({ lessonId: 'heartbeat-healthy', running: true });
    expect(info.pid).toBeGreaterThan(0);
    expect(runner.ownsPid(info.pid)).toBe(true);
    // The main program and its two children have started, two heartbeats and a round of work are
    // out: what the checklist needs (the lesson never ends on its own, so the test stops it then).
    const printed = (re: RegExp) => eventsOf(info.runId).filter((e) => e.type === 'output' && re.test(e.text)).length;
    expect(await until(() => starts(eventsOf(info.runId)).length >= 3 && printed(/I am alive/) >= 2 && printed(/analysing/) >= 1, 10_000)).toBe(true);
    const events = eventsOf(info.runId);
    const pids = starts(events).map((s) => s.pid);
    expect(pids).toHaveLength(3);
    expect(runner.trackedPids().sort()).toEqual(pids.slice().sort());
    expect(runSurvivors(info.runId).sort()).toEqual(pids.slice().sort());
    expect(runner.runs().find((r) => r.runId === info.runId)).toMatchObject({ running: true });
    expect(events.some((e) => e.type === 'run-end')).toBe(false);

    expect(await runner.stop(info.runId)).toBe(true);
    expect(runSurvivors(info.runId)).toEqual([]);
    expect(runner.ownsPid(info.pid)).toBe(false);
    expect(runner.trackedPids()).toEqual([]);
    for (const pid of pids) expect(exitOf(events, pid)).toMatchObject({ exitcode: -15, signal: 'SIGTERM' });
    const verdicts = events.filter((e): e is Observation => e.type === 'observation');
    expect(verdicts.filter((v) => !v.ok), JSON.stringify(verdicts)).toEqual([]);
    expect(verdicts).toHaveLength(2);
    expect(events.at(-1)).toMatchObject({ type: 'run-end', ok: true, stopped: true });
    // The parent's line after join() must not appear: stopping is not the worker failing.
    expect(events.some((e) => e.type === 'output' && /abnormal/.test(e.text))).toBe(false);
    const final = runner.runs().find((r) => r.runId === info.runId)!;
    expect(final.running).toBe(false);
    expect(final.events).toHaveLength(events.length);
    expect(await runner.stop(info.runId)).toBe(false);
  });

  it('a lesson stopped half way ends at once, leaves nothing behind, and its open observations fail as stopped', async () => {
    const { runner, eventsOf } = recordingRunner();
    const info = await runner.run('join-serial');
    await until(() => starts(eventsOf(info.runId)).length >= 3, 10_000);
    const t0 = performance.now();
    expect(await runner.stop(info.runId)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(runSurvivors(info.runId)).toEqual([]);
    const events = eventsOf(info.runId);
    for (const s of starts(events)) expect(exitOf(events, s.pid)).toBeDefined();
    const verdicts = events.filter((e): e is Observation => e.type === 'observation');
    expect(verdicts).toHaveLength(2);
    for (const v of verdicts) {
      expect(v.ok).toBe(false);
      expect(v.reason.en).toMatch(/stopped/);
      expect(v.reason.zh).toMatch(/停止/);
    }
    expect(events.at(-1)).toMatchObject({ type: 'run-end', ok: false, stopped: true });
  });

  it('if the main program is killed from outside, its children end on their own and the run ends', async () => {
    const { runner, eventsOf } = recordingRunner();
    const info = await runner.run('daemon-many');
    await until(() => starts(eventsOf(info.runId)).length >= 3, 10_000);
    process.kill(info.pid, 'SIGKILL');
    const t0 = performance.now();
    expect(await until(() => eventsOf(info.runId).some((e) => e.type === 'run-end'), 5000)).toBe(true);
    expect(performance.now() - t0).toBeLessThan(1500);
    expect(runSurvivors(info.runId)).toEqual([]);
    const events = eventsOf(info.runId);
    expect(exitOf(events, info.pid)).toMatchObject({ exitcode: -9, signal: 'SIGKILL' });
    expect(events.at(-1)).toMatchObject({ type: 'run-end', ok: false, stopped: false });
  });

  it('stopAll ends every running lesson', async () => {
    const { runner, eventsOf } = recordingRunner();
    const runs = [await runner.run('heartbeat-healthy'), await runner.run('join-serial'), await runner.run('concurrency')];
    // Each has a child by now: the stop has whole trees to end, not just main programs.
    expect(await until(() => runs.every((r) => starts(eventsOf(r.runId)).length >= 2), 10_000)).toBe(true);
    await runner.stopAll();
    expect(runner.runs().every((r) => !r.running)).toBe(true);
    for (const r of runs) expect(runSurvivors(r.runId)).toEqual([]);
    expect(runner.trackedPids()).toEqual([]);
  });

  it('keeps at most EVENT_CAP events of a chatty run (with a note), streams the rest, and still decides', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'procplay-cap-'));
    try {
      const lines = EVENT_CAP + 500;
      writeFileSync(path.join(dir, 'chatty.js'), `import { isMainProgram } from ${JSON.stringify(pathToFileURL(runtimeIndexPath).href)};
if (isMainProgram(import.meta.url)) for (let i = 0; i < ${lines}; i++) console.log('line ' + i);\n`);
      writeFileSync(path.join(dir, 'chatty.ts'), '// chatty\n');
      const chatty: LessonDefinition = {
        id: 'chatty', number: 99, endless: false, title: { en: 'c', zh: 'c' }, explanation: { en: 'c', zh: 'c' },
        observations: [{ id: 'all-lines', text: { en: 'c', zh: 'c' }, check: (f) => (f.ended ? held({ en: `${f.events.length} kept`, zh: `保留了 ${f.events.length} 个` }) : null) }],
      };
      let streamed = 0;
      const runner = new LessonRunner({
        onEvent: (_r, _l, e) => void (e.type === 'output' && /^line /.test(e.text) && streamed++),
        catalog: { lessons: [chatty], programJsPath: () => path.join(dir, 'chatty.js'), programSourcePath: () => path.join(dir, 'chatty.ts') },
      });
      expect(runner.list()[0]!.source).toBe('// chatty\n');
      const { runId } = await runner.run('chatty');
      await until(() => runner.runs()[0]?.running === false, 15_000);
      const kept = runner.runs()[0]!.events;
      expect(streamed).toBe(lines);
      expect(kept.length).toBeGreaterThanOrEqual(EVENT_CAP);
      expect(kept.length).toBeLessThan(EVENT_CAP + 10); // the note, the exit, the verdict, run-end
      expect(kept.some((e) => e.type === 'output' && /passed \d+ events/.test(e.text))).toBe(true);
      expect(kept.filter((e) => e.type === 'exit')).toHaveLength(1);
      expect(kept.at(-1)).toMatchObject({ type: 'run-end', ok: true });
      expect(runSurvivors(runId)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
