// The table's sort state and what a click on a column header does to it. Pure.
import type { SortKey } from '../../../shared/filter-sort.js';
import { columnByKey } from './columns.js';

export interface SortState {
  key: SortKey;
  descending: boolean;
}

/** What the table opens with: busiest first, like top. */
export const DEFAULT_SORT: SortState = { key: 'cpu', descending: true };

/** Clicking the sorted column flips its direction; another column starts descending if numeric, else ascending. */
export function nextSort(current: SortState, clicked: SortKey): SortState {
  if (current.key === clicked) return { key: clicked, descending: !current.descending };
  return { key: clicked, descending: columnByKey(clicked).numeric };
}

/** Value for the header's aria-sort attribute. */
export function ariaSort(state: SortState, key: SortKey): 'ascending' | 'descending' | 'none' {
  if (state.key !== key) return 'none';
  return state.descending ? 'descending' : 'ascending';
}
