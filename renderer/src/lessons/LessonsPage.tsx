// The Lessons tab: the catalogue on the left; the chosen lesson on the right, in two columns:
// "read" (the explanation, with its own language switch, and the program's source) and "watch"
// (Run / Stop / Run again, the observation checklist, lesson-specific panels, the timeline and
// the live console). join-many and join-serial can be compared on one time scale.
//
// Contract with App:
//   api            the ApiClient (lesson.list / lesson.run / lesson.stop / lesson.runs, 'lesson.event')
//   snapshot       the latest process snapshot (null before the first one)
//   onShowProcess  switches to the Monitor tab with that pid selected and its details open
//   onHighlight    optional: marks pids in the monitor (a dot and a tinted row); pass [] to clear
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useI18n, useStrings } from '../i18n/i18n-context.js';
import type { ApiClient, SignalName } from '../../../shared/api.js';
import type { LessonMeta, ProgramLanguage } from '../../../shared/lessons.js';
import { PROGRAM_LANGUAGES } from '../../../shared/lessons.js';
import type { Lang } from '../../../shared/i18n.js';
import { loadPref, savePref } from '../prefs.js';
import type { Snapshot } from '../../../shared/process.js';
import { Segmented } from '../ui/Segmented.js';
import { Checklist } from './Checklist.js';
import { Console } from './Console.js';
import { OrphanPanel, StatesPanel, ZombiePanel, type SendSignal } from './LessonPanels.js';
import { LESSON_STRINGS } from '../i18n/lesson-strings.js';
import { signalLessonProcess } from './lesson-signal.js';
import { watchOrphan, watchWorker, watchZombie } from './lesson-watch.js';
import { highlightedPids } from './highlight-pids.js';
import { checklist, summary } from './observations.js';
import { pidHues } from '../ui/pid-colors.js';
import { latestRun, runClockMs, type RunView } from './lesson-run-store.js';
import { SourceView } from './SourceView.js';
import { buildTimeline } from './timeline-model.js';
import { niceScale } from '../ui/time-scale.js';
import { LessonText } from './LessonText.js';
import { Timeline, TimelineLegend } from './Timeline.js';
import { useLessonRuns } from './use-lesson-runs.js';
import { useNow } from '../ui/use-now.js';
import { ExactEvents } from './ExactEvents.js';
import '../ui/run-views.css';
import './lessons.css';

export interface LessonsPageProps {
  api: ApiClient;
  snapshot: Snapshot | null;
  onShowProcess(pid: number): void;
  onHighlight?(pids: readonly number[]): void;
}

