// The Monitor tab: meters, toolbar, the virtualised table or tree, the details pane and the
// kill flow. Rows are rebuilt once per snapshot or query change; everything else slices them.
import { useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { SamplerSettings } from '../../../shared/api.js';
import type { SortKey } from '../../../shared/filter-sort.js';
import { identityKey, type ProcInfo, type Snapshot } from '../../../shared/process.js';
import { useI18n } from '../i18n/i18n-context.js';
import { ActionMenu, type MenuState } from '../kill/ActionMenu.js';
import { KillDialog } from '../kill/KillDialog.js';
import { killAction, availability, type KillActionId } from '../kill/kill-actions.js';
import { useKill } from '../kill/use-kill.js';
import type { AppApiClient } from '../api/connection.js';
import type { SetStatus } from '../status.js';
import { DetailsPane } from './DetailsPane.js';
import { Meters } from './Meters.js';
import type { RowHandlers } from './ProcessRow.js';
import { ProcessTable } from './ProcessTable.js';
import { RecentExits } from './RecentExits.js';
import { IncrementalRows } from './incremental-rows.js';
import { parentPids, type QuickFilter, type ViewMode } from './row-model.js';
import { ColumnChooser } from './ColumnChooser.js';
import { loadHiddenColumns } from './column-prefs.js';
import { useColumnSampling } from './use-column-sampling.js';
import { ViewControls } from './ViewControls.js';
import type { OwnerFilter } from './Toolbar.js';
import { findByKey, findByPid, keyForPid } from './selection.js';
import { DEFAULT_SORT, nextSort, type SortState } from './sort-state.js';
import { Toolbar } from './Toolbar.js';
import { IncrementalTally } from './table-tally.js';
import { notReapingBadges } from './zombies.js';
import { loadPref, savePref } from '../prefs.js';


/** Keys that move the table's selection even when nothing has the focus. */
const TABLE_KEYS = new Set(['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Home', 'End']);
export interface Selection {
  key: string | null;
  /** Bumped when the selected row should be scrolled into view. */
  revealToken: number;
  detailsOpen: boolean;
}

export type SelectFn = (key: string | null, opts?: { reveal?: boolean; open?: boolean }) => void;

interface Props {
  api: AppApiClient;
  snapshot: Snapshot;
  selection: Selection;
  select: SelectFn;
  closeDetails(): void;
  highlightPids: ReadonlySet<number>;
  setStatus: SetStatus;
}

const isView = (v: unknown): v is ViewMode => v === 'table' || v === 'tree';
const isOwner = (v: unknown): v is OwnerFilter => v === 'mine' || v === 'all';

export function MonitorPage({ api, snapshot, selection, select, closeDetails, highlightPids, setStatus }: Props) {
  const { t } = useI18n();
  const [filter, setFilter] = useState('');
  const deferredFilter = useDeferredValue(filter);
  const [quick, setQuick] = useState<QuickFilter>('all');
  const [view, setViewState] = useState<ViewMode>(() => loadPref('view', isView) ?? 'table');
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const [collapsed, setCollapsed] = useState<ReadonlySet<number>>(() => new Set());
  const [hiddenColumns, setHiddenColumns] = useState<ReadonlySet<SortKey>>(loadHiddenColumns);
  const [owner, setOwnerState] = useState<OwnerFilter>(() => loadPref('owner', isOwner) ?? 'all');
  /** The identity followed (htop's F), or null; the note says why following ended. */
  const [followKey, setFollowKey] = useState<string | null>(null);
  const [followEnded, setFollowEnded] = useState<string | null>(null);
  const [menu, setMenu] = useState<MenuState | null>(null);
  const [settings, setSettings] = useState<SamplerSettings>({ intervalMs: snapshot.intervalMs, paused: snapshot.paused });
  const tableRef = useRef<HTMLDivElement>(null);

  useEffect(() => setSettings({ intervalMs: snapshot.intervalMs, paused: snapshot.paused }), [snapshot.intervalMs, snapshot.paused]);

  // With nothing focused (a row that held the focus has gone, a click on empty space), the
  // arrows and paging keys still move the selection, as in htop: the table takes them.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!TABLE_KEYS.has(e.key) || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
      const table = tableRef.current;
      if (!table || (document.activeElement !== document.body && document.activeElement !== null)) return;
      e.preventDefault();
      table.focus({ preventScroll: true });
      table.dispatchEvent(new KeyboardEvent('keydown', { key: e.key, shiftKey: e.shiftKey, bubbles: true, cancelable: true }));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const setView = (v: ViewMode) => {
    setViewState(v);
    savePref('view', v);
    select(selection.key, { reveal: true });
  };

  const setOwner = (o: OwnerFilter) => {
    setOwnerState(o);
    savePref('owner', o);
  };
  // The app's own uid: that of its main process (the first of selfPids).
  const ownUid = useMemo(
    () => findByPid(snapshot.processes, snapshot.selfPids[0])?.uid ?? null,
    [snapshot.processes, snapshot.selfPids],
  );
  const uid = owner === 'mine' && ownUid !== null ? ownUid : undefined;
  useColumnSampling(api, hiddenColumns, snapshot.capabilities.extras, snapshot.sampled, snapshot.seq);
  // Patched tick after tick from the rows that changed (a full build when the query changes).
  const rowBuilder = useRef<IncrementalRows | null>(null);
  rowBuilder.current ??= new IncrementalRows();
  const builder = rowBuilder.current;
  const result = useMemo(
    () => builder.build(snapshot.processes, { view, filter: deferredFilter, quick, sort, collapsed, uid }),
    [builder, snapshot.processes, view, deferredFilter, quick, sort, collapsed, uid],
  );
  const selfPids = useMemo(() => new Set(snapshot.selfPids), [snapshot.selfPids]);
  const tallies = useRef<IncrementalTally | null>(null);
  tallies.current ??= new IncrementalTally();
  const tallier = tallies.current;
  const tally = useMemo(() => tallier.update(snapshot.processes), [tallier, snapshot.processes]);
  const parentsOfZombies = tally.zombieParents;

  // The selected process, or its last known values once it has exited.
  const lastSelected = useRef<ProcInfo | null>(null);
  const live = findByKey(snapshot.processes, selection.key);
  if (live) lastSelected.current = live;
  else if (lastSelected.current && identityKey(lastSelected.current) !== selection.key) lastSelected.current = null;
  const shown = live ?? lastSelected.current;
  // The parents that have not reaped their zombies: all of them under the Zombies filter, else the selected zombie's.
  const notReaping = useMemo(
    () => notReapingBadges(parentsOfZombies, quick === 'zombies', live),
    [parentsOfZombies, quick, live],
  );

  const kill = useKill(api, setStatus, t);

  const toggle = useCallback((pid: number, to?: boolean) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      const collapse = to ?? !prev.has(pid);
      if (collapse) next.add(pid);
      else next.delete(pid);
      return next;
    });
  }, []);

  const caps = snapshot.capabilities;
  const requestKill = kill.request;
  const requestAction = useCallback(
    (proc: ProcInfo, id: KillActionId, note?: string) => {
      if (!availability(killAction(id), caps, selfPids.has(proc.pid), proc).enabled) return;
      requestKill(proc, id, note);
    },
    [caps, selfPids, requestKill],
  );
  const endParent = useCallback(
    (parent: ProcInfo, signal: 'SIGTERM' | 'SIGKILL', zombie: ProcInfo) =>
      requestAction(parent, signal, t('zombie.dialogNote', { zombie: zombie.pid, pid: parent.pid })),
    [requestAction, t],
  );
  const showZombies = useCallback(() => setQuick('zombies'), []);
  // The table at the last commit, for handlers that read it when clicked: kept stable across ticks,
  // so the memoised toolbar is not rendered again by each one.
  const latestProcesses = useRef(snapshot.processes);
  useEffect(() => {
    latestProcesses.current = snapshot.processes;
  }, [snapshot.processes]);
  const foldAll = useCallback((expand: boolean) => setCollapsed(expand ? new Set() : parentPids(latestProcesses.current)), []);

  // Following: the selection stays on the identity (pid + start time) whatever the order; picking
  // another row ends it, and so does the process's exit, with a note.
  const following = followKey !== null && followKey === selection.key;
  const followedGone = following && !live;
  const toggleFollow = useCallback(() => {
    if (followKey !== null) return setFollowKey(null);
    if (selection.key === null) return;
    setFollowEnded(null);
    setFollowKey(selection.key);
  }, [followKey, selection.key]);
  useEffect(() => {
    if (followKey !== null && followKey !== selection.key) setFollowKey(null);
  }, [followKey, selection.key]);
  useEffect(() => {
    if (!followedGone || !shown) return;
    const note = t('follow.ended', { pid: shown.pid, name: shown.name });
    setFollowKey(null);
    setFollowEnded(note);
    setStatus('info', note);
  }, [followedGone, shown, t, setStatus]);

  const handlers = useMemo<RowHandlers>(
    () => ({
      onSelect: (key) => select(key, { open: true }),
      onOpen: (key) => select(key, { open: true, reveal: true }),
      onToggle: (pid) => toggle(pid),
      onAction: requestAction,
      onMenu: (proc, x, y) => setMenu({ proc, x, y }),
    }),
    [select, toggle, requestAction],
  );

  const selectPid = useCallback(
    (pid: number) => {
      const key = keyForPid(snapshot.processes, pid);
      if (key) select(key, { reveal: true, open: true });
    },
    [snapshot.processes, select],
  );

  const configure = useCallback(
    (params: { intervalMs?: number; paused?: boolean }) => {
      api
        .call('sampler.configure', params)
        .then(setSettings)
        .catch((e: Error) => setStatus('error', t('status.error', { message: e.message })));
    },
    [api, setStatus, t],
  );
  const onInterval = useCallback((ms: number) => configure({ intervalMs: ms }), [configure]);
  const onPause = useCallback((paused: boolean) => configure({ paused }), [configure]);
  const focusTable = useCallback(() => tableRef.current?.focus(), []);
  const onSort = useCallback((key: SortKey) => setSort((s) => nextSort(s, key)), []);
  const canFollow = live !== undefined;
  const toolbarExtra = useMemo(
    () => (
      <>
        <ColumnChooser hidden={hiddenColumns} onChange={setHiddenColumns} />
        <ViewControls tree={view === 'tree'} onFoldAll={foldAll} following={following} canFollow={canFollow}
          onToggleFollow={toggleFollow} endedNote={followEnded} />
      </>
    ),
    [hiddenColumns, view, foldAll, following, canFollow, toggleFollow, followEnded],
  );

  const nowMinute = Math.floor(snapshot.takenAt / 60_000) * 60_000;
  const filtering = deferredFilter.trim() !== '' && !result.filterError;

  return (
    <div className="monitor">
      <Meters snapshot={snapshot} counts={tally.counts} paused={settings.paused} onShowZombies={caps.zombies ? showZombies : undefined} />
      <Toolbar
        filter={filter}
        onFilter={setFilter}
        matched={result.matched}
        total={result.total}
        quick={quick}
        onQuick={setQuick}
        view={view}
        onView={setView}
        intervalMs={settings.intervalMs}
        paused={settings.paused}
        onInterval={onInterval}
        onPause={onPause}
        zombiesExist={caps.zombies}
        onFocusTable={focusTable}
        owner={owner}
        onOwner={setOwner}
        ownUid={ownUid}
        extra={toolbarExtra}
      />
      {result.filterError && (
        <p className="notice error filter-error" data-testid="filter-error" role="alert">{t('filter.badRegex', { message: result.filterError })}</p>
      )}
      <div className="monitor-body">
        <ProcessTable
          scrollerRef={tableRef}
          rows={result.rows}
          tree={view === 'tree'}
          sort={sort}
          onSort={onSort}
          selectedKey={selection.key}
          revealToken={selection.revealToken}
          highlightPids={highlightPids}
          selfPids={selfPids}
          nowMinute={nowMinute}
          now={snapshot.takenAt}
          notReaping={notReaping}
          emptyText={filtering ? t('table.emptyFilter', { filter: deferredFilter.trim() }) : t('table.empty')}
          handlers={handlers}
          onKeySelect={(key) => select(key, { reveal: true })}
          onCollapse={(pid, c) => toggle(pid, c)}
          onShortcutKill={(proc, hard) => requestAction(proc, hard ? 'SIGKILL' : 'SIGTERM')}
          hiddenColumns={hiddenColumns}
          ioSampled={caps.extras?.includes('io') ?? false}
          follow={following && !followedGone}
          onFoldAll={foldAll}
          onToggleFollow={toggleFollow}
        />
        {selection.detailsOpen && shown && (
          <DetailsPane
            api={api}
            proc={shown}
            alive={live !== undefined}
            snapshot={snapshot}
            isSelf={selfPids.has(shown.pid)}
            selfPids={selfPids}
            onSelectPid={selectPid}
            onAction={requestAction}
            onEndParent={endParent}
            onClose={closeDetails}
          />
        )}
      </div>
      <RecentExits api={api} />
      {menu && (
        <ActionMenu state={menu} caps={caps} isSelf={selfPids.has(menu.proc.pid)} onAction={requestAction} onClose={() => setMenu(null)} />
      )}
      {kill.dialog && <KillDialog state={kill.dialog} onConfirm={kill.confirm} onCancel={kill.cancel} />}
    </div>
  );
}
