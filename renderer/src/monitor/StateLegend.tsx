// The state legend: a button in the toolbar opening a popover that explains each state letter
// (with a word on zombies and orphans, or, on Windows, that there are none).
import { useCallback, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { IconHelp } from '../ui/icons.js';
import { useDismiss } from '../ui/use-dismiss.js';
import { LEGEND_STATES, stateKey } from '../ui/process-states.js';
import { StateBadge } from '../ui/StateBadge.js';

export function StateLegend({ zombies }: { zombies: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setOpen(false), []);
  useDismiss(box, open, close);
  return (
    <div className="popover-anchor" ref={box}>
      <button
        type="button"
        className="btn ghost"
        aria-expanded={open}
        data-testid="legend-button"
        title={t('legend.button')}
        onClick={() => setOpen((o) => !o)}
      >
        <IconHelp /> <span>{t('legend.button')}</span>
      </button>
      {open && (
        <div className="popover legend" role="dialog" aria-label={t('legend.title')} data-testid="legend">
          <h3>{t('legend.title')}</h3>
          <dl>
            {LEGEND_STATES.map((s) => (
              <div key={s} className={`legend-row ${s === 'Z' && !zombies ? 'muted' : ''}`}>
                <dt><StateBadge state={s} /></dt>
                <dd>{t(stateKey(s))}</dd>
              </div>
            ))}
          </dl>
          {zombies ? (
            <div className="legend-note" data-testid="legend-zombie-hint">
              <p>{t('legend.zombieHint')}</p>
              <p>{t('legend.orphanHint')}</p>
            </div>
          ) : (
            <p className="legend-note" data-testid="legend-no-zombies">{t('platform.noZombies')}</p>
          )}
        </div>
      )}
    </div>
  );
}
