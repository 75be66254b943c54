// The column chooser's remembered choice (localStorage), so it survives a reload.
import type { SortKey } from '../../../shared/filter-sort.js';
import { loadPref, savePref } from '../prefs.js';
import { HIDDEN_BY_DEFAULT, HIDEABLE } from './columns.js';

// A new key since the optional columns came: a list saved before then did not know them, so they
// start hidden for those users too (read from the old key with the new columns added).
const PREF = 'hiddenColumns2';
const OLD_PREF = 'hiddenColumns';
const isKeyList = (v: unknown): v is SortKey[] => Array.isArray(v) && v.every((k) => (HIDEABLE as readonly unknown[]).includes(k));

export function loadHiddenColumns(): ReadonlySet<SortKey> {
  const saved = loadPref(PREF, isKeyList);
  if (saved) return new Set(saved);
  return new Set([...(loadPref(OLD_PREF, isKeyList) ?? []), ...HIDDEN_BY_DEFAULT]);
}

export const saveHiddenColumns = (hidden: ReadonlySet<SortKey>): void => savePref(PREF, [...hidden]);
