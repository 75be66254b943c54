// The process table's columns: which field each shows, its width, alignment and default sort
// direction. One list drives the header, the rows and the sort state.
import type { SortKey } from '../../../shared/filter-sort.js';
import type { OptionalSampled } from '../../../shared/process.js';

export interface Column {
  key: SortKey;
  /** Fixed width in pixels; the command column takes the rest. */
  width: number | null;
  numeric: boolean;
}

export const COLUMNS: readonly Column[] = [
  { key: 'user', width: 92, numeric: false },
  { key: 'pid', width: 66, numeric: true },
  { key: 'ppid', width: 66, numeric: true },
  { key: 'state', width: 54, numeric: false },
  { key: 'nice', width: 40, numeric: true },
  { key: 'priority', width: 44, numeric: true },
  { key: 'cpu', width: 60, numeric: true },
  { key: 'memPercent', width: 60, numeric: true },
  { key: 'memRss', width: 80, numeric: true },
  { key: 'memVsz', width: 80, numeric: true },
  { key: 'threads', width: 48, numeric: true },
  { key: 'startTime', width: 68, numeric: true },
  { key: 'cpuTimeMs', width: 76, numeric: true },
  { key: 'ioReadPerSec', width: 96, numeric: true },
  { key: 'ioWritePerSec', width: 96, numeric: true },
  { key: 'cgroup', width: 120, numeric: false },
  { key: 'command', width: null, numeric: false },
];

/** Width of the per-row actions cell (signal buttons or the lock). */
export const ACTIONS_WIDTH = 80;
/** The command column never gets narrower than this; the table scrolls sideways instead. */
export const COMMAND_MIN_WIDTH = 200;
/**
 * In the tree view the command column also holds the indentation, so it claims more room: the
 * least essential columns give way to it sooner, and deep trees keep a readable command.
 */
export const TREE_COMMAND_MIN_WIDTH = 360;

const commandMin = (tree: boolean): number => (tree ? TREE_COMMAND_MIN_WIDTH : COMMAND_MIN_WIDTH);

/** Columns given up, in this order, when the table is too narrow for all of them. */
// PPID and %MEM stay longest: the parent link is what the lessons are about (and TIME, RSS are
// the more technical twins of %CPU and %MEM). The optional columns go last: they are hidden
// unless the user chose them, and a column chosen on purpose should outlast the defaults.
export const DROP_ORDER: readonly SortKey[] = [
  'memVsz', 'threads', 'startTime', 'cpuTimeMs', 'memRss', 'ppid', 'cgroup', 'priority', 'ioWritePerSec', 'ioReadPerSec', 'nice',
];

/** Columns hidden until chosen: NI and PRI are for the curious, and I/O and CGROUP cost a read per process per tick. */
export const HIDDEN_BY_DEFAULT: readonly SortKey[] = ['nice', 'priority', 'ioReadPerSec', 'ioWritePerSec', 'cgroup'];

/** The columns whose values the main process reads only while some page shows them. */
export function sampledExtras(hidden: ReadonlySet<SortKey>): OptionalSampled[] {
  const out: OptionalSampled[] = [];
  if (!hidden.has('ioReadPerSec') || !hidden.has('ioWritePerSec')) out.push('io');
  if (!hidden.has('cgroup')) out.push('cgroup');
  return out;
}

/** Width the columns need at least (fixed columns, actions, and the command's minimum). */
export function minWidth(columns: readonly Column[], tree = false): number {
  return columns.reduce((sum, c) => sum + (c.width ?? commandMin(tree)), 0) + ACTIONS_WIDTH;
}

/**
 * The default columns that fit in the given width: all of them when there is room, else the least
 * essential ones (VSZ, THR, START, …) are left out one by one. The result is one of a few
 * shared arrays, so memoised rows see the same object while the set does not change.
 */
export function columnsForWidth(width: number, tree = false): readonly Column[] {
  let dropped = 0;
  while (dropped < DROP_ORDER.length && minWidth(columnSets[dropped], tree) > width) dropped++;
  return columnSets[dropped];
}

/** The columns shown until the user chooses otherwise. */
const DEFAULT_COLUMNS = COLUMNS.filter((c) => !HIDDEN_BY_DEFAULT.includes(c.key));

const columnSets: readonly (readonly Column[])[] = DROP_ORDER.map((_, n) =>
  DEFAULT_COLUMNS.filter((c) => !DROP_ORDER.slice(0, n).includes(c.key)),
).concat([DEFAULT_COLUMNS.filter((c) => !DROP_ORDER.includes(c.key))]);

/** CSS grid-template-columns shared by the header and every row, so they line up. */
export function gridTemplate(columns: readonly Column[], tree = false): string {
  return columns
    .map((c) => (c.width === null ? `minmax(${commandMin(tree)}px, 1fr)` : `${c.width}px`))
    .concat(`${ACTIONS_WIDTH}px`)
    .join(' ');
}

export const columnByKey = (key: SortKey): Column => COLUMNS.find((c) => c.key === key) ?? COLUMNS[0];

/** Columns the user may hide with the column chooser (the command always stays). */
export const HIDEABLE: readonly SortKey[] = COLUMNS.filter((c) => c.key !== 'command').map((c) => c.key);

const isDefaultChoice = (hidden: ReadonlySet<SortKey>): boolean =>
  hidden.size === HIDDEN_BY_DEFAULT.length && HIDDEN_BY_DEFAULT.every((k) => hidden.has(k));

/**
 * The columns the user chose, narrowed for the width: with the default choice, the shared arrays
 * of columnsForWidth; otherwise the chosen set, narrowed the same way.
 */
export function visibleColumns(width: number, tree: boolean, hidden: ReadonlySet<SortKey>): readonly Column[] {
  if (isDefaultChoice(hidden)) return columnsForWidth(width, tree);
  let cols = COLUMNS.filter((c) => !hidden.has(c.key));
  for (const key of DROP_ORDER) {
    if (minWidth(cols, tree) <= width) break;
    cols = cols.filter((c) => c.key !== key);
  }
  return cols;
}
