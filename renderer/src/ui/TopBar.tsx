// The window's top bar: app name, the Monitor / Lessons / Playground tabs, the language switch and the theme button.
import { type KeyboardEvent, memo } from 'react';
import type { Lang } from '../../../shared/i18n.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { ThemePref } from '../theme.js';
import { IconMoon, IconSun, IconSystem } from './icons.js';
import { Segmented } from './Segmented.js';

export type Tab = 'monitor' | 'lessons' | 'playground';

interface Props {
  tab: Tab;
  onTab(tab: Tab): void;
  onLang(lang: Lang): void;
  themePref: ThemePref;
  onCycleTheme(): void;
  onShortcuts(): void;
}

const TABS = ['monitor', 'lessons', 'playground'] as const;

// Memoised: its props do not change from one tick to the next, so the live table's updates skip it.
export const TopBar = memo(function TopBar({ tab, onTab, onLang, themePref, onCycleTheme, onShortcuts }: Props) {
  const { t, lang } = useI18n();
  // WAI-ARIA tabs: one Tab stop (the selected tab); ←/→ (Home/End) move to the next tab and select it.
  const onTabKey = (e: KeyboardEvent<HTMLElement>) => {
    const focused = (e.target as HTMLElement).dataset.testid?.replace('tab-', '') as Tab | undefined;
    const at = TABS.indexOf(focused && TABS.includes(focused as (typeof TABS)[number]) ? (focused as (typeof TABS)[number]) : (tab as (typeof TABS)[number]));
    const next =
      e.key === 'ArrowRight' ? TABS[(at + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(at + TABS.length - 1) % TABS.length] : e.key === 'Home' ? TABS[0] : e.key === 'End' ? TABS[TABS.length - 1] : null;
    if (!next) return;
    e.preventDefault();
    onTab(next);
    e.currentTarget.querySelector<HTMLElement>(`[data-testid="tab-${next}"]`)?.focus();
  };
  const themeName = t(themePref === 'system' ? 'theme.system' : themePref === 'light' ? 'theme.light' : 'theme.dark');
  return (
    <header className="topbar">
      <div className="brand">
        <img src="./favicon.svg" alt="" width={22} height={22} />
        <span>{t('app.title')}</span>
      </div>
      <nav className="tabs" role="tablist" aria-label={t('app.title')} onKeyDown={onTabKey}>
        {TABS.map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            aria-controls="page"
            tabIndex={tab === id ? 0 : -1}
            className={tab === id ? 'tab active' : 'tab'}
            data-testid={`tab-${id}`}
            onClick={() => onTab(id)}
          >
            {t(id === 'monitor' ? 'tab.monitor' : id === 'lessons' ? 'tab.lessons' : 'tab.playground')}
          </button>
        ))}
      </nav>
      <span className="spacer" />
      <Segmented
        label={t('lang.title')}
        value={lang}
        onChange={onLang}
        options={[
          { value: 'en', label: 'EN', testId: 'lang-en', title: 'English' },
          { value: 'zh', label: '中文', testId: 'lang-zh', title: '简体中文' },
        ]}
      />
      <button type="button" className="icon-btn" data-testid="shortcuts-button" title={t('keys.button')} aria-label={t('keys.button')} onClick={onShortcuts}>
        <kbd>?</kbd>
      </button>
      <button
        type="button"
        className="icon-btn theme-btn"
        data-testid="theme"
        data-theme-pref={themePref}
        title={t('theme.title', { name: themeName })}
        aria-label={t('theme.title', { name: themeName })}
        onClick={onCycleTheme}
      >
        {themePref === 'system' ? <IconSystem /> : themePref === 'light' ? <IconSun /> : <IconMoon />}
      </button>
    </header>
  );
});
