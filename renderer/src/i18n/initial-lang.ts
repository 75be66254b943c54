// The language the UI opens in: the one chosen last (remembered in localStorage), else the
// browser's (or OS's) preference. The app and the token page, which is shown without the app,
// open in the same language.
import type { Lang } from '../../../shared/i18n.js';
import { loadPref } from '../prefs.js';
import { detectLang, isLang } from './translate.js';

export function initialLang(): Lang {
  return loadPref('lang', isLang) ?? detectLang(navigator.languages ?? [navigator.language]);
}
