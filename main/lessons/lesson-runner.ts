// The lesson runner of the main side (Electron main or the web-mode server): lists the lessons,
// runs a lesson's program as a tracked process tree, streams its events, ticks off the lesson's
// observations as the events show them, and stops a run by ending its whole tree.
import { existsSync, readFileSync } from 'node:fs';
import type { LessonEvent, LessonMeta, LessonRunInfo, ProgramLanguage } from '../../shared/lessons.js';
import { LIFECYCLE_KEEP, type LifecycleEvent, type LifecycleSource, type RunLifecycle } from '../../shared/lifecycle.js';
import { LESSONS } from './catalog/index.js';
import { startLessonProcess, type LessonProcess } from './lesson-process.js';
import { failed, undecided, type LessonDefinition, type RunFacts, type Verdict } from './observe/observation.js';
import { programJsPath, programSourcePath, pythonHarnessPath, pythonProgramPath } from './paths.js';
import { pythonInterpreter } from './python-interpreter.js';
import { MAX_CONCURRENT_LESSON_RUNS } from '../app/limits.js';
import { RunRegistry, type TrackedRun } from '../runs/run-registry.js';

/** Events kept per run (for a page opened mid-run); later output is streamed but not kept. */
export const EVENT_CAP = 5000;
/** Ended runs kept for lesson.runs. */
const KEEP_ENDED_RUNS = 20;
/**
 * After the tree has ended, how long the run waits for strace's last events before deciding its
 * observations (strace ends with the tree; this bounds a tracer that hangs).
 */
const TRACE_SETTLE_MAX_MS = 3000;
/** A lesson that should end by itself but has not after this long is stopped. */
const MAX_RUN_MS = 60_000;
/** Environment marker on every process of a run (inherited down the tree). */
export const RUN_ID_ENV = 'PROCPLAY_RUN_ID';

/** Which lessons there are and where their programs live (the built-in catalogue unless given). */
export interface LessonCatalog {
  lessons: readonly LessonDefinition[];
  programJsPath(lessonId: string): string;
  programSourcePath(lessonId: string): string;
  /** The lesson's Python program, where it has one (the file exists). */
  pythonProgramPath?(lessonId: string): string;
}

const BUILT_IN: LessonCatalog = { lessons: LESSONS, programJsPath, programSourcePath, pythonProgramPath };

export interface LessonRunnerOptions {
  onEvent(runId: string, lessonId: string, event: LessonEvent): void;
  /** Exact lifecycle events of a run (strace), in batches; once with none when it is not traced. */
  onLifecycle?(runId: string, lessonId: string, events: LifecycleEvent[], source: LifecycleSource): void;
  catalog?: LessonCatalog;
  /** Lesson runs at once before run() refuses (default MAX_CONCURRENT_LESSON_RUNS). */
  maxRuns?: number;
}

interface Run extends TrackedRun {
  runId: string;
  lesson: LessonDefinition;
  language: ProgramLanguage;
  proc: LessonProcess | null;
  startedAt: number;
  events: LessonEvent[];
  /** Exact lifecycle events (bounded) and whether the run is traced at all (null until it said). */
  lifecycle: RunLifecycle;
  verdicts: Map<string, Verdict>;
  stoppedAt: number | null;
  capped: boolean;
  /** True from the start until the run has ended (its observations decided, run-end sent). */
  live: boolean;
}

/** Inserts keeping time order; events from one channel arrive in order, so this is nearly always a push. */
function insertByTime(events: LessonEvent[], event: LessonEvent): void {
  let i = events.length;
  while (i > 0 && events[i - 1]!.t > event.t) i--;
  events.splice(i, 0, event);
}

function safeCheck(check: (facts: RunFacts) => Verdict | null, facts: RunFacts): Verdict | null {
  try {
    return check(facts);
  } catch (err) {
    const message = (err as Error).message;
    return failed({ en: `the check itself failed: ${message}`, zh: `检查本身出错了：${message}` });
  }
}

export class LessonRunner {
  private readonly registry: RunRegistry<Run>;
  private readonly sources = new Map<string, string>();
  private readonly catalog: LessonCatalog;

