// The app shell: connection, the latest snapshot, language and theme, the Monitor / Lessons /
// Playground tabs, selection (shared so a lesson can show a process), the status line, and the
// performance probe (window.__procplayPerf.lastApplyMs: snapshot event → commit).
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import type { Lang } from '../../shared/i18n.js';
import type { Snapshot } from '../../shared/process.js';
import type { AppApiClient, ConnectionState } from './api/connection.js';
import { followSnapshots } from './api/snapshot-feed.js';
import { I18nContext, i18nFor } from './i18n/i18n-context.js';
import { initialLang } from './i18n/initial-lang.js';
import { LessonsPage } from './lessons/LessonsPage.js';
import { MonitorPage, type SelectFn, type Selection } from './monitor/MonitorPage.js';
import { PlaygroundPage } from './playground/PlaygroundPage.js';
import { MetricsSetting } from './settings/MetricsSetting.js';
import { keyForPid } from './monitor/selection.js';
import { loadPref, savePref } from './prefs.js';
import type { StatusKind, StatusMessage } from './status.js';
import { isThemePref, nextThemePref, resolveTheme, type ThemePref } from './theme.js';
import { ConnectionBanner } from './ui/ConnectionBanner.js';
import { ShortcutsOverlay } from './ui/ShortcutsOverlay.js';
import { StatusBar } from './ui/StatusBar.js';
import { TopBar, type Tab } from './ui/TopBar.js';
import { useSystemDark } from './ui/use-system-dark.js';

export interface PerfProbe {
  /** Milliseconds from receiving the last snapshot event to React committing it. */
  lastApplyMs: number;
  /** Number of snapshots applied so far. */
  applied: number;
}

declare global {
  interface Window {
    __procplayPerf?: PerfProbe;
  }
}

const perf: PerfProbe = { lastApplyMs: 0, applied: 0 };

// The playground stays mounted on other tabs; while hidden its props do not change, and without
// memo every tick re-rendered it, and its console's follow-scroll (reading scrollHeight) forced a
// layout of the whole page, monitor table included, inside the tick's commit.
const StablePlaygroundPage = memo(PlaygroundPage);
window.__procplayPerf = perf;

export function App({ api }: { api: AppApiClient }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [themePref, setThemePref] = useState<ThemePref>(() => loadPref('theme', isThemePref) ?? 'system');
  const systemDark = useSystemDark();
  const theme = resolveTheme(themePref, systemDark);
  const [tab, setTab] = useState<Tab>('monitor');
  const [snapshot, setSnapshot] = useState<Snapshot | null>(null);
  const [conn, setConn] = useState<ConnectionState>(() => api.connection());
  const everConnected = useRef(false);
  const [selection, setSelection] = useState<Selection>({ key: null, revealToken: 0, detailsOpen: false });
  const [highlightPids, setHighlightPids] = useState<ReadonlySet<number>>(() => new Set());
  const [status, setStatusState] = useState<StatusMessage | null>(null);
  const receivedAt = useRef(0);
  const [shortcuts, setShortcuts] = useState(false);

  // "?" anywhere but in a text field shows the keyboard shortcuts.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '?' || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const el = e.target as HTMLElement | null;
      if (el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))) return;
      e.preventDefault();
      setShortcuts(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    // Full tables and per-tick deltas, decoded into the table to show (asks for a full one on a gap).
    const feed = followSnapshots(api, (s) => {
      receivedAt.current = performance.now();
      // Commit the tick in this task: left to the scheduler, a frame may be drawn first,
      // adding its time to the update's latency for no gain.
      flushSync(() => setSnapshot(s));
    });
    const offConn = api.onConnection((s) => {
      if (s.status === 'open') everConnected.current = true;
      setConn(s);
    });
    // The socket may have opened before this effect subscribed.
    const now = api.connection();
    if (now.status === 'open') everConnected.current = true;
    setConn(now);
    return () => {
      feed.close();
      offConn();
    };
  }, [api]);

  useLayoutEffect(() => {
    if (receivedAt.current === 0) return;
    perf.lastApplyMs = performance.now() - receivedAt.current;
    perf.applied++;
    receivedAt.current = 0;
  }, [snapshot]);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    document.documentElement.style.colorScheme = theme;
  }, [theme]);

  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);

  const i18n = i18nFor(lang);
  useEffect(() => {
    document.title = i18n.t('app.title');
  }, [i18n]);

  // Stable handlers: the top bar is memoised, and is then not rendered again by each tick.
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    savePref('lang', l);
  }, []);
  const cycleTheme = useCallback(() => {
    const next = nextThemePref(themePref);
    setThemePref(next);
    savePref('theme', next);
  }, [themePref]);
  const showShortcuts = useCallback(() => setShortcuts(true), []);

  const setStatus = useCallback((kind: StatusKind, text: string) => setStatusState({ kind, text, at: performance.now() }), []);

  const select = useCallback<SelectFn>((key, opts = {}) => {
    setSelection((s) => ({
      key,
      revealToken: opts.reveal ? s.revealToken + 1 : s.revealToken,
      detailsOpen: key === null ? false : opts.open ? true : s.detailsOpen,
    }));
  }, []);
  const closeDetails = useCallback(() => setSelection((s) => ({ ...s, detailsOpen: false })), []);

  const snapshotRef = useRef(snapshot);
  snapshotRef.current = snapshot;
  const showProcess = useCallback(
    (pid: number) => {
      const key = snapshotRef.current ? keyForPid(snapshotRef.current.processes, pid) : null;
      setTab('monitor');
      if (key) select(key, { reveal: true, open: true });
    },
    [select],
  );
  const highlight = useCallback((pids: readonly number[]) => setHighlightPids(new Set(pids)), []);

  const waiting = useMemo(() => <div className="waiting">{i18n.t('table.waiting')}</div>, [i18n]);

  return (
    <I18nContext.Provider value={i18n}>
      <div className="app" data-theme={theme}>
        <TopBar tab={tab} onTab={setTab} onLang={setLang} themePref={themePref} onCycleTheme={cycleTheme} onShortcuts={showShortcuts} />
        {shortcuts && <ShortcutsOverlay onClose={() => setShortcuts(false)} />}
        <ConnectionBanner state={conn} everConnected={everConnected.current} />
        <main id="page" role="tabpanel" className={conn.status === 'open' || !everConnected.current ? 'page' : 'page stale'}>
          {tab === 'monitor' &&
            (snapshot ? (
              <MonitorPage
                api={api}
                snapshot={snapshot}
                selection={selection}
                select={select}
                closeDetails={closeDetails}
                highlightPids={highlightPids}
                setStatus={setStatus}
              />
            ) : (
              waiting
            ))}
          {tab === 'lessons' && (
            <LessonsPage api={api} snapshot={snapshot} onShowProcess={showProcess} onHighlight={highlight} />
          )}
          {/* Kept mounted (hidden on other tabs) so a run keeps its view and the typed command. */}
          <StablePlaygroundPage
            api={api}
            snapshot={tab === 'playground' ? snapshot : null}
            active={tab === 'playground'}
            onShowProcess={showProcess}
          />
        </main>
        <MetricsSetting api={api} />
        <StatusBar
          status={status}
          adapter={snapshot?.capabilities.adapter ?? null}
          transport={api.transport}
          sampleMs={snapshot?.sampleMs ?? null}
          renderMs={perf.applied > 0 ? perf.lastApplyMs : null}
          samplingError={snapshot?.samplingError?.message ?? null}
        />
      </div>
    </I18nContext.Provider>
  );
}
