// Renice and Set affinity for the selected process (htop's F7/F8 and `a`), through the same
// service as the CLI: the result message (done, refused, "lowering nice needs root") shows below.
// Affinity is offered on Linux only (taskset).
import { useState } from 'react';
import type { ActionResult, ApiClient } from '../../../../shared/api.js';
import type { ProcInfo } from '../../../../shared/process.js';
import { useI18n } from '../../i18n/i18n-context.js';

interface Props {
  api: ApiClient;
  proc: ProcInfo;
  /** Current nice and CPUs from the last inspection, to start the inputs from. */
  nice: number | null;
  cpus: string | null;
  affinity: boolean;
}

export function PriorityActions({ api, proc, nice, cpus, affinity }: Props) {
  const { t } = useI18n();
  const [niceText, setNiceText] = useState<string | null>(null);
  const [cpuText, setCpuText] = useState<string | null>(null);
  const [result, setResult] = useState<ActionResult | null>(null);
  const [busy, setBusy] = useState(false);
  const target = { pid: proc.pid, startTime: proc.startTime };
  const act = (p: Promise<ActionResult>) => {
    setBusy(true);
    p.then(setResult, (err: Error) => setResult({ ok: false, code: 'failed', message: err.message })).finally(() => setBusy(false));
  };
  const niceValue = niceText ?? (nice === null ? '' : String(nice));
  const cpuValue = cpuText ?? cpus ?? '';
  return (
    <div className="inspect-actions" data-testid="priority-actions">
      <label className="small dim" htmlFor="renice-input">{t('actions.nice')}</label>
      <input id="renice-input" type="number" min={-20} max={19} data-testid="renice-input" value={niceValue} onChange={(e) => setNiceText(e.target.value)} />
      <button type="button" className="btn" data-testid="renice-button" title={t('actions.reniceTitle')} disabled={busy || !/^-?\d+$/.test(niceValue)}
        onClick={() => act(api.call('process.renice', { ...target, nice: Number(niceValue) }))}>
        {t('actions.renice')}
      </button>
      {affinity && (
        <>
          <label className="small dim" htmlFor="affinity-input">{t('actions.affinity')}</label>
          <input id="affinity-input" type="text" data-testid="affinity-input" value={cpuValue} onChange={(e) => setCpuText(e.target.value)} />
          <button type="button" className="btn" data-testid="affinity-button" title={t('actions.affinityTitle')} disabled={busy || !cpuValue.trim()}
            onClick={() => act(api.call('process.setAffinity', { ...target, cpus: cpuValue }))}>
            {t('actions.setAffinity')}
          </button>
        </>
      )}
      {result && (
        <p className={`result notice ${result.ok ? 'ok' : 'warn'}`} data-testid="priority-result" role="status">{result.message}</p>
      )}
    </div>
  );
}
