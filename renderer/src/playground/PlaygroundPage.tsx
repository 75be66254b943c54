// The Playground tab: run your own program and watch its process tree live.
//
// Left: the Python examples (when a Python is on the PATH). Right: the command box (Enter runs,
// ↑/↓ walk the history kept in localStorage), the working directory (recent ones offered), Run
// and Stop; a strip that says how the run goes (which shell or interpreter it used, then its
// exit, prominently); the live output with a line of input for stdin; the process tree; the
// timeline. Errors from the backend (empty command, missing program or directory) appear under
// the command box and change nothing else.
//
// Contract with App:
//   api            the ApiClient (playground.* methods, 'playground.event')
//   snapshot       the latest snapshot while the tab is visible (state letters of live pids), else null
//   active         whether the tab is visible (the page stays mounted so a run keeps its view)
//   onShowProcess  switches to the Monitor tab with that pid selected
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n, useStrings } from '../i18n/i18n-context.js';
import type { ApiClient } from '../../../shared/api.js';
import type { PythonHelperMeta } from '../../../shared/playground.js';
import type { Snapshot } from '../../../shared/process.js';
import { niceScale } from '../ui/time-scale.js';
import { useNow } from '../ui/use-now.js';
import { loadPref, savePref } from '../prefs.js';
import { exampleCommand, freshCursor, isStringList, pushHistory, pushRecentDir, refusalText, stepHistory, type HistoryCursor } from './command-history.js';
import { ExamplesSide } from './ExamplesSide.js';
import { OutputPane } from './OutputPane.js';
import { PgTimeline } from './PgTimeline.js';
import { RunStrip } from './RunStrip.js';
import { PG_STRINGS } from '../i18n/playground-strings.js';
import { ProcTree } from './ProcTree.js';
import { buildProcs, pidHueMap, procHues, treeRows } from './proc-model.js';
import { runClockMs, type PgRun } from './playground-run-store.js';
import { useCanChooseFiles, useExamples, usePlaygroundRuns } from './use-playground.js';
import { EventsPane } from '../ui/EventsPane.js';
import { LifecycleLegend, LifecycleTimeline } from '../ui/LifecycleTimeline.js';
import { buildLifecycleModel, type LcLane } from '../ui/lifecycle-model.js';
import { hueFor } from '../ui/pid-colors.js';
import '../ui/run-views.css';
import './playground.css';