  constructor(private readonly opts: LessonRunnerOptions) {
    this.catalog = opts.catalog ?? BUILT_IN;
    this.registry = new RunRegistry<Run>({
      idPrefix: 'run',
      maxRunning: opts.maxRuns ?? MAX_CONCURRENT_LESSON_RUNS,
      keepEnded: KEEP_ENDED_RUNS,
      tooMany: (running, max) =>
        new Error(`${running} lessons are already running, the most this app runs at once is ${max} (each costs about 140 MiB): stop one first; nothing was started`),
      unknown: (runId) => new Error(`no lesson run "${runId}"`),
    });
  }

  list(): LessonMeta[] {
    return this.catalog.lessons.map((l) => ({
      id: l.id,
      number: l.number,
      title: l.title,
      explanation: l.explanation,
      source: this.source(l.id),
      pythonSource: this.pythonSource(l.id),
      pythonPath: this.pythonSource(l.id) === null ? null : (this.catalog.pythonProgramPath?.(l.id) ?? null),
      observations: l.observations.map(({ id, text }) => ({ id, text })),
      endless: l.endless,
      comparesWith: l.comparesWith ?? null,
      panel: l.panel ?? null,
    }));
  }

  async run(lessonId: string, language: ProgramLanguage = 'typescript'): Promise<LessonRunInfo> {
    const lesson = this.catalog.lessons.find((l) => l.id === lessonId);
    if (!lesson) throw new Error(`unknown lesson "${lessonId}"; the lessons are: ${this.catalog.lessons.map((l) => l.id).join(', ')}`);
    const python = language === 'python';
    const programPath = python ? this.catalog.pythonProgramPath?.(lesson.id) : this.catalog.programJsPath(lesson.id);
    if (python && (!programPath || !existsSync(programPath))) throw new Error(`lesson "${lesson.id}" has no Python program; it is shown in TypeScript only`);
    if (!programPath || !existsSync(programPath)) throw new Error(`the program of lesson "${lesson.id}" is not built (${programPath}): run npm run build`);
    const run = await this.registry.start((runId) => this.launch(runId, lesson, language, programPath));
    return this.info(run);
  }

  /** Starts the lesson's program under `runId`; resolves once it runs, with the run that tracks it. */
  private async launch(runId: string, lesson: LessonDefinition, language: ProgramLanguage, programPath: string): Promise<Run> {
    const python = language === 'python';
    let markEnded!: () => void;
    const run: Run = {
      runId,
      lesson,
      language,
      proc: null,
      startedAt: Date.now(),
      events: [],
      lifecycle: { source: null, events: [] },
      verdicts: new Map(),
      stoppedAt: null,
      capped: false,
      live: true,
      running: () => run.live,
      livePids: () => (run.live && run.proc ? run.proc.livePids() : []),
      done: new Promise((resolve) => (markEnded = resolve)),
    };
    run.proc = await startLessonProcess({
      programPath,
      python: python ? { interpreter: await pythonInterpreter(), harnessPath: pythonHarnessPath } : undefined,
      marker: { name: RUN_ID_ENV, token: runId },
      onEvent: (e) => this.record(run, e),
      onLifecycle: (events, traced) => {
        // Not "switched off": this lesson is never traced, and the learner is told why.
        const source = lesson.untracedBecause !== undefined ? { exact: false, reason: lesson.untracedBecause } : traced;
        run.lifecycle.source = source;
        for (const e of events) if (run.lifecycle.events.length < LIFECYCLE_KEEP) run.lifecycle.events.push(e);
        this.opts.onLifecycle?.(runId, lesson.id, events, source);
        // OS facts (who reaped whom, who signalled whom) are judged on these events.
        if (run.live) this.evaluate(run, false);
      },
      trace: lesson.untracedBecause === undefined,
    });
    run.startedAt = run.proc.startedAt;
    const limit = lesson.endless ? null : setTimeout(() => void this.stop(runId), MAX_RUN_MS);
    const proc = run.proc;
    void proc.done
      // The last exact events (the reaps that end the run) come just after the tree is gone.
      .then(() => Promise.race([proc.traced, new Promise<void>((resolve) => setTimeout(resolve, TRACE_SETTLE_MAX_MS).unref())]))
      .then(() => {
        if (limit) clearTimeout(limit);
        this.finish(run);
        markEnded();
      });
    return run;
  }

