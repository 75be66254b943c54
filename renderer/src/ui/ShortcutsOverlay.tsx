// The "?" overlay: every keyboard shortcut of the app in one list (a modal dialog; Escape or "?"
// closes it and the focus goes back where it was).
import { useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import type { StringKey } from '../i18n/strings.js';

const GROUPS: { title: StringKey; rows: [keys: string, what: StringKey][] }[] = [
  {
    title: 'keys.everywhere',
    rows: [
      ['?', 'keys.help'],
      ['← →', 'keys.tabs'],
      ['Tab / Shift+Tab', 'keys.tab'],
    ],
  },
  {
    title: 'tab.monitor',
    rows: [
      ['↑ ↓ · PgUp PgDn · Home End', 'keys.select'],
      ['Enter', 'keys.details'],
      ['← →', 'keys.fold'],
      ['* /', 'keys.foldAll'],
      ['F', 'keys.follow'],
      ['Delete', 'keys.terminate'],
      ['Shift+Delete', 'keys.kill'],
      ['Shift+F10', 'keys.menu'],
      ['Esc', 'keys.escape'],
    ],
  },
  {
    title: 'tab.lessons',
    rows: [
      ['↑ ↓ · Home End', 'keys.lessons'],
      ['Enter / Space', 'keys.run'],
    ],
  },
  {
    title: 'tab.playground',
    rows: [
      ['Enter', 'keys.pgRun'],
      ['↑ ↓', 'keys.pgHistory'],
      ['Ctrl+D', 'keys.pgEof'],
    ],
  },
];

export function ShortcutsOverlay({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => {
      if (before?.isConnected) before.focus();
    };
  }, []);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="modal shortcuts"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
        data-testid="shortcuts"
        onKeyDown={(e) => {
          if (e.key === 'Escape' || e.key === '?') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
          } else if (e.key === 'Tab') {
            e.preventDefault(); // one control inside: the focus stays on it
          }
        }}
      >
        <div className="shortcuts-head">
          <h2 id="shortcuts-title">{t('keys.title')}</h2>
          <button ref={closeRef} type="button" className="btn" data-testid="shortcuts-close" onClick={onClose}>
            {t('dialog.close')}
          </button>
        </div>
        <div className="shortcuts-groups">
          {GROUPS.map((g) => (
            <section key={g.title}>
              <h3>{t(g.title)}</h3>
              <dl>
                {g.rows.map(([keys, what]) => (
                  <div key={what} className="shortcut-row">
                    <dt>
                      <kbd>{keys}</kbd>
                    </dt>
                    <dd>{t(what)}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      </div>
    </div>
  );
}
