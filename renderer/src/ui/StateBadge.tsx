// A process state letter, coloured by state, with its meaning as the tooltip.
import { useI18n } from '../i18n/i18n-context.js';
import { stateClass, stateKey } from './process-states.js';

export function StateBadge({ state }: { state: string }) {
  const { t } = useI18n();
  return (
    <span className={`state-badge ${stateClass(state)}`} title={`${state}: ${t(stateKey(state))}`}>
      {state}
    </span>
  );
}
