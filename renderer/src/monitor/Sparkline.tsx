// A small inline-SVG sparkline (area + line) with a caption of its latest value.
import { sparkGeometry } from './spark-geometry.js';

interface Props {
  values: readonly number[];
  label: string;
  latest: string;
  /** Vertical scale never below this (e.g. 100 for CPU percent). */
  floor: number;
  kind: 'cpu' | 'mem';
  testId?: string;
}

const W = 280;
const H = 44;

export function Sparkline({ values, label, latest, floor, kind, testId }: Props) {
  const g = sparkGeometry(values, W, H, floor);
  return (
    <figure className={`sparkline ${kind}`} data-testid={testId}>
      <figcaption>
        <span>{label}</span>
        <span className="mono">{latest}</span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={`${label} ${latest}`}>
        <line className="spark-base" x1="0" y1={H - 0.5} x2={W} y2={H - 0.5} />
        {g.area && <path className="spark-area" d={g.area} />}
        {g.line && <polyline className="spark-line" points={g.line} vectorEffect="non-scaling-stroke" />}
      </svg>
    </figure>
  );
}
