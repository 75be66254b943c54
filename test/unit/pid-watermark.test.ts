// The pid watermark that lets a listing skip re-reading /proc when no process can have been born.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseLastPid, PidWatermark } from '../../main/processes/pid-watermark.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A stand-in /proc: loadavg as given, and self naming `selfPid`. */
function fakeProc(loadavg: string, selfPid = process.pid): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'procplay-watermark-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, 'loadavg'), loadavg);
  symlinkSync(String(selfPid), path.join(dir, 'self'));
  return dir;
}

describe('parseLastPid', () => {
  it('reads the last field of /proc/loadavg', () => {
    expect(parseLastPid('0.52 0.58 0.59 1/257 12345\n')).toBe(12345);
    expect(parseLastPid('0.00 0.00 0.00 1/1 7')).toBe(7);
    expect(parseLastPid('')).toBeNull();
    expect(parseLastPid('garbage')).toBeNull();
  });
});

describe('PidWatermark', () => {
  it('says unchanged only after two reads of the same last pid', () => {
    const root = fakeProc('0.1 0.2 0.3 1/90 100\n');
    const mark = new PidWatermark(root);
    expect(mark.usable).toBe(true);
    expect(mark.unchanged()).toBe(false); // first read: nothing to compare with
    expect(mark.unchanged()).toBe(true);
    writeFileSync(path.join(root, 'loadavg'), '0.1 0.2 0.3 1/91 101\n');
    expect(mark.unchanged()).toBe(false);
    expect(mark.unchanged()).toBe(true);
    mark.close();
    expect(mark.unchanged()).toBe(false); // closed: starts over
  });

  it('is never used when /proc is not our pid namespace (its self is another pid)', () => {
    const mark = new PidWatermark(fakeProc('0 0 0 1/1 5\n', 1));
    expect(mark.usable).toBe(false);
    mark.unchanged();
    expect(mark.unchanged()).toBe(false);
  });

  it('on the real /proc, moves when a process is born', () => {
    const mark = new PidWatermark();
    expect(mark.usable).toBe(true);
    mark.unchanged();
    expect(spawnSync('true').status).toBe(0);
    expect(mark.unchanged()).toBe(false);
    mark.close();
  });
});
