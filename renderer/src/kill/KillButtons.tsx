// The row of kill actions in the details pane: Terminate, Kill (kill -9), Interrupt, Stop,
// Continue and Kill tree, each disabled with a tooltip where it cannot apply.
import type { PlatformCapabilities } from '../../../shared/process.js';
import type { KillTarget } from './kill-actions.js';
import { useI18n } from '../i18n/i18n-context.js';
import { ActionIcon } from './ActionIcon.js';
import { actionLabelKey, actionTestId, actionTitleKey, availability, KILL_ACTIONS, type KillActionId } from './kill-actions.js';

interface Props {
  caps: PlatformCapabilities | null;
  isSelf: boolean;
  /** The process the buttons act on: a zombie or a kernel thread cannot be signalled. */
  target: KillTarget;
  disabled: boolean;
  onAction(id: KillActionId): void;
}

export function KillButtons({ caps, isSelf, target, disabled, onAction }: Props) {
  const { t } = useI18n();
  return (
    <div className="kill-buttons" role="group" aria-label={t('kill.actions')}>
      {KILL_ACTIONS.map((a) => {
        const av = availability(a, caps, isSelf, target);
        const off = disabled || !av.enabled;
        const title = av.reason ? t(av.reason) : t(actionTitleKey(a));
        return (
          // Some browsers show no tooltip over a disabled button: the wrapper carries it too.
          <span key={a.id} className="kill-wrap" title={title}>
            <button
              type="button"
              className={`btn kill-btn ${a.danger ? 'danger' : ''}`}
              data-testid={actionTestId(a)}
              disabled={off}
              title={title}
              onClick={() => onAction(a.id)}
            >
              <ActionIcon id={a.id} />
              <span>{t(actionLabelKey(a))}</span>
            </button>
          </span>
        );
      })}
    </div>
  );
}
