// The portable adapter's pure parts: ps output parsing, stable start times, adapter choice.
import { describe, expect, it } from 'vitest';
import { resolveAdapterChoice } from '../../main/processes/create-sampler.js';
import { parsePsUserState, StableStartTimes, START_TIME_TOLERANCE_MS } from '../../main/processes/portable.js';

describe('the portable adapter\'s pure parts', () => {
  it('parses `ps -axo pid=,stat=,user=` into state letter and user', () => {
    const rows = parsePsUserState('    1 Ss   root\n  812 Z+   _www\n 9001 R+   some user\n\ngarbage\n');
    expect(rows.get(1)).toEqual({ state: 'S', user: 'root' });
    expect(rows.get(812)).toEqual({ state: 'Z', user: '_www' });
    expect(rows.get(9001)).toEqual({ state: 'R', user: 'some user' });
    expect(rows.size).toBe(3);
  });

  it('keeps the first start time of a process although each sample computes it slightly differently', () => {
    const s = new StableStartTimes();
    s.beginSample();
    const first = s.get(500, 'node', 1_700_000_000_400.7);
    s.endSample();
    expect(first).toBe(1_700_000_000_401);
    for (const jitter of [-900, 600, START_TIME_TOLERANCE_MS - 1]) {
      s.beginSample();
      expect(s.get(500, 'node', 1_700_000_000_400 + jitter)).toBe(first);
      s.endSample();
    }
  });

  it('sees a reused pid (other name, or a start time far off) as a new identity', () => {
    const s = new StableStartTimes();
    s.beginSample();
    const a = s.get(500, 'node', 1_000_000);
    s.endSample();
    s.beginSample();
    expect(s.get(500, 'sleep', 1_000_000)).toBe(1_000_000); // same number, but a new entry
    s.endSample();
    s.beginSample();
    expect(s.get(500, 'sleep', 1_000_000 + 60_000)).toBe(1_060_000);
    s.endSample();
    expect(a).toBe(1_000_000);
  });

  it('forgets a pid absent from a sample, so a later process with that pid starts afresh', () => {
    const s = new StableStartTimes();
    s.beginSample();
    s.get(77, 'sh', 5000);
    s.endSample();
    s.beginSample();
    s.endSample();
    s.beginSample();
    expect(s.get(77, 'sh', 5500)).toBe(5500);
    s.endSample();
  });

  it('chooses /proc on Linux and the portable adapter elsewhere, unless told', () => {
    expect(resolveAdapterChoice('auto', 'linux')).toBe('linux');
    expect(resolveAdapterChoice('auto', 'darwin')).toBe('portable');
    expect(resolveAdapterChoice('auto', 'win32')).toBe('portable');
    expect(resolveAdapterChoice('portable', 'linux')).toBe('portable');
  });
});
