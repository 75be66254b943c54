// Colour level of a usage bar, as htop colours its meters: calm, busy, saturated. Pure.
export type MeterLevel = 'low' | 'mid' | 'high';

export function meterLevel(percent: number): MeterLevel {
  if (percent >= 85) return 'high';
  if (percent >= 60) return 'mid';
  return 'low';
}

/** Percent of used in total, 0 when total is 0 or unknown, clamped to 0..100. */
export function usagePercent(used: number | null, total: number | null): number {
  if (used === null || total === null || total <= 0) return 0;
  return Math.min(100, Math.max(0, (used / total) * 100));
}
