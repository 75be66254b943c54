// A late kill of a lesson's pid checks that the pid still belongs to the run (its marker).
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { stillOurs } from '../../main/lessons/still-ours.js';
import { readComm } from '../../main/processes/process-files.js';
import { until } from '../support/marked-processes.js';

describe('stillOurs (Linux)', () => {
  it('says yes for a process carrying the run marker and no for one that does not', async () => {
    const ours = spawn('sleep', ['30'], { env: { ...process.env, PROCPLAY_RUN_ID: 'run-1' }, stdio: 'ignore' });
    const other = spawn('sleep', ['30'], { env: { ...process.env, PROCPLAY_RUN_ID: 'run-2' }, stdio: 'ignore' });
    try {
      // Both have exec'd sleep (until then /proc shows this test's node, without the marker).
      expect(await until(() => readComm(ours.pid!) === 'sleep' && readComm(other.pid!) === 'sleep', 5000)).toBe(true);
      expect(stillOurs(ours.pid!, { PROCPLAY_RUN_ID: 'run-1' })).toBe(true);
      expect(stillOurs(other.pid!, { PROCPLAY_RUN_ID: 'run-1' })).toBe(false);
      expect(stillOurs(process.pid, { PROCPLAY_RUN_ID: 'run-1' })).toBe(false);
      expect(stillOurs(other.pid!, {})).toBe(true);
    } finally {
      ours.kill('SIGKILL');
      other.kill('SIGKILL');
    }
    await Promise.all([ours, other].map((c) => new Promise((r) => (c.exitCode !== null || c.signalCode !== null ? r(null) : c.once('exit', r)))));
    // Gone: nothing to hit, so a kill would be harmless.
    expect(stillOurs(ours.pid!, { PROCPLAY_RUN_ID: 'run-1' })).toBe(true);
  });
});
