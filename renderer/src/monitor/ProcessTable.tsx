// The virtualised process table: only the rows in view (plus a margin) are in the DOM, at a
// fixed row height, so 5,000 processes scroll smoothly. Handles keyboard navigation and the
// Delete / Shift+Delete shortcuts; the same component draws the tree view.
import { type KeyboardEvent, type RefObject, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { SortKey } from '../../../shared/filter-sort.js';
import type { ProcInfo } from '../../../shared/process.js';
import { useI18n } from '../i18n/i18n-context.js';
import { gridTemplate, minWidth, visibleColumns } from './columns.js';
import { ProcessRow, ROW_HEIGHT, type RowHandlers } from './ProcessRow.js';
import type { RowModel } from './row-model.js';
import { indexOfKey, moveSelection } from './selection.js';
import type { SortState } from './sort-state.js';
import { TableHeader } from './TableHeader.js';
import { useElementSize } from './use-element-size.js';
import { scrollToReveal, visibleRange } from './virtual.js';

const HEADER_HEIGHT = 30;

interface Props {
  /** The scrolling element (the parent focuses it from the filter box). */
  scrollerRef: RefObject<HTMLDivElement | null>;
  rows: readonly RowModel[];
  tree: boolean;
  sort: SortState;
  onSort(key: SortKey): void;
  selectedKey: string | null;
  /** Changes whenever the selection should be scrolled into view (selection by click does not). */
  revealToken: number;
  highlightPids: ReadonlySet<number>;
  selfPids: ReadonlySet<number>;
  nowMinute: number;
  /** Time of the sample shown, for the zombies' age. */
  now: number;
  /** Rows with the "not reaping" badge: pid → zombie children not reaped. */
  notReaping: ReadonlyMap<number, number>;
  emptyText: string;
  handlers: RowHandlers;
  onKeySelect(key: string | null): void;
  onCollapse(pid: number, collapsed: boolean): void;
  onShortcutKill(proc: ProcInfo, kill: boolean): void;
  /** Columns the user hid with the column chooser. */
  hiddenColumns?: ReadonlySet<SortKey>;
  /** The adapter reads I/O (Linux): a missing rate is "measuring", not "not available on this OS". */
  ioSampled?: boolean;
  /** Follow mode: keep the selected row in view whenever the rows change. */
  follow?: boolean;
  /** Tree view: expand all (true) or collapse all (false), from the * and / keys. */
  onFoldAll?(expand: boolean): void;
  /** The F key: follow the selected process, or stop. */
  onToggleFollow?(): void;
}

const NONE_HIDDEN: ReadonlySet<SortKey> = new Set();

export function ProcessTable(props: Props) {
  const { rows, tree, selectedKey, handlers } = props;
  const { t } = useI18n();
  const scroller = props.scrollerRef;
  const [scrollTop, setScrollTop] = useState(0);
  const { width, height } = useElementSize(scroller);
  const hidden = props.hiddenColumns ?? NONE_HIDDEN;
  // Memoised: rows are memoised on the columns array, which must not change on every render.
  const columns = useMemo(() => visibleColumns(width, tree, hidden), [width, tree, hidden]);
  const bodyHeight = Math.max(0, height - HEADER_HEIGHT);
  const { start, end } = visibleRange(scrollTop, bodyHeight, ROW_HEIGHT, rows.length);

  const reveal = (key: string | null): void => {
    const el = scroller.current;
    const i = indexOfKey(rows, key);
    if (!el || i < 0) return;
    const top = scrollToReveal(i, el.scrollTop, bodyHeight, ROW_HEIGHT);
    if (top !== el.scrollTop) el.scrollTop = top;
  };

  // Reveal the selection when asked to (keyboard, ancestor chip, lesson): once per request.
  const revealed = useRef(props.revealToken);
  useLayoutEffect(() => {
    if (revealed.current === props.revealToken) return;
    revealed.current = props.revealToken;
    reveal(selectedKey);
  });

  // Follow mode: the followed row moves as processes come, go and re-sort; keep it in view on every change.
  const follow = props.follow ?? false;
  useLayoutEffect(() => {
    if (follow) reveal(selectedKey);
    // reveal reads the rows and sizes of this render; it is re-run when what it depends on changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [follow, rows, selectedKey, bodyHeight]);

  // A shorter list (filter typed) may leave the scroll position past the end. Compared with the
  // position last scrolled to (state), not el.scrollTop: reading that forces a layout of the page
  // in the middle of every tick whose row count changed.
  const pastEnd = scrollTop > rows.length * ROW_HEIGHT;
  useEffect(() => {
    const el = scroller.current;
    if (el && pastEnd) el.scrollTop = 0;
  }, [pastEnd, scroller]);

  // Focus follows the selection: after a key moved it, the selected row takes the focus once it
  // is drawn (revealing it may take one more render of the virtual list).
  const focusSelected = useRef(false);
  /** Whether the keyboard focus is in the table; a focused row that left (its process ended) must not drop it to the page. */
  const hasFocus = useRef(false);
  useLayoutEffect(() => {
    if (hasFocus.current && document.activeElement === document.body) {
      focusSelected.current = true;
      if (!scroller.current?.querySelector('[role="row"][aria-selected="true"]')) scroller.current?.focus({ preventScroll: true });
    }
    if (!focusSelected.current) return;
    const row = scroller.current?.querySelector<HTMLElement>('[role="row"][aria-selected="true"]');
    if (!row) return;
    focusSelected.current = false;
    if (document.activeElement !== row) row.focus({ preventScroll: true });
  });
  const selectedDrawn = rows.slice(start, end).some((r) => r.key === selectedKey);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const page = Math.max(1, Math.floor(bodyHeight / ROW_HEIGHT) - 1);
    const move = (delta: number) => {
      e.preventDefault();
      const next = moveSelection(rows, selectedKey, delta);
      focusSelected.current = true;
      props.onKeySelect(next);
    };
    const current = rows[indexOfKey(rows, selectedKey)];
    switch (e.key) {
      case 'ArrowDown': return move(1);
      case 'ArrowUp': return move(-1);
      case 'PageDown': return move(page);
      case 'PageUp': return move(-page);
      case 'Home': return move(-rows.length);
      case 'End': return move(rows.length);
      case 'Enter':
        if (current) {
          e.preventDefault();
          handlers.onOpen(current.key);
        }
        return;
      case 'ArrowLeft':
      case 'ArrowRight':
        if (tree && current?.hasChildren) {
          e.preventDefault();
          props.onCollapse(current.proc.pid, e.key === 'ArrowLeft');
        }
        return;
      case 'ContextMenu':
      case 'F10':
        if (current && (e.key === 'ContextMenu' || e.shiftKey) && !props.selfPids.has(current.proc.pid)) {
          e.preventDefault();
          const r = (e.target as HTMLElement).getBoundingClientRect();
          handlers.onMenu(current.proc, r.left + 40, r.bottom);
        }
        return;
      case '*':
      case '/':
        if (tree && props.onFoldAll) {
          e.preventDefault();
          props.onFoldAll(e.key === '*');
        }
        return;
      case 'f':
      case 'F':
        if (props.onToggleFollow && !e.ctrlKey && !e.metaKey && !e.altKey) {
          e.preventDefault();
          props.onToggleFollow();
        }
        return;
      case 'Delete':
      case 'Backspace':
        if (current && !props.selfPids.has(current.proc.pid) && (e.key === 'Delete' || e.metaKey)) {
          e.preventDefault();
          props.onShortcutKill(current.proc, e.shiftKey);
        }
        return;
    }
  };

  const visible: RowModel[] = rows.slice(start, end);
  return (
    <div
      ref={scroller}
      className="table-scroller"
      role="grid"
      aria-rowcount={rows.length + 1}
      aria-multiselectable={false}
      // The selected row is the Tab stop when it is drawn; otherwise the table itself is.
      tabIndex={selectedDrawn ? -1 : 0}
      data-testid="process-table"
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      onFocus={() => (hasFocus.current = true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) hasFocus.current = false;
      }}
    >
      <div className="table-inner" style={{ minWidth: minWidth(columns, tree), ['--grid' as string]: gridTemplate(columns, tree) }}>
        <TableHeader columns={columns} sort={props.sort} sortable={!tree} onSort={props.onSort} />
        <div className="table-body" style={{ height: rows.length * ROW_HEIGHT }}>
          {visible.map((row, i) => (
            <ProcessRow
              key={row.key}
              row={row}
              columns={columns}
              index={start + i}
              tree={tree}
              selected={row.key === selectedKey}
              highlighted={props.highlightPids.has(row.proc.pid)}
              isSelf={props.selfPids.has(row.proc.pid)}
              nowMinute={props.nowMinute}
              now={row.proc.state === 'Z' ? props.now : 0}
              notReaping={props.notReaping.get(row.proc.pid) ?? 0}
              ioSampled={props.ioSampled ?? false}
              handlers={handlers}
            />
          ))}
          {rows.length === 0 && <div className="table-empty">{props.emptyText || t('table.empty')}</div>}
        </div>
      </div>
    </div>
  );
}
