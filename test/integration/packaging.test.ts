// The packaging check as part of npm test: electron-builder --dir for this OS, offline, with a
// stand-in Electron (see test/support/package-check.ts), and the result checked file by file.
import { describe, expect, it } from 'vitest';
import { runPackageCheck, type PackageCheckResult } from '../support/package-check.js';

describe('the packaged app (electron-builder --dir with a stand-in Electron, offline)', () => {
  it('holds the entry, preload, page, production dependencies and unpacked helpers, and nothing else', async () => {
    const lines: string[] = [];
    const result: PackageCheckResult = await runPackageCheck((line) => {
      lines.push(line);
      console.log(line);
    });
    expect(result.problems).toEqual([]);
    // The figures are printed and sane: an archive, and every helper another program opens.
    expect(lines.some((l) => /^app\.asar: [\d.]+ KiB/.test(l))).toBe(true);
    expect(result.asarBytes).toBeGreaterThan(100_000);
    expect(result.requiredUnpacked).toEqual(expect.arrayContaining(['main/lessons/reaper/subreaper.py', 'main/lessons/python-harness/harness.py', 'main/lessons/programs/python/zombie.py', 'main/playground/python-startup/sitecustomize.py', 'dist/main/supervision/watchdog.js']));
    expect(result.unpackedFiles).toBeGreaterThanOrEqual(result.requiredUnpacked.length);
  }, 300_000);
});
