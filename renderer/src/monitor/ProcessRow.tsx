// One row of the process table (or tree). Memoised on the values it shows, so a refresh
// re-renders only the rows whose process changed. Untrusted names and commands are text nodes only.
import { memo } from 'react';
import type { ProcInfo } from '../../../shared/process.js';
import { formatBytes, formatClock, formatCpuTime, formatDateTime, formatElapsed, formatPercent, formatStart } from '../../../shared/format.js';
import { useI18n } from '../i18n/i18n-context.js';
import { ActionIcon } from '../kill/ActionIcon.js';
import { type KillActionId } from '../kill/kill-actions.js';
import { IconLock, IconMore } from '../ui/icons.js';
import type { SortKey } from '../../../shared/filter-sort.js';
import type { Column } from './columns.js';
import type { RowModel } from './row-model.js';
import { StateBadge } from '../ui/StateBadge.js';
import { TreeGuides } from '../ui/TreeGuides.js';
import { orphanInfo, zombieAgeMs } from './zombies.js';
import { showInvisible } from '../../../shared/visible-text.js';

export const ROW_HEIGHT = 26;

export interface RowHandlers {
  onSelect(key: string): void;
  onOpen(key: string): void;
  onToggle(pid: number): void;
  onAction(proc: ProcInfo, action: KillActionId): void;
  onMenu(proc: ProcInfo, x: number, y: number): void;
}

interface Props {
  row: RowModel;
  columns: readonly Column[];
  index: number;
  tree: boolean;
  selected: boolean;
  highlighted: boolean;
  isSelf: boolean;
  /** The sample time rounded to the minute: START changes format only across minutes. */
  nowMinute: number;
  /** The sample time, for a zombie's "zombie for 12 s"; 0 for other rows (so they do not re-render each tick). */
  now: number;
  /** Zombie children this process has not reaped, when its "not reaping" badge is shown; else 0. */
  notReaping: number;
  /** The adapter reads I/O (Linux): a missing rate is "measuring", not "not available on this OS". */
  ioSampled: boolean;
  handlers: RowHandlers;
}

function ProcessRowImpl({ row, columns, index, tree, selected, highlighted, isSelf, nowMinute, now, notReaping, ioSampled, handlers }: Props) {
  const p = row.proc;
  const zombie = p.state === 'Z';
  const cls = ['row', selected && 'selected', highlighted && 'highlighted', !row.matched && 'context-only', zombie && 'zombie',
    notReaping > 0 && 'not-reaping', isSelf && 'self']
    .filter(Boolean)
    .join(' ');
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
      // Roving tabindex: the selected row is the table's one Tab stop, and keyboard focus follows the selection.
      tabIndex={selected ? 0 : -1}
      className={cls}
      style={{ top: index * ROW_HEIGHT }}
      data-testid={`row-${p.pid}`}
      data-pid={p.pid}
      data-ppid={p.ppid}
      data-state={p.state}
      data-depth={tree ? row.depth : undefined}
      onClick={() => handlers.onSelect(row.key)}
      onDoubleClick={() => handlers.onOpen(row.key)}
      onContextMenu={(e) => {
        if (isSelf) return;
        e.preventDefault();
        handlers.onSelect(row.key);
        handlers.onMenu(p, e.clientX, e.clientY);
      }}
    >
      <RowContent row={row} columns={columns} tree={tree} highlighted={highlighted} isSelf={isSelf} nowMinute={nowMinute} now={now}
        notReaping={notReaping} ioSampled={ioSampled} handlers={handlers} />
    </div>
  );
}

type ContentProps = Omit<Props, 'index' | 'selected'>;

/**
 * The cells and the row's buttons. Memoised apart from the row itself: when a process above
 * comes, goes or re-sorts, every row below moves (a new index, so a new `top`), and only the
 * positioned row re-renders, not its fifteen cells.
 */
