// The long-running process's V8 flags are given where it starts: package.json's start and web
// scripts (which cannot import them) must carry exactly LONG_RUN_V8_FLAGS, and Node must accept them.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LONG_RUN_V8_FLAGS } from '../../main/app/v8-flags.js';

const pkg = JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string> };

describe('V8 flags of the long-running process', () => {
  it.each(['start', 'web'])('npm run %s starts node with them', (script) => {
    const launch = pkg.scripts[script].split('&&').pop()!.trim();
    expect(launch).toBe(`node ${LONG_RUN_V8_FLAGS.join(' ')} ${script === 'start' ? 'dist/main/launcher/start.js' : 'dist/main/web/serve.js'}`);
  });

  it('are flags this Node accepts', () => {
    const r = spawnSync(process.execPath, [...LONG_RUN_V8_FLAGS, '-e', "process.stdout.write('ok')"], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('ok');
  });
});
