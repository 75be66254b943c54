// Starts the real web mode (`node dist/main/web/serve.js`) for integration and e2e tests, and
// stops it the way a user does (SIGTERM), checking that it exits.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface RunningWebApp {
  url: string;
  origin: string;
  token: string;
  child: ChildProcess;
  output: () => string;
  stop(): Promise<void>;
}

/** `runAs` is a command that execs the rest as another user, e.g. ['setpriv', '--reuid=nobody', …]. */
export async function startWebApp(args: string[] = ['--port', '0'], env: NodeJS.ProcessEnv = {}, runAs: string[] = []): Promise<RunningWebApp> {
  const argv = [process.execPath, path.join(repoRoot, 'dist/main/web/serve.js'), ...args];
  const [cmd, ...rest] = [...runAs, ...argv];
  const child = spawn(cmd, rest, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const url = await new Promise<string>((resolve, reject) => {
    // A web mode that did not start is ended here: the caller never gets a handle to stop it.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`web mode did not start in 15 s:\n${out}`));
    }, 15_000);
    const check = () => {
      const m = /procplay web: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web mode exited with ${code}:\n${out}`));
    });
  });
  const parsed = new URL(url);
  return {
    url,
    origin: parsed.origin,
    token: parsed.searchParams.get('token')!,
    child,
    output: () => out,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const hard = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(hard);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