const RowContent = memo(function RowContent({ row, columns, tree, highlighted, isSelf, nowMinute, now, notReaping, ioSampled, handlers }: ContentProps) {
  const { t } = useI18n();
  const p = row.proc;
  const zombie = p.state === 'Z';
  return (
    <>
      {columns.map((c) => (
        <Cell key={c.key} column={c.key} p={p} row={row} tree={tree} highlighted={highlighted} nowMinute={nowMinute} now={now}
          notReaping={notReaping} ioSampled={ioSampled} handlers={handlers} />
      ))}
      <span role="gridcell" className="cell actions">
        {isSelf ? (
          <span className="self-lock" title={t('kill.self')} aria-label={t('kill.self')}>
            <IconLock />
          </span>
        ) : (
          <>
            {(['SIGTERM', 'SIGKILL'] as const).map((id) => (
              <button
                key={id}
                type="button"
                className={`icon-btn row-action ${id === 'SIGKILL' ? 'danger' : ''}`}
                data-testid={`row-${p.pid}-${id}`}
                tabIndex={-1}
                disabled={zombie || p.kernelThread}
                title={zombie ? t('kill.zombie') : p.kernelThread ? t('kill.kernel') : t(id === 'SIGKILL' ? 'killTitle.SIGKILL' : 'killTitle.SIGTERM')}
                aria-label={t(`kill.${id}`)}
                onClick={(e) => {
                  e.stopPropagation();
                  handlers.onSelect(row.key);
                  handlers.onAction(p, id);
                }}
              >
                <ActionIcon id={id} />
              </button>
            ))}
            <button
              type="button"
              className="icon-btn row-action"
              data-testid={`row-${p.pid}-more`}
              tabIndex={-1}
              title={t('kill.more')}
              aria-label={t('kill.more')}
              onClick={(e) => {
                e.stopPropagation();
                handlers.onSelect(row.key);
                const r = e.currentTarget.getBoundingClientRect();
                handlers.onMenu(p, r.right, r.bottom);
              }}
            >
              <IconMore />
            </button>
          </>
        )}
      </span>
    </>
  );
}, (prev, next) =>
  prev.columns === next.columns && prev.tree === next.tree && prev.highlighted === next.highlighted &&
  prev.isSelf === next.isSelf && prev.nowMinute === next.nowMinute && prev.now === next.now &&
  prev.notReaping === next.notReaping && prev.ioSampled === next.ioSampled && prev.handlers === next.handlers &&
  sameRow(prev.row, next.row));

interface CellProps {
  column: SortKey;
  p: ProcInfo;
  row: RowModel;
  tree: boolean;
  highlighted: boolean;
  nowMinute: number;
  now: number;
  notReaping: number;
  ioSampled: boolean;
  handlers: RowHandlers;
}

/** One cell of a row, by column. */
function Cell({ column, p, row, tree, highlighted, nowMinute, now, notReaping, ioSampled, handlers }: CellProps) {
  const { t, locale } = useI18n();
  switch (column) {
    case 'user':
      return <span role="gridcell" className="cell text" title={p.uid === null ? p.user : `${p.user} (uid ${p.uid})`}>{p.user}</span>;
    case 'pid':
      return <span role="gridcell" className="cell num">{p.pid}</span>;
    case 'ppid':
      return <span role="gridcell" className="cell num dim">{p.ppid}</span>;
    case 'state':
      return <span role="gridcell" className="cell center"><StateBadge state={p.state} /></span>;
    case 'cpu':
      return <span role="gridcell" className={`cell num ${cpuClass(p.cpu)}`}>{formatPercent(p.cpu)}</span>;
    case 'memPercent':
      return <span role="gridcell" className={`cell num ${p.memPercent < 0.05 ? 'dim' : ''}`}>{formatPercent(p.memPercent)}</span>;
    case 'memRss':
      return <span role="gridcell" className="cell num">{formatBytes(p.memRss)}</span>;
    case 'memVsz':
      return <span role="gridcell" className="cell num dim">{formatBytes(p.memVsz)}</span>;
    case 'threads':
      return <span role="gridcell" className="cell num dim">{p.threads ?? '—'}</span>;
    case 'startTime':
      return <span role="gridcell" className="cell num dim" title={formatDateTime(p.startTime, locale)}>{formatStart(p.startTime, nowMinute, locale)}</span>;
    case 'cpuTimeMs':
      return <span role="gridcell" className="cell num">{formatCpuTime(p.cpuTimeMs)}</span>;
    case 'nice':
    case 'priority': {
      const v = p[column];
      return v === undefined
        ? <span role="gridcell" className="cell num dim" title={t('cell.notAvailable')}>–</span>
        : <span role="gridcell" className={`cell num ${column === 'nice' && v === 0 ? 'dim' : ''}`}>{v}</span>;
    }
    case 'ioReadPerSec':
    case 'ioWritePerSec': {
      const v = p[column];
      if (p.ioDenied) {
        // Not 0 and not blank: the OS refused, and the tooltip says so (htop#608).
        return <span role="gridcell" className="cell num dim io-denied" title={t('cell.ioDenied', { pid: p.pid })}>{t('cell.ioDeniedShort')}</span>;
      }
      if (v === undefined) return <span role="gridcell" className="cell num dim" title={t(ioSampled ? 'cell.ioPending' : 'cell.notAvailable')}>–</span>;
      return <span role="gridcell" className={`cell num ${v === 0 ? 'dim' : ''}`}>{`${formatBytes(v)}/s`}</span>;
    }
    case 'cgroup':
      return p.cgroup === undefined
        ? <span role="gridcell" className="cell text dim" title={t('cell.notAvailable')}>–</span>
        : <span role="gridcell" className="cell text" title={p.cgroup}>{p.cgroup}</span>;
    case 'command':
      return (
        <span role="gridcell" className="cell command" title={showInvisible(p.command)}>
          {tree && (
            <TreeGuides guides={row.guides} hasChildren={row.hasChildren} collapsed={row.collapsed} onToggle={() => handlers.onToggle(p.pid)} focusable={false} />
          )}
          {highlighted && <span className="highlight-dot" title={t('row.highlighted')} />}
          {tree ? (
            <span className="command-text">
              <span className={p.kernelThread ? 'tree-name kernel' : 'tree-name'}>{showInvisible(p.name)}</span>
              {p.command && p.command !== p.name && <span className="tree-args"> {showInvisible(p.command)}</span>}
            </span>
          ) : (
            <span className={p.kernelThread ? 'command-text kernel' : 'command-text'}>{showInvisible(p.command || p.name)}</span>
          )}
          {p.ports && p.ports.length > 0 && (
            <span className="row-badge ports" data-testid={`ports-${p.pid}`} title={t('row.portsTitle', { ports: p.ports.map((n) => `:${n}`).join(' ') })}>
              {`:${p.ports[0]}`}{p.ports.length > 1 ? ` +${p.ports.length - 1}` : ''}
            </span>
          )}
          <RowBadges p={p} now={now} notReaping={notReaping} />
        </span>
      );
  }
}

