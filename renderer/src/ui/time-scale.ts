// The time scale every run view shares (the lessons' and the playground's timelines, consoles and
// trees): axis ticks and their labels, console stamps, lane durations, the drawing's scale. Pure.

/** A round tick step so that about `maxTicks` labels fit. */
export function tickStep(durationMs: number, maxTicks: number): number {
  const steps = [100, 200, 250, 500, 1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000];
  const n = Math.max(1, maxTicks);
  for (const s of steps) if (durationMs / s <= n) return s;
  return Math.ceil(durationMs / n / 600_000) * 600_000;
}

/** Tick positions (ms) from 0 to the duration, inclusive where it lands on a step. */
export function axisTicks(durationMs: number, widthPx: number, minGapPx = 64): number[] {
  const step = tickStep(durationMs, Math.floor(widthPx / minGapPx));
  const out: number[] = [];
  for (let t = 0; t <= durationMs + 1e-6; t += step) out.push(t);
  return out;
}

/** Seconds label for the axis: "0 s", "0.5 s", "12 s". */
export function secondsTick(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s.toFixed(0) : s.toFixed(s * 10 === Math.round(s * 10) ? 1 : 2)} s`;
}

/** Console timestamp: "+1.23 s". */
export function stamp(ms: number): string {
  return `+${(Math.max(0, ms) / 1000).toFixed(2)} s`;
}

/** A duration to show at the end of a lane: "1.0 s" ("1.0 秒" in Chinese, as everywhere in the zh UI). */
export function seconds1(ms: number, lang: 'en' | 'zh' = 'en'): string {
  return `${(ms / 1000).toFixed(1)} ${lang === 'zh' ? '秒' : 's'}`;
}

/**
 * The drawing's scale: the duration rounded up a little so the bars never touch the right edge
 * and the axis does not jump on every frame while running.
 */
export function niceScale(durationMs: number): number {
  if (durationMs <= 1000) return 1000;
  const step = durationMs <= 10_000 ? 500 : durationMs <= 60_000 ? 2000 : 10_000;
  return Math.ceil((durationMs * 1.04) / step) * step;
}
