// The bench's summary statistics: the median and a nearest-rank percentile (a measured value).
import { describe, expect, it } from 'vitest';
import { median, percentile } from '../../main/bench/stats.js';

describe('bench stats', () => {
  it('median and p95 of tick times', () => {
    const ticks = [5, 1, 4, 2, 3, 20, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19];
    expect(median(ticks)).toBe(10.5);
    expect(percentile(ticks, 95)).toBe(19);
    expect(percentile(ticks, 100)).toBe(20);
    expect(percentile([3], 95)).toBe(3);
    expect(percentile([], 95)).toBeNaN();
  });
});
