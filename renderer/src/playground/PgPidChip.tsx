// A pid tag in the run's colour for that process (the lessons' look); a click shows the process
// in the monitor.
import type { PgT } from '../i18n/playground-strings.js';

interface Props {
  pid: number;
  hue: number | undefined;
  t: PgT;
  onShow(pid: number): void;
  label?: string;
}

export function PgPidChip({ pid, hue, t, onShow, label }: Props) {
  return (
    <button
      type="button"
      className="pid-chip mono"
      style={{ ['--pid-h' as string]: String(hue ?? 220) }}
      title={t('out.showPid', { pid })}
      data-pid={pid}
      onClick={(e) => {
        e.stopPropagation();
        onShow(pid);
      }}
    >
      {label ?? `pid ${pid}`}
    </button>
  );
}
