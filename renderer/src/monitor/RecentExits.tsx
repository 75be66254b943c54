// The "Recent exits" strip under the monitor table: processes that started and ended between two
// samples (the table never showed them), from the kernel's process connector. Collapsed by
// default; opening it asks the main side to listen (events.watch), closing it stops that. The list
// scrolls inside the strip: the table above shrinks, the page never scrolls.
import { memo, useEffect, useState } from 'react';
import { RECENT_EXITS_KEEP, type RecentExit, type RecentExitsStatus } from '../../../shared/recent-exits.js';
import type { AppApiClient } from '../api/connection.js';
import { useI18n } from '../i18n/i18n-context.js';

const OPEN_PREF = 'procplay.recentExits.open';

function merge(newer: RecentExit[], older: RecentExit[]): RecentExit[] {
  const all = [...newer, ...older];
  return all.length > RECENT_EXITS_KEEP ? all.slice(0, RECENT_EXITS_KEEP) : all;
}

// Memoised: its props do not change from one tick to the next, so the live table's updates skip it.
export const RecentExits = memo(function RecentExits({ api }: { api: AppApiClient }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(() => {
    try {
      return sessionStorage.getItem(OPEN_PREF) === '1';
    } catch {
      return false;
    }
  });
  const [status, setStatus] = useState<RecentExitsStatus | null>(null);
  const [exits, setExits] = useState<RecentExit[]>([]);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    try {
      sessionStorage.setItem(OPEN_PREF, open ? '1' : '0');
    } catch {
      // storage off: the strip starts collapsed next time
    }
    if (!open) return;
    let live = true;
    const ask = () =>
      api
        .call('events.watch', { on: true })
        .then((r) => {
          if (!live) return;
          setError(null);
          setStatus(r);
          setExits(r.exits);
        })
        .catch((e: Error) => live && setError(e.message));
    const offPush = api.on('events.recentExits', (d) => {
      if (!live) return;
      setStatus(d);
      if (d.exits.length > 0) setExits((old) => merge(d.exits, old));
    });
    // After a reconnect the server knows nothing of this page: ask again.
    const offConn = api.onConnection((c) => c.status === 'open' && void ask());
    void ask();
    return () => {
      live = false;
      offPush();
      offConn();
      api.call('events.watch', { on: false }).catch(() => undefined);
    };
  }, [api, open]);

  const line =
    error ??
    (status?.state === 'unavailable' || (status?.state === 'off' && status.reason)
      ? status.reason
      : status?.state === 'listening'
        ? t('recentExits.listening', { ms: status.withinMs })
        : t('recentExits.starting'));

  return (
    <section className={`recent-exits${open ? ' open' : ''}`} data-testid="recent-exits" aria-label={t('recentExits.title')}>
      <button
        type="button"
        className="recent-exits-toggle"
        data-testid="recent-exits-toggle"
        aria-expanded={open}
        aria-controls="recent-exits-body"
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> {t('recentExits.title')}
        {open && exits.length > 0 && <span className="recent-exits-count"> ({exits.length})</span>}
      </button>
      {open && (
        <div id="recent-exits-body" className="recent-exits-body">
          <p className={`recent-exits-status${status?.state === 'unavailable' || error ? ' error' : ''}`} data-testid="recent-exits-status" role="status">
            {line}
          </p>
          {exits.length > 0 ? (
            <div className="recent-exits-scroll" tabIndex={0} role="region" aria-label={t('recentExits.title')}>
              <table className="recent-exits-table">
                <thead>
                  <tr>
                    <th scope="col">{t('recentExits.pid')}</th>
                    <th scope="col">{t('recentExits.name')}</th>
                    <th scope="col">{t('recentExits.ppid')}</th>
                    <th scope="col">{t('recentExits.lifetime')}</th>
                    <th scope="col">{t('recentExits.exit')}</th>
                  </tr>
                </thead>
                <tbody>
                  {exits.map((e) => (
                    <tr key={`${e.pid}-${e.endedAt}-${e.lifetimeMs}`} data-testid={`recent-exit-${e.pid}`} data-name={e.name} data-code={e.code ?? ''}>
                      <td>{e.pid}</td>
                      <td className="recent-exits-name">{e.name}</td>
                      <td>{e.ppid}</td>
                      <td>{e.lifetimeMs.toFixed(e.lifetimeMs < 10 ? 2 : 0)}</td>
                      <td>{e.signal ? t('recentExits.killedBy', { signal: e.signal }) : String(e.code)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            status?.state === 'listening' && <p className="recent-exits-empty">{t('recentExits.empty')}</p>
          )}
        </div>
      )}
    </section>
  );
});
