// Python's `if __name__ == "__main__":` for lesson modules. A child process re-imports the lesson
// module to find its target function (as Python's spawn start method does), so the code that
// starts processes must run only in the program the user started, or every child would start
// children of its own, forever.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const real = (path: string): string => {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
};

/** True when the module at `moduleUrl` (pass `import.meta.url`) is the program node was started with. */
export function isMainProgram(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && real(entry) === real(fileURLToPath(moduleUrl));
}