  async stop(runId: string): Promise<boolean> {
    const run = this.registry.find(runId);
    if (!run || !run.live || !run.proc) return false;
    run.stoppedAt ??= Date.now() - run.startedAt;
    await run.proc.stop();
    await run.done;
    return true;
  }

  runs(): LessonRunInfo[] {
    return this.registry.list().map((r) => this.info(r));
  }

  /** True for a live process of a running lesson: the app started it, no kill confirmation needed. */
  ownsPid(pid: number): boolean {
    return this.registry.ownsPid(pid);
  }

  trackedPids(): number[] {
    return this.registry.trackedPids();
  }

  async stopAll(): Promise<void> {
    // A run still being started is waited for: it is stopped too, not left behind.
    await this.registry.settled();
    await Promise.all(this.registry.running().map((r) => this.stop(r.runId)));
  }

  private info(run: Run): LessonRunInfo {
    return {
      runId: run.runId,
      lessonId: run.lesson.id,
      language: run.language,
      pid: run.proc?.pid ?? 0,
      startedAt: run.startedAt,
      running: run.live,
      events: [...run.events],
      lifecycle: { source: run.lifecycle.source, events: run.lifecycle.events.slice() },
    };
  }

  private source(lessonId: string, path = this.catalog.programSourcePath(lessonId)): string {
    let text = this.sources.get(path);
    if (text === undefined) {
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        text = `// The source of this lesson was not found at ${path}.\n`;
      }
      this.sources.set(path, text);
    }
    return text;
  }

  private pythonSource(lessonId: string): string | null {
    const path = this.catalog.pythonProgramPath?.(lessonId);
    if (!path || !existsSync(path)) return null;
    return this.source(lessonId, path);
  }

  private publish(run: Run, event: LessonEvent): void {
    this.opts.onEvent(run.runId, run.lesson.id, event);
  }

  private record(run: Run, event: LessonEvent): void {
    const bulky = event.type === 'output' || event.type === 'join-begin' || event.type === 'join-end';
    if (run.events.length < EVENT_CAP || !bulky) {
      insertByTime(run.events, event);
    } else if (!run.capped) {
      run.capped = true;
      const note: LessonEvent = {
        type: 'output', t: event.t, pid: run.proc?.pid ?? 0, ppid: process.pid, stream: 'stderr',
        text: `[procplay] this run passed ${EVENT_CAP} events: later output is shown live but not kept`,
      };
      run.events.push(note);
      this.publish(run, note);
    }
    this.publish(run, event);
    this.evaluate(run, false);
  }

  /** Asks every undecided observation; `ended`: the run is over and each must decide now. */
  private evaluate(run: Run, ended: boolean): void {
    // Once a run is stopped, what follows (every process ending by SIGTERM) is the stop's doing,
    // not the lesson's: observations are judged on what happened before it.
    const stoppedAt = run.stoppedAt;
    const events = stoppedAt === null ? run.events : run.events.filter((e) => e.t < stoppedAt);
    const lifecycleEvents = stoppedAt === null ? run.lifecycle.events : run.lifecycle.events.filter((e) => e.t < stoppedAt);
    const facts: RunFacts = { events, ended, stoppedAt, lifecycle: { source: run.lifecycle.source, events: lifecycleEvents } };
    for (const obs of run.lesson.observations) {
      if (run.verdicts.has(obs.id)) continue;
      const verdict = safeCheck(obs.check, facts) ?? (ended ? undecided(facts) : null);
      if (!verdict) continue;
      run.verdicts.set(obs.id, verdict);
      const event: LessonEvent = { type: 'observation', t: Date.now() - run.startedAt, id: obs.id, ...verdict };
      run.events.push(event);
      this.publish(run, event);
    }
  }

  private finish(run: Run): void {
    this.evaluate(run, true);
    run.live = false;
    const ok = run.lesson.observations.every((o) => run.verdicts.get(o.id)?.ok === true);
    const end: LessonEvent = { type: 'run-end', t: Date.now() - run.startedAt, ok, stopped: run.stoppedAt !== null };
    run.events.push(end);
    this.publish(run, end);
  }
}
