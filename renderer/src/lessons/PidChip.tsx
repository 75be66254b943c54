// A pid tag in the run's colour for that process; a click shows the process in the monitor.
import type { LessonT } from '../i18n/lesson-strings.js';

interface Props {
  pid: number;
  hue: number | undefined;
  t: LessonT;
  onShow(pid: number): void;
  label?: string;
  testId?: string;
}

export function PidChip({ pid, hue, t, onShow, label, testId }: Props) {
  return (
    <button
      type="button"
      className="pid-chip mono"
      style={{ ['--pid-h' as string]: String(hue ?? 220) }}
      title={t('console.showPid', { pid })}
      data-pid={pid}
      data-testid={testId}
      onClick={() => onShow(pid)}
    >
      {label ?? `pid ${pid}`}
    </button>
  );
}