/** After the command: how long a zombie has been one, "not reaping" on its parent, "orphan" on an adopted process. */
function RowBadges({ p, now, notReaping }: { p: ProcInfo; now: number; notReaping: number }) {
  const { t, lang } = useI18n();
  const age = now > 0 ? zombieAgeMs(p, now) : null;
  const orphan = orphanInfo(p);
  if (age === null && notReaping === 0 && !orphan) return null;
  return (
    <>
      {age !== null && (
        <span className="row-badge zombie-age" data-testid={`zombie-age-${p.pid}`} title={t('row.zombieForTitle', { time: formatClock(p.zombieSince ?? now) })}>
          {t('row.zombieFor', { age: formatElapsed(age, lang) })}
        </span>
      )}
      {notReaping > 0 && (
        <span className="row-badge not-reaping" data-testid={`not-reaping-${p.pid}`}
          title={notReaping === 1 ? t('row.notReapingOne') : t('row.notReapingTitle', { n: notReaping })}>
          {notReaping === 1 ? t('row.notReaping') : t('row.notReapingMany', { n: notReaping })}
        </span>
      )}
      {orphan && (
        <span className="row-badge orphan" data-testid={`orphan-${p.pid}`}
          title={orphan.by === 'init' ? t('orphan.byInit', { prev: orphan.previousPpid }) : t('orphan.bySubreaper', { prev: orphan.previousPpid, ppid: orphan.adopter })}>
          {t('row.orphan')}
        </span>
      )}
    </>
  );
}

/** %CPU text colour: idle dim, busy amber, saturating red. */
const cpuClass = (cpu: number): string => (cpu < 0.05 ? 'dim' : cpu >= 90 ? 'cpu-high' : cpu >= 50 ? 'cpu-mid' : '');

const sameProc = (a: ProcInfo, b: ProcInfo): boolean =>
  a === b ||
  (a.pid === b.pid && a.ppid === b.ppid && a.startTime === b.startTime && a.state === b.state && a.cpu === b.cpu &&
    a.memPercent === b.memPercent && a.memRss === b.memRss && a.memVsz === b.memVsz && a.threads === b.threads &&
    a.cpuTimeMs === b.cpuTimeMs && a.user === b.user && a.uid === b.uid && a.command === b.command && a.name === b.name &&
    a.kernelThread === b.kernelThread && a.zombieSince === b.zombieSince && a.previousPpid === b.previousPpid &&
    a.nice === b.nice && a.priority === b.priority && a.ioReadPerSec === b.ioReadPerSec && a.ioWritePerSec === b.ioWritePerSec &&
    a.ioDenied === b.ioDenied && a.cgroup === b.cgroup && samePorts(a.ports, b.ports));

const samePorts = (a: readonly number[] | undefined, b: readonly number[] | undefined): boolean =>
  a === b || (!!a && !!b && a.length === b.length && a.every((n, i) => n === b[i]));

const sameGuides = (a: RowModel['guides'], b: RowModel['guides']): boolean =>
  a === b || (a.length === b.length && a.every((g, i) => g === b[i]));

/** Whether two row models draw the same cells. */
const sameRow = (a: RowModel, b: RowModel): boolean =>
  a === b ||
  (a.hasChildren === b.hasChildren && a.collapsed === b.collapsed && a.matched === b.matched && a.depth === b.depth &&
    sameGuides(a.guides, b.guides) && sameProc(a.proc, b.proc));

export const ProcessRow = memo(ProcessRowImpl, (prev, next) =>
  prev.index === next.index && prev.columns === next.columns && prev.tree === next.tree && prev.selected === next.selected &&
  prev.highlighted === next.highlighted && prev.isSelf === next.isSelf && prev.nowMinute === next.nowMinute &&
  prev.now === next.now && prev.notReaping === next.notReaping && prev.ioSampled === next.ioSampled &&
  prev.handlers === next.handlers && sameRow(prev.row, next.row));
