// The status line at the bottom: the last action's result (green / red) on the left, the
// sampler adapter, transport and timings on the right.
import { memo } from 'react';
import { formatMs } from '../../../shared/format.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { StatusMessage } from '../status.js';

interface Props {
  status: StatusMessage | null;
  adapter: string | null;
  transport: string;
  sampleMs: number | null;
  renderMs: number | null;
  /** Why the table is not live (sampling fails, e.g. EMFILE); null while it is. */
  samplingError: string | null;
}

export const StatusBar = memo(function StatusBar({ status, adapter, transport, sampleMs, renderMs, samplingError }: Props) {
  const { t } = useI18n();
  return (
    <footer className="statusbar">
      <span className={`status ${status?.kind ?? 'info'}`} data-testid="status" role="status" aria-live="polite">
        {status?.text ?? t('status.ready')}
      </span>
      {samplingError !== null && (
        <span className="status error" data-testid="sampling-error" role="alert">
          {t('status.samplingFailed', { message: samplingError })}
        </span>
      )}
      <span className="spacer" />
      {sampleMs !== null && (
        <span className="mono dim" data-testid="timings">
          {t('status.selfSampler', { ms: formatMs(sampleMs), render: renderMs === null ? '—' : formatMs(renderMs) })}
        </span>
      )}
      <span className="mono dim">{t('status.transport', { adapter: adapter ?? '…', transport })}</span>
    </footer>
  );
});
