// React context carrying the current language, its translate function and locale, so every
// component reads UI text from the same tables.
import { createContext, useContext, useMemo } from 'react';
import type { Lang } from '../../../shared/i18n.js';
import { LOCALE, makeTranslate, translatorFor, type Translate, type Translator } from './translate.js';

export interface I18n {
  lang: Lang;
  t: Translate;
  locale: string;
}

const cache = new Map<Lang, I18n>();

/** One stable I18n object per language, so memoised components re-render only when it changes. */
export function i18nFor(lang: Lang): I18n {
  let v = cache.get(lang);
  if (!v) cache.set(lang, (v = { lang, t: makeTranslate(lang), locale: LOCALE[lang] }));
  return v;
}

export const I18nContext = createContext<I18n>(i18nFor('en'));

export const useI18n = (): I18n => useContext(I18nContext);

/** A page's own namespace of strings, in the context's language. */
export function useStrings<K extends string>(tables: Record<Lang, Record<K, string>>): Translator<K> {
  const { lang } = useI18n();
  return useMemo(() => translatorFor(tables, lang), [tables, lang]);
}
