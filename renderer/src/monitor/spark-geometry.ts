// Geometry of the details pane's sparklines: a series of samples → SVG polyline points and a
// filled area path, scaled into a fixed box. Pure.

export interface SparkGeometry {
  line: string;
  area: string;
  max: number;
}

/**
 * Scales values (oldest first) into width×height, newest at the right edge. The vertical scale
 * is max(values, floor), so a quiet process draws a flat line at the bottom, not a full-height one.
 */
export function sparkGeometry(values: readonly number[], width: number, height: number, floor = 0): SparkGeometry {
  const finite = values.map((v) => (Number.isFinite(v) && v > 0 ? v : 0));
  const max = Math.max(floor, ...finite, Number.MIN_VALUE);
  if (finite.length === 0) return { line: '', area: '', max };
  const step = finite.length > 1 ? width / (finite.length - 1) : 0;
  const pts = finite.map((v, i) => {
    const x = finite.length > 1 ? i * step : width;
    const y = height - (v / max) * height;
    return `${round(x)},${round(y)}`;
  });
  const firstX = finite.length > 1 ? 0 : width;
  return { line: pts.join(' '), area: `M${round(firstX)},${height} L${pts.join(' L')} L${width},${height} Z`, max };
}

const round = (n: number): number => Math.round(n * 10) / 10;
