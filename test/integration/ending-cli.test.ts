// Nothing left behind by the CLI: `procplay lesson run` and `procplay run` ended by Ctrl+C,
// SIGTERM or SIGKILL (which runs no handler) leave no process of theirs within 2 s.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describePids, pidsWithEnv, TEST_MARK_ENV, until } from '../support/marked-processes.js';
import { repoRoot } from '../support/web-app.js';

// The watchdog checks its owner every second, then gives a 0.5 s grace before SIGKILL: 3 s leaves the
// sweep (strace and its tracees included) a second on a loaded machine.
const ENDING_BUDGET_MS = 3000;
const MARK = TEST_MARK_ENV;

const commands = {
  'procplay lesson run heartbeat-healthy': { argv: ['lesson', 'run', 'heartbeat-healthy'], atLeast: 3 },
  'procplay run -- sh -c "sleep 30 & sleep 30"': { argv: ['run', '--', 'sh', '-c', 'sleep 30 & sleep 30'], atLeast: 3 },
};

describe.each(Object.entries(commands))('%s (Linux)', (_name, { argv, atLeast }) => {
  it.each(['SIGINT', 'SIGTERM', 'SIGKILL'] as const)('ended by %s leaves nothing behind', async (signal) => {
    const mark = `${process.pid}-${signal}-${argv[0]}-${Date.now()}`;
    const cli = spawn(process.execPath, [path.join(repoRoot, 'main/cli/bin.js'), ...argv], {
      env: { ...process.env, [MARK]: mark },
      stdio: 'ignore',
    });
    try {
      // The CLI itself and the tree it started all carry the mark.
      expect(await until(() => pidsWithEnv(MARK, mark).length >= atLeast + 1, 15_000)).toBe(true);
      const endedAt = performance.now();
      cli.kill(signal);
      const gone = await until(() => pidsWithEnv(MARK, mark).length === 0, ENDING_BUDGET_MS);
      const left = pidsWithEnv(MARK, mark);
      console.log(`${argv.slice(0, 2).join(' ')} ended by ${signal}: ${left.length} left behind (checked for ${Math.round(performance.now() - endedAt)} ms)`, describePids(left));
      expect(gone).toBe(true);
    } finally {
      for (const pid of pidsWithEnv(MARK, mark)) process.kill(pid, 'SIGKILL');
    }
  });
});
