// The table's sticky header: one button per column that sorts by it (arrow shows the
// direction). In the tree view the order is pstree's, so sorting is off.
import { memo } from 'react';
import type { SortKey } from '../../../shared/filter-sort.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { StringKey } from '../i18n/strings.js';
import type { Column } from './columns.js';
import { ariaSort, type SortState } from './sort-state.js';

interface Props {
  columns: readonly Column[];
  sort: SortState;
  sortable: boolean;
  onSort(key: SortKey): void;
}

// Memoised: its props do not change from one tick to the next, so the live table's updates skip it.
export const TableHeader = memo(function TableHeader({ columns, sort, sortable, onSort }: Props) {
  const { t } = useI18n();
  return (
    <div role="row" aria-rowindex={1} className="table-header">
      {columns.map((c) => {
        const active = sortable && sort.key === c.key;
        const title = t(`colTitle.${c.key}` as StringKey) + (sortable ? '' : `\n${t('col.treeSortNote')}`);
        return (
          <span key={c.key} role="columnheader" aria-sort={sortable ? ariaSort(sort, c.key) : undefined} className={`th ${c.numeric ? 'num' : ''}`}>
            <button
              type="button"
              className={`th-btn ${active ? 'active' : ''}`}
              data-testid={`sort-${c.key}`}
              disabled={!sortable}
              title={title}
              onClick={() => onSort(c.key)}
            >
              <span>{t(`col.${c.key}` as StringKey)}</span>
              <span className="sort-arrow" aria-hidden="true">{active ? (sort.descending ? '▼' : '▲') : ''}</span>
            </button>
          </span>
        );
      })}
      <span role="columnheader" className="th">
        <span className="sr-only">{t('col.actions')}</span>
      </span>
    </div>
  );
});
