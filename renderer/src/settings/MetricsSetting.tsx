// The one setting for the metrics endpoint: serve /metrics for Prometheus (process-exporter's
// names), on this machine only, or to other machines with a bearer token shown here to paste into
// a scrape config. Self-contained (its own strings and styles) so it sits anywhere in the shell.
import { memo, useEffect, useState } from 'react';
import type { MetricsStatus } from '../../../shared/api.js';
import type { ApiClient } from '../../../shared/api.js';
import { useI18n } from '../i18n/i18n-context.js';

const TEXT = {
  en: {
    title: 'Metrics',
    serve: 'Serve /metrics for Prometheus',
    port: 'Port',
    network: 'Allow other machines (needs the token)',
    token: 'Bearer token',
    localOnly: 'Only this machine can scrape.',
    otlp: 'OTLP push to',
  },
  zh: {
    title: '指标',
    serve: '为 Prometheus 提供 /metrics',
    port: '端口',
    network: '允许其他机器访问（需要令牌）',
    token: 'Bearer 令牌',
    localOnly: '只有本机可以抓取。',
    otlp: 'OTLP 推送到',
  },
} as const;

const row = { display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' } as const;

// Memoised: its props do not change from one tick to the next, so the live table's updates skip it.
export const MetricsSetting = memo(function MetricsSetting({ api }: { api: ApiClient }) {
  const { lang } = useI18n();
  const s = TEXT[lang as keyof typeof TEXT] ?? TEXT.en;
  const [status, setStatus] = useState<MetricsStatus | null>(null);
  const [port, setPort] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.call('metrics.status', {}).then(
      (st) => {
        setStatus(st);
        setPort(String(st.port));
      },
      (e: Error) => setError(e.message),
    );
  }, [api]);

  const apply = (change: { enabled: boolean; network?: boolean }) => {
    const n = Number(port);
    if (!Number.isInteger(n) || n < 1 || n > 65535) {
      setError(`${s.port}: 1–65535`);
      return;
    }
    setBusy(true);
    setError(null);
    api
      .call('metrics.configure', { ...change, port: n })
      .then(setStatus, (e: Error) => setError(e.message))
      .finally(() => setBusy(false));
  };

  if (!status) return null;
  return (
    <details className="metrics-setting" data-testid="metrics-setting" style={{ padding: '4px 12px', fontSize: 12 }}>
      <summary>
        {s.title}
        {status.enabled ? ` · ${status.url}` : ''}
      </summary>
      <div style={row}>
        <label>
          <input type="checkbox" data-testid="metrics-enabled" checked={status.enabled} disabled={busy} onChange={(e) => apply({ enabled: e.target.checked, network: status.network })} /> {s.serve}
        </label>
        <label>
          {s.port}{' '}
          <input data-testid="metrics-port" type="number" min={1} max={65535} value={port} disabled={busy || status.enabled} onChange={(e) => setPort(e.target.value)} style={{ width: 80 }} />
        </label>
        <label>
          <input type="checkbox" data-testid="metrics-network" checked={status.network} disabled={busy} onChange={(e) => apply({ enabled: status.enabled, network: e.target.checked })} /> {s.network}
        </label>
      </div>
      {status.enabled && (
        <div style={row} className="mono">
          <span data-testid="metrics-url">{status.url}</span>
          {status.token ? (
            <span>
              {s.token}: <code data-testid="metrics-token">{status.token}</code>
            </span>
          ) : (
            <span className="dim">{s.localOnly}</span>
          )}
        </div>
      )}
      {status.otlpEndpoint && (
        <div className="mono dim">
          {s.otlp} {status.otlpEndpoint}
        </div>
      )}
      {error && (
        <div role="alert" data-testid="metrics-error" className="status error">
          {error}
        </div>
      )}
    </details>
  );
});
