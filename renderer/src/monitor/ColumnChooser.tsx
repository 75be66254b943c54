// The column chooser: a menu of checkboxes, one per hideable column; the choice is remembered
// (column-prefs.ts) so it survives a reload.
import { useCallback, useRef, useState } from 'react';
import type { SortKey } from '../../../shared/filter-sort.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { StringKey } from '../i18n/strings.js';
import { useDismiss } from '../ui/use-dismiss.js';
import { saveHiddenColumns } from './column-prefs.js';
import { HIDEABLE } from './columns.js';
import './column-chooser.css';

export function ColumnChooser({ hidden, onChange }: { hidden: ReadonlySet<SortKey>; onChange(hidden: ReadonlySet<SortKey>): void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(box, open, close);
  const toggle = (key: SortKey) => {
    const next = new Set(hidden);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    saveHiddenColumns(next);
    onChange(next);
  };
  return (
    <div className="column-chooser" ref={box}>
      <button type="button" className="btn" data-testid="columns-button" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        {t('columns.button')}
      </button>
      {open && (
        <div className="menu column-menu" role="menu" data-testid="columns-menu">
          {HIDEABLE.map((key) => (
            <label key={key} className="menu-item">
              <input type="checkbox" data-testid={`column-${key}`} checked={!hidden.has(key)} onChange={() => toggle(key)} />
              <span>{t(`col.${key}` as StringKey)}</span>
            </label>
          ))}
        </div>
      )}
    </div>
  );
}
