// The app's one i18n system: UI text in namespaced tables (strings.ts for the shell and the
// monitor, lesson-strings.ts and playground-strings.ts for those pages), each typed so a missing
// translation breaks the build, looked up the same way with {placeholders} filled in; also picks
// the language from the OS/browser preference. Pure: no DOM access (the caller passes navigator's values).
import type { Lang } from '../../../shared/i18n.js';
import { STRINGS, type StringKey } from './strings.js';

export type Vars = Record<string, string | number>;
export type Translate = (key: StringKey, vars?: Vars) => string;

/** Replaces each {name} in the template with vars[name]; unknown names are left as they are. */
export function fillTemplate(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : whole,
  );
}

/** A translate function over one namespace's tables: the language's text, else English, else the key. */
export type Translator<K extends string> = (key: K, vars?: Vars) => string;

export function translatorFor<K extends string>(tables: Record<Lang, Record<K, string>>, lang: Lang): Translator<K> {
  const table = tables[lang];
  const fallback = tables.en;
  return (key, vars) => fillTemplate(table[key] ?? fallback[key] ?? key, vars);
}

export function makeTranslate(lang: Lang): Translate {
  return translatorFor(STRINGS, lang);
}

/** 'zh' when the first preferred language is any Chinese variant, else 'en'. */
export function detectLang(preferred: readonly string[]): Lang {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split(/[-_]/)[0];
    if (primary === 'zh') return 'zh';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

export const isLang = (v: unknown): v is Lang => v === 'en' || v === 'zh';

/** Locale used for number and date formatting in each UI language. */
export const LOCALE: Record<Lang, string> = { en: 'en-US', zh: 'zh-CN' };