export function LessonsPage({ api, snapshot, onShowProcess, onHighlight }: LessonsPageProps) {
  const { lang } = useI18n();
  const t = useStrings(LESSON_STRINGS);
  const [lessons, setLessons] = useState<LessonMeta[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const runs = useLessonRuns(api);
  // TypeScript or Python, for every lesson that has both; remembered across sessions.
  const [language, setLanguageState] = useState<ProgramLanguage>(
    () => loadPref('lessonLanguage', (v): v is ProgramLanguage => PROGRAM_LANGUAGES.includes(v as ProgramLanguage)) ?? 'typescript',
  );
  const setLanguage = useCallback((value: ProgramLanguage) => {
    setLanguageState(value);
    savePref('lessonLanguage', value);
  }, []);

  useEffect(() => {
    let live = true;
    api
      .call('lesson.list', {})
      .then((list) => live && setLessons([...list].sort((a, b) => a.number - b.number)))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [api]);

  // Open on the lesson that is running (a page opened mid-run), else the first one.
  useEffect(() => {
    if (selectedId || !lessons?.length || !runs.caughtUp) return;
    const running = Object.values(runs.state.runs).filter((r) => r.running).sort((a, b) => b.startedAt - a.startedAt)[0];
    setSelectedId(running && lessons.some((l) => l.id === running.lessonId) ? running.lessonId : lessons[0]!.id);
  }, [lessons, runs.caughtUp, runs.state, selectedId]);

  const allRuns = useMemo(() => Object.values(runs.state.runs), [runs.state]);
  const anyRunning = allRuns.some((r) => r.running);
  const now = useNow(anyRunning);

  // The lesson's processes, marked in the monitor while they live.
  const pids = highlightedPids(allRuns, snapshot);
  const pidsKey = pids.join(',');
  const highlightRef = useRef(onHighlight);
  highlightRef.current = onHighlight;
  useEffect(() => {
    highlightRef.current?.(pidsKey ? pidsKey.split(',').map(Number) : []);
  }, [pidsKey]);
  useEffect(() => () => highlightRef.current?.([]), []);

  const send = useCallback<SendSignal>(
    (pid, startTime, signal: SignalName) => signalLessonProcess(api, pid, startTime, signal, t('kill.notOurs', { pid })),
    [api, t],
  );

  const selected = lessons?.find((l) => l.id === selectedId) ?? null;
  const runningLessons = new Set(allRuns.filter((r) => r.running).map((r) => r.lessonId));

  return (
    <div className="lessons" data-testid="lessons-page">
      <nav className="lesson-nav" aria-label={t('page.title')}>
        <h2 className="lesson-nav-title">{t('page.title')}</h2>
        {error && <p className="notice error">{t('page.error', { message: error })}</p>}
        {!error && lessons === null && <p className="dim small nav-note">{t('page.loading')}</p>}
        {lessons?.length === 0 && <p className="dim small nav-note">{t('page.empty')}</p>}
        {lessons && lessons.length > 0 && (
          <ol
            className="lesson-items"
            // One Tab stop (the selected lesson); ↑/↓ (Home/End) move to the next lesson and open it.
            onKeyDown={(e) => {
              const at = lessons.findIndex((l) => l.id === selectedId);
              const to = e.key === 'ArrowDown' ? at + 1 : e.key === 'ArrowUp' ? at - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? lessons.length - 1 : null;
              if (to === null) return;
              e.preventDefault();
              const next = lessons[Math.max(0, Math.min(lessons.length - 1, to))]!;
              setSelectedId(next.id);
              e.currentTarget.querySelector<HTMLElement>(`[data-testid="lesson-${next.id}"]`)?.focus();
            }}
          >
            {lessons.map((l, i) => (
              <li key={l.id}>
                <button
                  type="button"
                  className={`lesson-item${l.id === selectedId ? ' active' : ''}`}
                  aria-current={l.id === selectedId ? 'page' : undefined}
                  tabIndex={l.id === selectedId || (!lessons.some((x) => x.id === selectedId) && i === 0) ? 0 : -1}
                  data-testid={`lesson-${l.id}`}
                  onClick={() => setSelectedId(l.id)}
                >
                  <span className="lesson-num mono">{l.number}</span>
                  <span className="lesson-item-title">{l.title[lang]}</span>
                  {runningLessons.has(l.id) && <span className="live-dot" title={t('list.running')} />}
                  {l.endless && (
                    <span className="badge endless" title={t('list.endlessTitle')}>
                      ∞ {t('list.endless')}
                    </span>
                  )}
                </button>
              </li>
            ))}
          </ol>
        )}
      </nav>
      <div className="lesson-main">
        {selected ? (
          <LessonView
            key={selected.id}
            lesson={selected}
            lessons={lessons ?? []}
            language={language}
            onLanguage={setLanguage}
            runsApi={runs}
            now={now}
            snapshot={snapshot}
            onShowProcess={onShowProcess}
            send={send}
          />
        ) : (
          lessons && lessons.length > 0 && <p className="dim lesson-pick">{t('page.pick')}</p>
        )}
      </div>
    </div>
  );
}

interface ViewProps {
  lesson: LessonMeta;
  lessons: readonly LessonMeta[];
  /** The chosen program language (lessons without a Python program show and run TypeScript). */
  language: ProgramLanguage;
  onLanguage(value: ProgramLanguage): void;
  runsApi: ReturnType<typeof useLessonRuns>;
  now: number;
  snapshot: Snapshot | null;
  onShowProcess(pid: number): void;
  send: SendSignal;
}

function LessonView({ lesson, lessons, language: chosen, onLanguage, runsApi, now, snapshot, onShowProcess, send }: ViewProps) {
  const { lang } = useI18n();
  const t = useStrings(LESSON_STRINGS);
  const hasPython = lesson.pythonSource !== null;
  const language: ProgramLanguage = hasPython ? chosen : 'typescript';
  const source = language === 'python' && lesson.pythonSource !== null ? lesson.pythonSource : lesson.source;
  const [textLang, setTextLang] = useState<Lang>(lang);
  useEffect(() => setTextLang(lang), [lang]);
  const partnerId = lesson.comparesWith;
  const partner = partnerId ? (lessons.find((l) => l.id === partnerId) ?? null) : null;
  const [compare, setCompare] = useState(false);
  const [pending, setPending] = useState<'start' | 'stop' | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  const run = latestRun(runsApi.state, lesson.id);
  const partnerRun = compare && partner ? latestRun(runsApi.state, partner.id) : null;
  const running = Boolean(run?.running) || Boolean(partnerRun?.running);

  const start = async (withPartner: boolean) => {
    setPending('start');
    setActionError(null);
    try {
      const ids = withPartner && partner ? [lesson.id, partner.id] : [lesson.id];
      await Promise.all(ids.map((id) => runsApi.run(id, language)));
    } catch (e) {
      setActionError(t('run.error', { message: (e as Error).message }));
    } finally {
      setPending(null);
    }
  };
  const stop = async () => {
    setPending('stop');
    setActionError(null);
    try {
      await Promise.all([run, partnerRun].filter((r): r is RunView => Boolean(r?.running)).map((r) => runsApi.stop(r.runId)));
    } catch (e) {
      setActionError(t('run.stopError', { message: (e as Error).message }));
    } finally {
      setPending(null);
    }
  };
  const toggleCompare = () => {
    const next = !compare;
    setCompare(next);
    if (next && !running) void start(true);
  };

  const items = checklist(lesson.observations, run?.events ?? []);
  const sourceLines = source.split('\n').length;
  const sum = summary(items);

  return (
    <article className="lesson" data-testid={`lesson-page-${lesson.id}`}>
      <header className="lesson-head">
        <div className="lesson-heading">
          <div className="lesson-kicker">
            {t('lesson.number', { n: lesson.number })}
            {lesson.endless && <span className="badge endless">∞ {t('list.endless')}</span>}
          </div>
          <h2>{lesson.title[textLang]}</h2>
        </div>
        <span className="spacer" />
        <Segmented<Lang>
          label={t('lesson.textLang')}
          value={textLang}
          onChange={setTextLang}
          options={[
            { value: 'en', label: 'EN', testId: 'lesson-lang-en' },
            { value: 'zh', label: '中文', testId: 'lesson-lang-zh' },
          ]}
        />
      </header>
      <div className="lesson-cols">
        <div className="lesson-read">
          <section className="panel">
            <h3 className="panel-title">{t('lesson.explanation')}</h3>
            <div className="explanation" lang={textLang === 'zh' ? 'zh-CN' : 'en'}>
              <LessonText text={lesson.explanation[textLang]} />
            </div>
          </section>
          <section className="panel source-panel">
            <div className="panel-title-row">
              <h3 className="panel-title">
                {t('lesson.source')}
                <span className="panel-sub">{t(sourceLines === 1 ? 'lesson.sourceNoteOne' : 'lesson.sourceNote', { lines: sourceLines })}</span>
              </h3>
              {hasPython && (
                <Segmented<ProgramLanguage>
                  label={t('lesson.programLang')}
                  value={language}
                  onChange={onLanguage}
                  options={[
                    { value: 'typescript', label: 'TypeScript', testId: 'lesson-program-typescript' },
                    { value: 'python', label: 'Python', testId: 'lesson-program-python' },
                  ]}
                />
              )}
            </div>
            {language === 'python' && (
              <p className="small dim source-note" data-testid="lesson-python-note">
                {t('lesson.pythonNote')} <code className="mono">python3 {lesson.pythonPath}</code>
              </p>
            )}
            <SourceView source={source} label={t('lesson.source')} language={language} />
          </section>
        </div>
        <div className="lesson-watch">
          <section className="panel run-panel">
            <div className="run-bar">
              {/* One button that turns from Run into Stop and back: it keeps the keyboard focus (a
                  disabled or replaced button would drop it to the page). Busy: aria-disabled, clicks ignored. */}
              <button
                type="button"
                className={`btn run-btn ${running ? 'danger' : 'primary'}`}
                data-testid={running ? 'stop-lesson' : 'run-lesson'}
                aria-disabled={pending !== null}
                onClick={() => {
                  if (pending !== null) return;
                  void (running ? stop() : start(compare));
                }}
              >
                <span className="run-icon" aria-hidden="true">{running ? '■' : run ? '↻' : '▶'}</span>
                {running
                  ? pending === 'stop' ? t('run.stopping') : t('run.stop')
                  : pending === 'start' ? t('run.starting') : run ? t('run.again') : t('run.run')}
              </button>
              <RunStatus run={run} now={now} />
              <span className="spacer" />
              {partner && (
                <label className={`compare-toggle${compare ? ' on' : ''}`} title={t('compare.title')}>
                  <input type="checkbox" checked={compare} onChange={toggleCompare} data-testid="compare-toggle" />
                  <span className="switch" aria-hidden="true" />
                  {t('compare.toggle', { title: partner.title[lang] })}
                </label>
              )}
            </div>
            {actionError && <p className="notice error">{actionError}</p>}
            <div className="obs-head">
              <h3 className="panel-title">{t('obs.title')}</h3>
              <span className={`obs-count mono${sum.failed ? ' bad' : sum.ok === items.length && items.length ? ' good' : ''}`}>
                {t('obs.count', { ok: sum.ok, total: items.length })}
              </span>
            </div>
            <Checklist items={items} lang={textLang} running={Boolean(run?.running)} />
            {run?.end && (
              <div className={`run-verdict ${run.end.ok ? 'good' : 'bad'}`} data-testid="run-verdict">
                {run.end.ok ? `✓ ${t('run.allHeld')}` : `✗ ${sum.failed + sum.pending === 1 ? t('run.oneFailed') : t('run.someFailed', { n: sum.failed + sum.pending })}`}
              </div>
            )}
          </section>
          <LessonSpecial lesson={lesson} run={run} snapshot={snapshot} onShowProcess={onShowProcess} send={send} />
          <section className="panel">
            <div className="panel-title-row">
              <h3 className="panel-title">{t('timeline.title')}</h3>
              <TimelineLegend />
            </div>
            <Timelines
              runs={partnerRun ? [run, partnerRun] : [run]}
              titles={partner ? [lesson.title[lang], partner.title[lang]] : [lesson.title[lang]]}
              now={now}
              onShowProcess={onShowProcess}
            />
            {partnerRun && <p className="small dim compare-note">{t('compare.note')}</p>}
          </section>
          {run && <ExactEvents run={run} lifecycle={runsApi.state.lifecycle[run.runId]} now={now} onShowProcess={onShowProcess} />}
          <section className="panel">
            <h3 className="panel-title">{t('console.title')}</h3>
            <LessonConsole run={run} onShowProcess={onShowProcess} />
          </section>
        </div>
      </div>
    </article>
  );
}

function RunStatus({ run, now }: { run: RunView | null; now: number }) {
  const t = useStrings(LESSON_STRINGS);
  if (!run) return <span className="run-status dim small">{t('run.idle')}</span>;
  const time = t('time.seconds', { n: (runClockMs(run, now) / 1000).toFixed(1) });
  if (run.running) {
    return (
      <span className="run-status running" data-testid="run-status">
        <span className="live-dot" aria-hidden="true" />
        {t('run.running', { time })}
      </span>
    );
  }
  return (
    <span className="run-status dim" data-testid="run-status">
      {run.end?.stopped ? t('run.stopped', { time }) : t('run.ended', { time })}
    </span>
  );
}

function LessonConsole({ run, onShowProcess }: { run: RunView | null; onShowProcess(pid: number): void }) {
  const events = run?.events ?? EMPTY;
  const hues = useMemo(() => pidHues(events), [events]);
  return <Console events={events} hues={hues} onShowProcess={onShowProcess} />;
}

const EMPTY: never[] = [];

function Timelines({ runs, titles, now, onShowProcess }: { runs: (RunView | null)[]; titles: string[]; now: number; onShowProcess(pid: number): void }) {
  const t = useStrings(LESSON_STRINGS);
  const clocks = runs.map((r) => (r ? runClockMs(r, now) : 0));
  const scale = niceScale(Math.max(1000, ...clocks));
  const compare = runs.length > 1;
  return (
    <div className={compare ? 'timelines compare' : 'timelines'}>
      {runs.map((r, i) => (
        <RunTimeline
          key={i}
          run={r}
          clock={clocks[i]!}
          scale={scale}
          onShowProcess={onShowProcess}
          testId={i === 0 ? 'lesson-timeline' : 'lesson-timeline-compare'}
          caption={compare ? `${titles[i]} · ${t('time.seconds', { n: (clocks[i]! / 1000).toFixed(1) })}` : undefined}
          compact={compare}
        />
      ))}
    </div>
  );
}

function RunTimeline({ run, clock, scale, onShowProcess, testId, caption, compact }: {
  run: RunView | null; clock: number; scale: number; onShowProcess(pid: number): void; testId: string; caption?: string; compact: boolean;
}) {
  const events = run?.events ?? EMPTY;
  const hues = useMemo(() => pidHues(events), [events]);
  const model = buildTimeline(events, clock);
  return (
    <Timeline model={model} scaleMs={scale} nowMs={clock} running={Boolean(run?.running)} hues={hues} onShowProcess={onShowProcess} testId={testId} caption={caption} compact={compact} />
  );
}

function LessonSpecial({ lesson, run, snapshot, onShowProcess, send }: {
  lesson: LessonMeta; run: RunView | null; snapshot: Snapshot | null; onShowProcess(pid: number): void; send: SendSignal;
}) {
  const events = run?.events ?? EMPTY;
  const hues = useMemo(() => pidHues(events), [events]);
  const common = { hues, running: Boolean(run?.running), onShowProcess, send };
  switch (lesson.panel) {
    case 'states':
      return <StatesPanel {...common} watch={watchWorker(events, run?.running ? snapshot : null, run?.startedAt ?? 0)} />;
    case 'zombie':
      return <ZombiePanel {...common} watch={watchZombie(events, run?.running ? snapshot : null)} />;
    case 'orphan':
      return <OrphanPanel {...common} watch={watchOrphan(events, run?.running ? snapshot : null)} />;
    default:
      return null;
  }
}
