// Runs the built CLI (dist/main/cli/procplay.js) as a user does, with every process of its tree
// carrying a test mark, and collects its stdout; a safety timer SIGKILLs it if it hangs.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { TEST_MARK_ENV } from './marked-processes.js';

const CLI = path.join(process.cwd(), 'dist/main/cli/procplay.js');

export interface CliInterrupt {
  /** Sends `signal` once the output so far satisfies this. */
  when: (stdout: string) => boolean;
  signal: NodeJS.Signals;
}

export function runMarkedCli(args: string[], mark: string, opts: { killAfterMs: number; interrupt?: CliInterrupt }) {
  const { killAfterMs, interrupt } = opts;
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, [TEST_MARK_ENV]: mark }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let signalled = false;
  child.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
    if (interrupt && !signalled && interrupt.when(stdout)) {
      signalled = true;
      child.kill(interrupt.signal);
    }
  });
  const killer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  return new Promise<{ code: number | null; stdout: string }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout });
    }),
  );
}
