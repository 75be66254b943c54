// One row of the process table (or tree). Memoised on the values it shows, so a refresh
// re-renders only the rows whose process changed. Untrusted names and commands are text nodes only.
import { memo } from 'react';
import type { ProcInfo } from '../../../shared/process.js';
import { formatBytes, formatCpuTime, formatDateTime, formatPercent, formatStart } from '../format.js';
import { useI18n } from '../i18n/i18n-context.js';
import { ActionIcon } from '../kill/ActionIcon.js';
import { type KillActionId } from '../kill/kill-actions.js';
import { IconLock, IconMore } from '../ui/icons.js';
import type { SortKey } from '../../../shared/filter-sort.js';
import type { Column } from './columns.js';
import type { RowModel } from './row-model.js';
import { StateBadge } from './StateBadge.js';
import { TreeGuides } from './TreeGuides.js';

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
  handlers: RowHandlers;
}

function ProcessRowImpl({ row, columns, index, tree, selected, highlighted, isSelf, nowMinute, handlers }: Props) {
  const { t } = useI18n();
  const p = row.proc;
  const cls = ['row', selected && 'selected', highlighted && 'highlighted', !row.matched && 'context-only', p.state === 'Z' && 'zombie', isSelf && 'self']
    .filter(Boolean)
    .join(' ');
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selected}
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
      {columns.map((c) => (
        <Cell key={c.key} column={c.key} p={p} row={row} tree={tree} highlighted={highlighted} nowMinute={nowMinute} handlers={handlers} />
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
                title={t(id === 'SIGKILL' ? 'killTitle.SIGKILL' : 'killTitle.SIGTERM')}
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
    </div>
  );
}

interface CellProps {
  column: SortKey;
  p: ProcInfo;
  row: RowModel;
  tree: boolean;
  highlighted: boolean;
  nowMinute: number;
  handlers: RowHandlers;
}

/** One cell of a row, by column. */
function Cell({ column, p, row, tree, highlighted, nowMinute, handlers }: CellProps) {
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
    case 'command':
      return (
        <span role="gridcell" className="cell command" title={p.command}>
          {tree && (
            <TreeGuides guides={row.guides} hasChildren={row.hasChildren} collapsed={row.collapsed} onToggle={() => handlers.onToggle(p.pid)} />
          )}
          {highlighted && <span className="highlight-dot" title={t('row.highlighted')} />}
          {tree ? (
            <span className="command-text">
              <span className={p.kernelThread ? 'tree-name kernel' : 'tree-name'}>{p.name}</span>
              {p.command && p.command !== p.name && <span className="tree-args"> {p.command}</span>}
            </span>
          ) : (
            <span className={p.kernelThread ? 'command-text kernel' : 'command-text'}>{p.command || p.name}</span>
          )}
        </span>
      );
  }
}

/** %CPU text colour: idle dim, busy amber, saturating red. */
const cpuClass = (cpu: number): string => (cpu < 0.05 ? 'dim' : cpu >= 90 ? 'cpu-high' : cpu >= 50 ? 'cpu-mid' : '');

const sameProc = (a: ProcInfo, b: ProcInfo): boolean =>
  a === b ||
  (a.pid === b.pid && a.ppid === b.ppid && a.startTime === b.startTime && a.state === b.state && a.cpu === b.cpu &&
    a.memPercent === b.memPercent && a.memRss === b.memRss && a.memVsz === b.memVsz && a.threads === b.threads &&
    a.cpuTimeMs === b.cpuTimeMs && a.user === b.user && a.uid === b.uid && a.command === b.command && a.name === b.name &&
    a.kernelThread === b.kernelThread);

const sameGuides = (a: RowModel['guides'], b: RowModel['guides']): boolean =>
  a === b || (a.length === b.length && a.every((g, i) => g === b[i]));

export const ProcessRow = memo(ProcessRowImpl, (prev, next) =>
  prev.index === next.index && prev.columns === next.columns && prev.tree === next.tree && prev.selected === next.selected &&
  prev.highlighted === next.highlighted && prev.isSelf === next.isSelf && prev.nowMinute === next.nowMinute &&
  prev.handlers === next.handlers && prev.row.hasChildren === next.row.hasChildren &&
  prev.row.collapsed === next.row.collapsed && prev.row.matched === next.row.matched && prev.row.depth === next.row.depth &&
  sameGuides(prev.row.guides, next.row.guides) && sameProc(prev.row.proc, next.row.proc));
