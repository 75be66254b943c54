// The Python interpreter Python lesson programs run with: the one `python3` on PATH names, asked
// once per app for its real path (sys.executable). `python3` may be a launcher that costs seconds
// per start (a pyenv shim is a shell script that runs pyenv first: about 1.7 s here), which would
// shift every "at about 1 s" of a lesson's checklist; the interpreter itself starts in ~50 ms.
import { execFile } from 'node:child_process';

const ASK = 'import sys; print(sys.executable)';
const ASK_TIMEOUT_MS = 15_000;

let cached: Promise<string> | null = null;

/** The real python3 executable; `python3` itself when it cannot say (it then fails to start with its own error). */
export function pythonInterpreter(): Promise<string> {
  cached ??= new Promise((resolve) => {
    execFile('python3', ['-c', ASK], { timeout: ASK_TIMEOUT_MS }, (err, stdout) => {
      const path = stdout.trim();
      resolve(!err && path.startsWith('/') ? path : 'python3');
    });
  });
  return cached;
}
