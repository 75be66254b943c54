import { describe, expect, it } from 'vitest';
import { intervalOptions, secondsLabel } from '../../renderer/src/monitor/intervals.js';
import { meterLevel, usagePercent } from '../../renderer/src/monitor/meter-level.js';
import { countStates, stateClass, stateKey } from '../../renderer/src/ui/process-states.js';
import { sparkGeometry } from '../../renderer/src/monitor/spark-geometry.js';
import { nextThemePref, resolveTheme } from '../../renderer/src/theme.js';
import { proc } from './renderer-fixtures.js';

describe('states', () => {
  it('counts processes by state, T and t both as stopped', () => {
    const c = countStates([proc(1, 0, { state: 'R' }), proc(2, 0, { state: 'Z' }), proc(3, 0, { state: 'T' }), proc(4, 0, { state: 't' }),
      proc(5, 0, { state: 'S', threads: 4 }), proc(6, 0, { state: 'I' }), proc(7, 0, { state: '?' })]);
    expect(c).toMatchObject({ total: 7, running: 1, zombie: 1, stopped: 2, sleeping: 1, idle: 1, other: 1, threads: 10 });
  });

  it('explains known letters and treats anything else as unknown', () => {
    expect(stateKey('Z')).toBe('state.Z');
    expect(stateKey('t')).toBe('state.t');
    expect(stateKey('<b>')).toBe('state.?');
    expect(stateClass('Z')).toBe('st-zombie');
    expect(stateClass('T')).not.toBe(stateClass('t'));
  });
});

describe('meters, intervals, theme', () => {
  it('colours bars by level and computes usage safely', () => {
    expect(meterLevel(10)).toBe('low');
    expect(meterLevel(60)).toBe('mid');
    expect(meterLevel(99)).toBe('high');
    expect(usagePercent(1, 4)).toBe(25);
    expect(usagePercent(null, null)).toBe(0);
    expect(usagePercent(5, 0)).toBe(0);
    expect(usagePercent(8, 4)).toBe(100);
  });

  it('offers 0.25 to 10 s, plus the current interval when it is another', () => {
    expect(intervalOptions(1000).map(secondsLabel)).toEqual(['0.25', '0.5', '1', '2', '5', '10']);
    expect(intervalOptions(1500)).toContain(1500);
    expect(intervalOptions(1500)).toHaveLength(7);
  });

  it('follows the OS theme unless overridden, and cycles system → light → dark', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
    expect(nextThemePref('system')).toBe('light');
    expect(nextThemePref('dark')).toBe('system');
  });
});

describe('sparkline geometry', () => {
  it('puts the newest sample at the right edge and scales to the larger of the data and the floor', () => {
    const g = sparkGeometry([0, 50, 100], 100, 40, 100);
    expect(g.line).toBe('0,40 50,20 100,0');
    expect(g.area.startsWith('M0,40 L0,40')).toBe(true);
    expect(g.area.endsWith('L100,40 Z')).toBe(true);
    expect(sparkGeometry([0, 200], 100, 40, 100).max).toBe(200);
    expect(sparkGeometry([], 100, 40).line).toBe('');
    expect(sparkGeometry([Number.NaN, 10], 100, 40, 10).line).toBe('0,40 100,0');
  });
});