export interface PlaygroundPageProps {
  api: ApiClient;
  snapshot: Snapshot | null;
  active: boolean;
  onShowProcess(pid: number): void;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const NO_HELPERS: readonly PythonHelperMeta[] = [];

export function PlaygroundPage({ api, snapshot, active, onShowProcess }: PlaygroundPageProps) {
  const { t: appT } = useI18n();
  const t = useStrings(PG_STRINGS);
  const runs = usePlaygroundRuns(api);
  const examples = useExamples(api);
  const canChooseFiles = useCanChooseFiles(api);
  const [command, setCommand] = useState('');
  const [cwd, setCwd] = useState(() => loadPref('playground.cwd', isString) ?? '');
  const [history, setHistory] = useState<string[]>(() => loadPref('playground.history', isStringList) ?? []);
  const [dirs, setDirs] = useState<string[]>(() => loadPref('playground.dirs', isStringList) ?? []);
  const cursor = useRef<HistoryCursor>(freshCursor);
  /** A refusal from the backend (nothing was started), or a note of the page's own. */
  const [error, setError] = useState<{ message: string; refused: boolean } | null>(null);
  const [starting, setStarting] = useState(false);
  const [procEvents, setProcEvents] = useState(true);
  const [stoppingId, setStoppingId] = useState<string | null>(null);
  const commandRef = useRef<HTMLInputElement>(null);
  const runRef = useRef<HTMLButtonElement>(null);
  const stopRef = useRef<HTMLButtonElement>(null);

  const run: PgRun | null = runs.state.currentId ? (runs.state.runs[runs.state.currentId] ?? null) : null;
  const running = run?.running ?? false;
  const now = useNow(running && active, 100);
  const helpers = examples.status === 'ready' ? examples.data.helpers : NO_HELPERS;
  const events = run?.events;
  const procs = useMemo(() => buildProcs(events ?? [], helpers), [events, helpers]);
  const hues = useMemo(() => procHues(procs), [procs]);
  const pidHues = useMemo(() => pidHueMap(procs), [procs]);
  const laneRows = useMemo(() => treeRows(procs), [procs]);
  const clock = run ? runClockMs(run, now) : 0;
  // Traced: the timeline and the events pane are drawn from the exact events; otherwise from sampling.
  const lifecycle = run ? runs.state.lifecycle[run.runId] : undefined;
  const exact = lifecycle?.source?.exact === true;
  const lcEvents = lifecycle?.events;
  const lcModel = useMemo(() => buildLifecycleModel(exact && lcEvents ? lcEvents : []), [exact, lcEvents]);
  const lcClock = Math.max(clock, lcModel.lastMs);
  // The colour the tree and the output give that pid, where sampling saw it.
  const lcHue = useCallback((lane: LcLane) => pidHues.get(lane.pid) ?? hueFor(lane.index), [pidHues]);

  const states = useMemo(() => {
    const m = new Map<number, string>();
    const wanted = new Set(procs.filter((p) => p.status === 'alive').map((p) => p.pid));
    if (!snapshot || wanted.size === 0) return m;
    for (const p of snapshot.processes) if (wanted.has(p.pid)) m.set(p.pid, p.state);
    return m;
  }, [snapshot, procs]);

  useEffect(() => {
    if (stoppingId && !runs.state.runs[stoppingId]?.running) setStoppingId(null);
  }, [runs.state, stoppingId]);

  useEffect(() => {
    // Opened by the arrows in the tab bar: the focus stays there (the arrows go on moving between tabs).
    if (active && document.activeElement?.getAttribute('role') !== 'tab') commandRef.current?.focus();
  }, [active]);

  // When the run ends, Stop is disabled: a focus left on it (or dropped to the page) goes back to the command box.
  useEffect(() => {
    if (running || !active) return;
    const el = document.activeElement;
    if (el === stopRef.current || el === document.body) commandRef.current?.focus();
  }, [running, active]);

  const start = useCallback(
    async (cmd: string) => {
      if (starting) return;
      setError(null);
      const nextHistory = pushHistory(history, cmd);
      setHistory(nextHistory);
      savePref('playground.history', nextHistory);
      cursor.current = freshCursor;
      setStarting(true);
      // Run pressed with the keyboard: it is disabled while the program runs, so the focus moves to Stop.
      const fromRun = document.activeElement === runRef.current;
      try {
        await runs.run(cmd, cwd);
        if (fromRun) requestAnimationFrame(() => stopRef.current?.focus());
        savePref('playground.cwd', cwd.trim());
        if (cwd.trim()) {
          const nextDirs = pushRecentDir(dirs, cwd);
          setDirs(nextDirs);
          savePref('playground.dirs', nextDirs);
        }
      } catch (e) {
        setError({ message: (e as Error).message, refused: true });
        runs.hide();
      } finally {
        setStarting(false);
      }
    },
    [starting, history, dirs, cwd, runs],
  );

  const onCommandKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.nativeEvent.isComposing) return;
    if (e.key === 'Enter') {
      e.preventDefault();
      if (!running) void start(command);
      else setError({ message: t('cmd.busy'), refused: false });
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      const step = stepHistory(history, cursor.current, command, e.key === 'ArrowUp' ? 'up' : 'down');
      if (!step) return;
      e.preventDefault();
      cursor.current = step.cursor;
      setCommand(step.value);
    } else if (e.key === 'Escape' && error) {
      setError(null);
    }
  };

  const stop = async () => {
    if (!run || !run.running) return;
    setStoppingId(run.runId);
    try {
      await runs.stop(run.runId);
    } catch (e) {
      setError({ message: (e as Error).message, refused: false });
      setStoppingId(null);
    }
  };

  const chooseDirectory = async () => {
    try {
      const { path } = await api.call('playground.chooseFile', { kind: 'directory' });
      if (path !== null) setCwd(path);
    } catch (e) {
      setError({ message: (e as Error).message, refused: false });
    }
  };

  const openScript = async () => {
    if (running || starting) return;
    setError(null);
    setStarting(true);
    try {
      await runs.openScript(cwd);
    } catch (e) {
      setError({ message: (e as Error).message, refused: true });
      runs.hide();
    } finally {
      setStarting(false);
    }
  };

  const runExample = (python: string, path: string) => {
    const cmd = exampleCommand(python, path);
    setCommand(cmd);
    if (!running) void start(cmd);
    else setError({ message: t('cmd.busy'), refused: false });
  };

  const liveRunId = run && run.running ? run.runId : null;
  const sendInput = runs.input;
  const inputFn = useMemo(() => (liveRunId ? (text: string, eof: boolean) => sendInput(liveRunId, text, eof) : null), [liveRunId, sendInput]);
  const stopping = stoppingId !== null && stoppingId === run?.runId;

  return (
    <div className="playground" data-testid="playground-page" style={active ? undefined : { display: 'none' }}>
      <ExamplesSide state={examples} busy={running || starting} onRun={runExample} />
      <div className="pg-main">
        <div className="pg-head">
          <h2>{t('page.title')}</h2>
          <span className="dim">{t('page.intro')}</span>
        </div>
        <section className="panel pg-command">
          <div className="pg-cmd-row">
            <label className="pg-cmd-box">
              <span className="pg-dollar mono" aria-hidden="true">
                $
              </span>
              <span className="sr-only">{t('cmd.label')}</span>
              <input
                ref={commandRef}
                className="mono"
                data-testid="playground-command"
                value={command}
                placeholder={t('cmd.placeholder')}
                spellCheck={false}
                autoComplete="off"
                autoCapitalize="off"
                aria-invalid={error !== null}
                aria-describedby={error ? 'pg-error' : undefined}
                onChange={(e) => {
                  setCommand(e.target.value);
                  cursor.current = freshCursor;
                }}
                onKeyDown={onCommandKey}
              />
            </label>
            <button
              type="button"
              ref={runRef}
              className="btn primary pg-run"
              data-testid="playground-run"
              disabled={running || starting}
              title={running ? t('cmd.busy') : t('cmd.runTitle')}
              onClick={() => void start(command)}
            >
              <span aria-hidden="true">▶</span> {starting ? t('cmd.starting') : t('cmd.run')}
            </button>
            {canChooseFiles && (
              <button
                type="button"
                className="btn"
                data-testid="playground-open-script"
                disabled={running || starting}
                title={t('cmd.openScriptTitle')}
                onClick={() => void openScript()}
              >
                {t('cmd.openScript')}
              </button>
            )}
            <button
              type="button"
              ref={stopRef}
              className="btn danger pg-stop"
              data-testid="playground-stop"
              disabled={!running || stopping}
              title={t('cmd.stopTitle')}
              onClick={() => void stop()}
            >
              <span aria-hidden="true">■</span> {stopping ? t('cmd.stopping') : t('cmd.stop')}
            </button>
          </div>
          <div className="pg-cwd-row">
            <label className="pg-cwd" title={canChooseFiles ? t('cmd.cwdTitle') : `${t('cmd.cwdTitle')} ${t('cmd.noChooser')}`}>
              <span className="dim">{t('cmd.cwd')}</span>
              <input
                className="mono"
                data-testid="playground-cwd"
                list="pg-recent-dirs"
                value={cwd}
                placeholder={t('cmd.cwdPlaceholder')}
                spellCheck={false}
                autoComplete="off"
                onChange={(e) => setCwd(e.target.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter' && !e.nativeEvent.isComposing && !running) void start(command);
                }}
              />
              <datalist id="pg-recent-dirs">
                {dirs.map((d) => (
                  <option key={d} value={d} />
                ))}
              </datalist>
            </label>
            {canChooseFiles && (
              <button type="button" className="btn" data-testid="playground-choose-cwd" title={t('cmd.chooseDirTitle')} onClick={() => void chooseDirectory()}>
                {t('cmd.chooseDir')}
              </button>
            )}
          </div>
          {error && (
            <div className="notice error pg-error" id="pg-error" role="alert" data-testid="playground-error">
              <span aria-hidden="true">⚠</span>
              <span>{error.refused ? t('cmd.error', { message: refusalText(error.message) }) : error.message}</span>
            </div>
          )}
        </section>
        <RunStrip run={run} clock={clock} stopping={stopping} />
        <div className="pg-cols">
          <section className="panel pg-output">
            <OutputPane
              key={run?.runId ?? 'none'}
              events={events ?? []}
              hues={pidHues}
              onShowProcess={onShowProcess}
              onInput={inputFn}
              procEvents={procEvents}
              onProcEvents={setProcEvents}
            />
          </section>
          <section className="panel pg-tree-panel">
            <ProcTree procs={procs} hues={hues} states={states} onShowProcess={onShowProcess} />
          </section>
        </div>
        <section className={`panel pg-timeline-panel${exact ? ' exact' : ''}`}>
          <div className="panel-title-row">
            <h3 className="panel-title">
              {t('timeline.title')} <span className="panel-sub">{t('timeline.sub')}</span>
            </h3>
            {exact ? (
              <LifecycleLegend />
            ) : (
            <div className="tl-legend small dim" aria-hidden="true">
              <span>
                <i className="lg lg-life" />
                {t('timeline.legendLife')}
              </span>
              <span>
                <i className="lg pg-lg-zombie" />
                {t('timeline.legendZombie')}
              </span>
              <span>
                <i className="lg pg-lg-exit" />
                {t('timeline.legendExit')}
              </span>
            </div>
            )}
          </div>
          {exact ? (
            <LifecycleTimeline
              model={lcModel}
              scaleMs={niceScale(lcClock)}
              nowMs={lcClock}
              running={running}
              hueOf={lcHue}
              onShowProcess={onShowProcess}
              testId="playground-lc-timeline"
            />
          ) : (
            <>
              {lifecycle?.source && !lifecycle.source.exact && (
                <div className="small dim pg-sampled" data-testid="playground-sampled">
                  {appT('lc.sampled', { reason: lifecycle.source.reason ?? '' })}
                </div>
              )}
              <PgTimeline rows={laneRows} scaleMs={niceScale(clock)} nowMs={clock} running={running} hues={hues} onShowProcess={onShowProcess} />
            </>
          )}
        </section>
        {exact && lcEvents && (
          <section className="panel pg-events-panel">
            <h3 className="panel-title">
              {appT('lc.events.title')} <span className="panel-sub">{appT('lc.events.sub')}</span>
            </h3>
            <EventsPane events={lcEvents} testId="playground-events" />
          </section>
        )}
      </div>
    </div>
  );
}
