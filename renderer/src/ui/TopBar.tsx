// The window's top bar: app name, the Monitor / Lessons / Playground tabs, the language switch and the theme button.
import type { Lang } from '../../../shared/lessons.js';
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
}

export function TopBar({ tab, onTab, onLang, themePref, onCycleTheme }: Props) {
  const { t, lang } = useI18n();
  const themeName = t(themePref === 'system' ? 'theme.system' : themePref === 'light' ? 'theme.light' : 'theme.dark');
  return (
    <header className="topbar">
      <div className="brand">
        <img src="./favicon.svg" alt="" width={22} height={22} />
        <span>{t('app.title')}</span>
      </div>
      <nav className="tabs" role="tablist">
        {(['monitor', 'lessons', 'playground'] as const).map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
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
}
