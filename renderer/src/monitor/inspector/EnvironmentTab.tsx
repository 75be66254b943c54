// The Environment tab: the variables sorted by name, a filter, and values whose name suggests a
// secret (KEY, TOKEN, PASSWORD …) hidden until clicked — a screen share should not leak them.
import { useState } from 'react';
import type { EnvEntry } from '../../../../shared/inspect.js';
import { useI18n } from '../../i18n/i18n-context.js';

export function EnvironmentTab({ env }: { env: EnvEntry[] }) {
  const { t } = useI18n();
  const [filter, setFilter] = useState('');
  const [revealed, setRevealed] = useState<ReadonlySet<string>>(new Set());
  const needle = filter.trim().toLowerCase();
  const shown = needle ? env.filter((e) => e.name.toLowerCase().includes(needle) || e.value.toLowerCase().includes(needle)) : env;
  const toggle = (name: string) =>
    setRevealed((prev) => {
      const next = new Set(prev);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });
  return (
    <div className="inspect-env">
      <input className="input inspect-env-filter" type="search" data-testid="inspect-env-filter" placeholder={t('inspect.envFilter')}
        aria-label={t('inspect.envFilter')} value={filter} onChange={(e) => setFilter(e.target.value)} />
      <dl className="inspect-env-list" data-testid="inspect-env">
        {shown.map((e) => (
          <div key={e.name} className="inspect-env-row" data-testid={`env-${e.name}`}>
            <dt className="mono">{e.name}</dt>
            <dd className="mono">
              {e.secret && !revealed.has(e.name) ? (
                <button type="button" className="link-btn secret" data-testid={`env-reveal-${e.name}`} title={t('inspect.envReveal')} onClick={() => toggle(e.name)}>
                  •••••• {t('inspect.envHidden')}
                </button>
              ) : e.secret ? (
                <button type="button" className="link-btn secret shown" title={t('inspect.envHide')} onClick={() => toggle(e.name)}>{e.value}</button>
              ) : (
                e.value
              )}
            </dd>
          </div>
        ))}
        {shown.length === 0 && <p className="dim small">{t('inspect.envNone')}</p>}
      </dl>
    </div>
  );
}
