// A pid tag in the run's colour for that process, the same in lessons, the playground and the
// timelines; a click shows the process in the monitor (and goes no further: a chip inside a
// clickable row does not also select the row).
import { useI18n } from '../i18n/i18n-context.js';

interface Props {
  pid: number;
  hue: number | undefined;
  onShow(pid: number): void;
  /** Just the number (where the column already says it is a pid), not "pid 4242". */
  bare?: boolean;
  testId?: string;
}

export function PidChip({ pid, hue, onShow, bare = false, testId }: Props) {
  const { t } = useI18n();
  return (
    <button
      type="button"
      className="pid-chip mono"
      style={{ ['--pid-h' as string]: String(hue ?? 220) }}
      title={t('pid.show', { pid })}
      data-pid={pid}
      data-testid={testId}
      onClick={(e) => {
        e.stopPropagation();
        onShow(pid);
      }}
    >
      {bare ? pid : `pid ${pid}`}
    </button>
  );
}
