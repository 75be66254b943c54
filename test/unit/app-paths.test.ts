// The Electron entry, preload and page are named once (main/app/paths.ts): package.json "main"
// must be that entry, the build must make each file, and every path another program opens must
// leave app.asar for app.asar.unpacked in a packaged app.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ELECTRON_LAYOUT, electronPaths } from '../../main/app/paths.js';
import { outsideAsar } from '../../shared/asar-path.js';
import { examplesDirFrom } from '../../main/playground/example-catalogue.js';
import { watchdogCandidates } from '../../main/supervision/watchdog-path.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const pkg = JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { main: string };

describe('the Electron layout', () => {
  it('package.json "main" is the entry the layout names', () => {
    expect(pkg.main).toBe(ELECTRON_LAYOUT.entry);
  });

  it('the build makes the entry, the preload and the page, from the sources the layout implies', () => {
    const built = electronPaths(repo);
    for (const file of [built.entry, built.preload, built.indexHtml, built.icon]) expect(existsSync(file), file).toBe(true);
    // tsc maps main/electron/main.ts to dist/main/electron/main.js (and .cts to .cjs).
    expect(existsSync(path.join(repo, ELECTRON_LAYOUT.entry.replace(/^dist\//, '').replace(/\.js$/, '.ts')))).toBe(true);
    expect(existsSync(path.join(repo, ELECTRON_LAYOUT.preload.replace(/^dist\//, '').replace(/\.cjs$/, '.cts')))).toBe(true);
  });
});

describe('paths out of app.asar', () => {
  const packaged = '/opt/Process Playground/resources/app.asar';

  it('maps a path inside app.asar to app.asar.unpacked, on either separator', () => {
    expect(outsideAsar(`${packaged}/main/lessons/reaper/subreaper.py`)).toBe('/opt/Process Playground/resources/app.asar.unpacked/main/lessons/reaper/subreaper.py');
    expect(outsideAsar(packaged)).toBe('/opt/Process Playground/resources/app.asar.unpacked');
    expect(outsideAsar('C:\\Apps\\PP\\resources\\app.asar\\dist\\main\\supervision')).toBe('C:\\Apps\\PP\\resources\\app.asar.unpacked\\dist\\main\\supervision');
  });

  it('leaves other paths alone, including ones already unpacked and look-alike names', () => {
    for (const p of ['/home/me/procplay/dist/main/x.js', `${packaged}.unpacked/dist/x.js`, '/srv/my-app.asar/x', '/srv/app.asarx/y']) {
      expect(outsideAsar(p)).toBe(p);
    }
  });

  it('the examples (and python-startup beside them) and the watchdog resolve outside the archive', () => {
    const examples = examplesDirFrom(`${packaged}/dist/main/playground`);
    expect(examples).toBe('/opt/Process Playground/resources/app.asar.unpacked/main/playground/examples');
    expect(watchdogCandidates(`${packaged}/dist/main/supervision`)[0]).toBe(
      '/opt/Process Playground/resources/app.asar.unpacked/dist/main/supervision/watchdog.js',
    );
  });
});

describe('--smoke on the command line', () => {
  it('is off without the flag, and names the PNG with --smoke-png=', async () => {
    const { smokeOptionsFrom } = await import('../../main/electron/smoke.js');
    expect(smokeOptionsFrom(['/opt/electron', '/app'])).toBeNull();
    expect(smokeOptionsFrom(['/opt/electron', '/app', '--smoke', '--smoke-png=/tmp/x/s.png'])).toMatchObject({ pngPath: '/tmp/x/s.png', lessonId: 'pid-ppid' });
    expect(smokeOptionsFrom(['/opt/electron', '/app', '--smoke'])!.pngPath).toMatch(/procplay-smoke\.png$/);
  });
});
