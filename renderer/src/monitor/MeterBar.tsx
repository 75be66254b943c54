// One htop-style meter: a label, a bar filled to the percentage, and the value as text.
import { meterLevel } from './meter-level.js';

interface Props {
  label: string;
  percent: number;
  text: string;
  kind?: 'cpu' | 'mem' | 'swap';
  title?: string;
  testId?: string;
}

export function MeterBar({ label, percent, text, kind = 'cpu', title, testId }: Props) {
  const clamped = Math.min(100, Math.max(0, percent));
  return (
    <div className="meter" title={title} data-testid={testId}>
      <span className="meter-label">{label}</span>
      <span className="meter-track" role="meter" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(clamped)} aria-label={label}>
        <span className={`meter-fill ${kind} level-${kind === 'cpu' ? meterLevel(clamped) : 'low'}`} style={{ transform: `scaleX(${clamped / 100})` }} />
      </span>
      <span className="meter-text">{text}</span>
    </div>
  );
}
