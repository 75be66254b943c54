// The column chooser: a menu of checkboxes, one per hideable column; the choice is remembered
// (localStorage) so it survives a reload.
import { useCallback, useRef, useState } from 'react';
import type { SortKey } from '../../../shared/filter-sort.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { StringKey } from '../i18n/strings.js';
import { loadPref, savePref } from '../prefs.js';
import { useDismiss } from '../ui/use-dismiss.js';
import { HIDDEN_BY_DEFAULT, HIDEABLE } from './columns.js';
import './column-chooser.css';

// A new key since the optional columns came: a list saved before then did not know them, so they
// start hidden for those users too (read from the old key with the new columns added).
const PREF = 'hiddenColumns2';
const OLD_PREF = 'hiddenColumns';
const isKeyList = (v: unknown): v is SortKey[] => Array.isArray(v) && v.every((k) => (HIDEABLE as readonly unknown[]).includes(k));

export const loadHiddenColumns = (): ReadonlySet<SortKey> => {
  const saved = loadPref(PREF, isKeyList);
  if (saved) return new Set(saved);
  return new Set([...(loadPref(OLD_PREF, isKeyList) ?? []), ...HIDDEN_BY_DEFAULT]);
};

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
    savePref(PREF, [...next]);
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
