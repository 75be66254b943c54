// Memory and swap meters from /proc/meminfo text, checked against this machine too.
import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { parseMeminfo } from '../../main/processes/meminfo.js';

describe('memory meters from /proc/meminfo', () => {
  it('computes used = MemTotal - MemAvailable and swap used, in bytes', () => {
    const text = 'MemTotal:       16000000 kB\nMemFree:         1000000 kB\nMemAvailable:    6000000 kB\nBuffers:          100 kB\nSwapTotal:       2000000 kB\nSwapFree:        1500000 kB\n';
    expect(parseMeminfo(text)).toEqual({
      memTotalBytes: 16_000_000 * 1024,
      memUsedBytes: 10_000_000 * 1024,
      swapTotalBytes: 2_000_000 * 1024,
      swapUsedBytes: 500_000 * 1024,
    });
  });

  it('falls back to MemFree + Buffers + Cached on kernels without MemAvailable', () => {
    const text = 'MemTotal: 1000 kB\nMemFree: 100 kB\nBuffers: 50 kB\nCached: 250 kB\n';
    expect(parseMeminfo(text).memUsedBytes).toBe(600 * 1024);
    expect(parseMeminfo(text).swapTotalBytes).toBeNull();
  });

  it('agrees with os.totalmem() on this machine (Linux)', () => {
    const info = parseMeminfo(fs.readFileSync('/proc/meminfo', 'utf8'));
    expect(info.memTotalBytes).toBe(os.totalmem());
    expect(info.memUsedBytes).toBeGreaterThan(0);
    expect(info.memUsedBytes).toBeLessThan(info.memTotalBytes);
  });
});
