// The refresh intervals the toolbar offers, in milliseconds, and their labels. Pure.
export const INTERVALS_MS: readonly number[] = [250, 500, 1000, 2000, 5000, 10000];

/** The offered intervals plus the current one if the sampler runs at another (set elsewhere). */
export function intervalOptions(currentMs: number | null): number[] {
  const list = [...INTERVALS_MS];
  if (currentMs !== null && !list.includes(currentMs)) list.push(currentMs);
  return list.sort((a, b) => a - b);
}

/** 250 → "0.25", 1000 → "1", 2500 → "2.5" (seconds, shortest exact form). */
export const secondsLabel = (ms: number): string => String(Math.round(ms) / 1000);
