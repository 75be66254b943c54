import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatCpuTime, formatMs, formatPercent, formatSpan, formatStart, formatUptime } from '../../shared/format.js';

describe('renderer formatting', () => {
  it('prints CPU time as ps TIME does: M:SS under an hour, H:MM:SS from an hour', () => {
    expect(formatCpuTime(0)).toBe('0:00');
    expect(formatCpuTime(59_999)).toBe('0:59');
    expect(formatCpuTime(61_000)).toBe('1:01');
    expect(formatCpuTime(59 * 60_000 + 59_000)).toBe('59:59');
    expect(formatCpuTime(3600_000)).toBe('1:00:00');
    expect(formatCpuTime(123 * 3600_000 + 9_000)).toBe('123:00:09');
    expect(formatCpuTime(-5)).toBe('0:00');
  });

  it('prints sizes in binary units and a dash where the OS gives none', () => {
    expect(formatBytes(null)).toBe('—');
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(200 * 1024 * 1024)).toBe('200 MiB');
    expect(formatBytes(1024 * 1024 - 1)).toBe('1.0 MiB');
    expect(formatBytes(3.25 * 2 ** 30)).toBe('3.3 GiB');
  });

  it('prints percentages with one decimal', () => {
    expect(formatPercent(0)).toBe('0.0');
    expect(formatPercent(153.26)).toBe('153.3');
    expect(formatPercent(Number.NaN)).toBe('—');
  });

  it('prints START as a time within a day, a date within the year, else the year', () => {
    const now = new Date(2025, 10, 28, 15, 0).getTime();
    expect(formatStart(new Date(2025, 10, 28, 9, 5).getTime(), now, 'en-US')).toBe('09:05');
    expect(formatStart(new Date(2025, 10, 20, 9, 5).getTime(), now, 'en-US')).toBe('Nov 20');
    expect(formatStart(new Date(2023, 1, 2).getTime(), now, 'en-US')).toBe('2023');
    expect(formatStart(0, now, 'en-US')).toBe('—');
  });

  it('prints uptime with days, counts with separators, spans and milliseconds', () => {
    expect(formatUptime(3 * 86400 + 4 * 3600 + 5 * 60 + 6)).toBe('3 days, 04:05:06');
    expect(formatUptime(59)).toBe('00:00:59');
    expect(formatUptime(86400, (d) => `${d} 天`)).toBe('1 天, 00:00:00');
    expect(formatCount(1045, 'en-US')).toBe('1,045');
    expect(formatSpan(45_000, 'en')).toBe('45 s');
    expect(formatSpan(120_000, 'zh')).toBe('2 分钟');
    expect(formatMs(0.42)).toBe('0.4');
    expect(formatMs(12.6)).toBe('13');
  });
});
