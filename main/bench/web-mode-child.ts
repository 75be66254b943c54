// Benchmark helper: web mode as a child process, resolved once it prints its URL line.
import { spawn, type ChildProcess } from 'node:child_process';
import { LONG_RUN_V8_FLAGS } from '../app/v8-flags.js';

/** Starts `node FLAGS SERVE --port 0` with the V8 flags `npm run web` gives; `track` receives the child at once, so a caller can end it even if start-up fails. */
export function startWebModeChild(serve: string, track: (child: ChildProcess) => void): Promise<{ child: ChildProcess; url: URL }> {
  const child = spawn(process.execPath, [...LONG_RUN_V8_FLAGS, serve, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  track(child);
  let out = '';
  child.stderr!.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web mode did not start in 20 s:\n${out}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /procplay web: (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: new URL(m[1]!) });
      }
    });
    child.once('exit', (code) => reject(new Error(`web mode exited with ${code}:\n${out}`)));
  });
}
