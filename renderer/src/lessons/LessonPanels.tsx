// The panels of the lessons that watch one process from outside: `states` (the live state
// diagram with Stop / Continue), `zombie` (the zombie, its parent, and the clean-up button) and
// `orphan` (the child whose ppid changes). Signals go through process.kill.
import { useState } from 'react';
import type { SignalName } from '../../../shared/api.js';
import type { ProcInfo } from '../../../shared/process.js';
import { useStrings } from '../i18n/i18n-context.js';
import { LESSON_STRINGS } from '../i18n/lesson-strings.js';
import type { OrphanWatch, WorkerWatch, ZombieWatch } from './lesson-watch.js';
import { PidChip } from '../ui/PidChip.js';
import { StateDiagram } from './StateDiagram.js';

export type SendSignal = (pid: number, startTime: number | null, signal: SignalName) => Promise<{ ok: boolean; message: string }>;

interface Common {
  hues: ReadonlyMap<number, number>;
  running: boolean;
  onShowProcess(pid: number): void;
  send: SendSignal;
}

function useSignal(send: SendSignal) {
  const t = useStrings(LESSON_STRINGS);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const fire = (pid: number, startTime: number | null, signal: SignalName) => {
    setBusy(true);
    send(pid, startTime, signal)
      .then((r) => setMessage({ ok: r.ok, text: r.message }))
      .catch((e: Error) => setMessage({ ok: false, text: t('kill.error', { pid, message: e.message }) }))
      .finally(() => setBusy(false));
  };
  return { busy, message, fire };
}

function StateLetter({ proc }: { proc: ProcInfo | null }) {
  const t = useStrings(LESSON_STRINGS);
  if (!proc) return <span className="dim small">{t('zombie.notInTable')}</span>;
  const cls = proc.state === 'Z' ? 'st-zombie' : proc.state === 'R' ? 'st-run' : proc.state === 'T' ? 'st-stop' : 'st-sleep';
  return <span className={`state-badge ${cls}`} data-testid={`watch-state-${proc.pid}`}>{proc.state}</span>;
}

export function StatesPanel({ watch, hues, running, onShowProcess, send }: Common & { watch: WorkerWatch }) {
  const t = useStrings(LESSON_STRINGS);
  const { busy, message, fire } = useSignal(send);
  const cur = watch.current;
  const canSignal = running && watch.pid !== null && !watch.ended;
  return (
    <section className="panel watch-panel" data-testid="states-panel">
      <header className="panel-head">
        <h3>{t('states.title')}</h3>
        {watch.pid !== null && (
          <span className="watch-who">
            {t('states.worker')} <PidChip pid={watch.pid} hue={hues.get(watch.pid)} onShow={onShowProcess} />
          </span>
        )}
      </header>
      {watch.pid === null && <p className="dim small panel-note">{t('states.noWorker')}</p>}
      <StateDiagram current={cur?.state ?? null} previous={watch.previous} />
      <div className="watch-actions">
        <button type="button" className="btn" disabled={!canSignal || busy || cur?.state === 'stopped'} data-testid="worker-stop"
          onClick={() => watch.pid !== null && fire(watch.pid, watch.startTime, 'SIGSTOP')}>
          ❚❚ {t('states.stop')}
        </button>
        <button type="button" className="btn" disabled={!canSignal || busy} data-testid="worker-continue"
          onClick={() => watch.pid !== null && fire(watch.pid, watch.startTime, 'SIGCONT')}>
          ▶ {t('states.cont')}
        </button>
        <span className="watch-foot small dim">
          {cur && <span>{t('states.via', { source: t(`states.source.${cur.source}`) })} · </span>}
          {t('states.rNote')}
        </span>
      </div>
      {message && !message.ok && <p className="notice error">{message.text}</p>}
    </section>
  );
}

