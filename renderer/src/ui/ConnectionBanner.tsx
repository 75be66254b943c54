// The "disconnected" banner shown while the transport is down, with a countdown to the next attempt.
import { useEffect, useState } from 'react';
import type { ConnectionState } from '../api/connection.js';
import { useI18n } from '../i18n/i18n-context.js';

export function ConnectionBanner({ state, everConnected }: { state: ConnectionState; everConnected: boolean }) {
  const { t } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (state.status !== 'closed') return;
    const timer = window.setInterval(() => setNow(Date.now()), 250);
    return () => window.clearInterval(timer);
  }, [state]);
  if (state.status === 'open') return null;
  if (state.status === 'connecting' && !everConnected) return null; // the page says "waiting for the first sample"
  const seconds = state.status === 'closed' ? Math.max(0, Math.ceil((state.retryAt - now) / 1000)) : 0;
  return (
    <div className="banner" role="alert" data-testid="disconnected">
      {seconds > 0 ? t('banner.disconnected', { seconds }) : t('banner.reconnecting')}
    </div>
  );
}
