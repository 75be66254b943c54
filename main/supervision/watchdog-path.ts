// Where the compiled watchdog script is: next to this module when the app runs from dist/, or in
// dist/ when tests load the TypeScript sources from main/supervision/.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { outsideAsar } from '../../shared/asar-path.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Pure: the candidates, in order of preference, for a module directory in either layout. */
export function watchdogCandidates(moduleDir: string): string[] {
  // A packaged app runs the unpacked copy: its imports resolve beside it, outside the archive.
  const dir = outsideAsar(moduleDir);
  return [path.join(dir, 'watchdog.js'), path.resolve(dir, '../../dist/main/supervision/watchdog.js')];
}

export function watchdogScriptPath(): string {
  const candidates = watchdogCandidates(here);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`the process watchdog is not built (looked for ${candidates.join(' and ')}): run npm run build`);
  return found;
}
