// The details pane of a zombie: what it is, why the OS keeps it, what it costs, how to get rid of
// it, and the button that does so by ending the parent (through the usual kill flow: preview,
// confirmation, refusal rules). When the parent is pid 1 or the app itself, an explanation instead.
import type { ProcInfo } from '../../../shared/process.js';
import { formatClock, formatElapsed } from '../../../shared/format.js';
import { useI18n } from '../i18n/i18n-context.js';
import { ActionIcon } from '../kill/ActionIcon.js';
import type { CleanupPlan } from './zombies.js';
import { zombieAgeMs } from './zombies.js';

interface Props {
  zombie: ProcInfo;
  plan: CleanupPlan;
  /** Time of the sample shown. */
  now: number;
  /** Ends the parent with SIGTERM or SIGKILL (the caller runs the kill flow). */
  onEndParent(parent: ProcInfo, signal: 'SIGTERM' | 'SIGKILL'): void;
}

export function ZombieSection({ zombie, plan, now, onEndParent }: Props) {
  const { t, lang } = useI18n();
  const age = zombieAgeMs(zombie, now);
  const parentLabel = plan.kind === 'end-parent' ? `${plan.parent.pid} (${plan.parent.name})` : String(zombie.ppid);
  return (
    <section className="details-section zombie-section" data-testid="zombie-explainer">
      <h3 className="zombie-heading">{t('zombie.title')}</h3>
      {age !== null && (
        <p className="zombie-age-line" data-testid="zombie-age">
          {t('zombie.for', { age: formatElapsed(age, lang), time: formatClock(zombie.zombieSince ?? now) })}
        </p>
      )}
      <p>{t('zombie.what', { pid: zombie.pid })}</p>
      <p>{t('zombie.why', { parent: parentLabel })}</p>
      <p>{t('zombie.cost')}</p>
      <p>{t('zombie.fix')}</p>
      {plan.kind === 'end-parent' ? (
        <div className="zombie-actions">
          <button
            type="button"
            className="btn primary"
            data-testid="zombie-end-parent"
            title={t('zombie.endParentTitle', { parent: parentLabel })}
            onClick={() => onEndParent(plan.parent, 'SIGTERM')}
          >
            <ActionIcon id="SIGTERM" />
            <span>{t('zombie.endParent', { pid: plan.parent.pid })}</span>
          </button>
          <button
            type="button"
            className="btn danger"
            data-testid="zombie-kill-parent"
            title={t('zombie.killParentTitle', { parent: parentLabel })}
            onClick={() => onEndParent(plan.parent, 'SIGKILL')}
          >
            <ActionIcon id="SIGKILL" />
            <span>{t('zombie.killParent')}</span>
          </button>
        </div>
      ) : (
        <p className="notice" data-testid={`zombie-${plan.kind}`}>
          {plan.kind === 'init'
            ? t('zombie.init')
            : plan.kind === 'self'
              ? t('zombie.self')
              : t('zombie.noParent', { ppid: plan.parentPid })}
        </p>
      )}
    </section>
  );
}
