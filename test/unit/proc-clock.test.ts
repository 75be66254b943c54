// Start times in epoch ms from clock ticks: exact, repeatable, and right for this process.
import fs from 'node:fs';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { bootTimeSec, clockTicksPerSec, parseBootTimeSec, startTimeMs } from '../../main/processes/proc-clock.js';
import { parseProcStat } from '../../main/processes/proc-stat.js';

describe('start times from clock ticks', () => {
  it('gives whole milliseconds, the same number every time (no float drift)', () => {
    expect(startTimeMs(1_700_000_000, 12_345, 100)).toBe(1_700_000_123_450);
    // 1/3 tick rates round once, identically on every call
    const a = startTimeMs(1_700_000_000, 1_000_001, 300);
    expect(Number.isInteger(a)).toBe(true);
    for (let i = 0; i < 100; i++) expect(startTimeMs(1_700_000_000, 1_000_001, 300)).toBe(a);
  });

  it('reads btime from /proc/stat text', () => {
    expect(parseBootTimeSec('cpu  1 2 3\nbtime 1700000000\nprocesses 42\n')).toBe(1_700_000_000);
    expect(parseBootTimeSec('cpu  1 2 3\n')).toBeNull();
  });

  it('dates this process within a few seconds of when Node says it started (Linux)', () => {
    const st = parseProcStat(fs.readFileSync('/proc/self/stat', 'utf8'))!;
    const started = startTimeMs(bootTimeSec(), st.starttimeTicks, clockTicksPerSec());
    const expected = Date.now() - process.uptime() * 1000;
    expect(Math.abs(started - expected)).toBeLessThan(3000);
    expect(bootTimeSec()).toBeLessThanOrEqual(Date.now() / 1000 - os.uptime() + 2);
  });
});