export function ZombiePanel({ watch, hues, running, onShowProcess, send }: Common & { watch: ZombieWatch }) {
  const t = useStrings(LESSON_STRINGS);
  const { busy, message, fire } = useSignal(send);
  const parentAlive = watch.parent !== null && watch.parent.state !== 'Z';
  return (
    <section className="panel watch-panel" data-testid="zombie-panel">
      <header className="panel-head">
        <h3>{t('zombie.title')}</h3>
      </header>
      {watch.zombiePid === null ? (
        <p className="dim small panel-note">{t('zombie.none')}</p>
      ) : (
        <>
          <div className="watch-grid">
            <div className={`watch-card${watch.zombie?.state === 'Z' ? ' is-zombie' : ''}${watch.gone ? ' is-gone' : ''}`}>
              <div className="watch-card-label">{t('zombie.pid')}</div>
              <div className="watch-card-row">
                <PidChip pid={watch.zombiePid} hue={hues.get(watch.zombiePid)} onShow={onShowProcess} testId="zombie-pid" />
                <StateLetter proc={watch.gone ? null : watch.zombie} />
                {watch.zombie?.state === 'Z' && <span className="mono defunct">&lt;defunct&gt;</span>}
              </div>
            </div>
            <div className="watch-arrow" aria-hidden="true">←</div>
            <div className="watch-card">
              <div className="watch-card-label">{t('zombie.parent')}</div>
              <div className="watch-card-row">
                {watch.parentPid !== null && <PidChip pid={watch.parentPid} hue={hues.get(watch.parentPid)} onShow={onShowProcess} />}
                {watch.gone && !watch.parent ? <span className="small dim">{t('state.ended')}</span> : <StateLetter proc={watch.parent} />}
                {watch.parent && <span className="mono small dim">{watch.parent.name}</span>}
              </div>
            </div>
          </div>
          {watch.gone ? (
            <p className="notice ok-notice" data-testid="zombie-gone">✓ {t('zombie.gone', { pid: watch.zombiePid })}</p>
          ) : (
            <div className="watch-actions">
              <span className="small dim">{t('zombie.waiting')}</span>
              <span className="spacer" />
              <button type="button" className="btn danger-solid" data-testid="zombie-cleanup" title={t('zombie.cleanupTitle')}
                disabled={!running || !parentAlive || busy}
                onClick={() => watch.parentPid !== null && fire(watch.parentPid, watch.parent?.startTime ?? null, 'SIGKILL')}>
                {t('zombie.cleanup')}
              </button>
            </div>
          )}
        </>
      )}
      {message && !message.ok && <p className="notice error">{message.text}</p>}
    </section>
  );
}

export function OrphanPanel({ watch, hues, onShowProcess }: Omit<Common, 'send' | 'running'> & { watch: OrphanWatch }) {
  const t = useStrings(LESSON_STRINGS);
  const adopted = watch.changes.length > 0;
  return (
    <section className="panel watch-panel" data-testid="orphan-panel">
      <header className="panel-head">
        <h3>{t('orphan.title')}</h3>
      </header>
      {watch.childPid === null ? (
        <p className="dim small panel-note">{t('orphan.none')}</p>
      ) : (
        <div className="watch-grid">
          <div className="watch-card">
            <div className="watch-card-label">{t('orphan.child')}</div>
            <div className="watch-card-row">
              <PidChip pid={watch.childPid} hue={hues.get(watch.childPid)} onShow={onShowProcess} />
            </div>
          </div>
          <div className="watch-card">
            <div className="watch-card-label">{t('orphan.parent')}</div>
            <div className="watch-card-row">
              {watch.parentPid !== null && <PidChip pid={watch.parentPid} hue={hues.get(watch.parentPid)} onShow={onShowProcess} />}
              {watch.parentEnded && <span className="small dim">{t('orphan.parentEnded')}</span>}
            </div>
          </div>
          <div className={`watch-card${adopted ? ' is-adopted' : ''}`}>
            <div className="watch-card-label">{t('orphan.ppid')}</div>
            <div className="watch-card-row">
              {watch.ppid !== null && <PidChip pid={watch.ppid} hue={hues.get(watch.ppid)} onShow={onShowProcess} testId="orphan-ppid" />}
              {adopted && <span className="small">{t('orphan.adopted', { pid: watch.changes[watch.changes.length - 1]!.to })}</span>}
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
