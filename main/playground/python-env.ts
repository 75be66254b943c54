// The environment that makes Python programs print like in a terminal: their lines as soon as
// they are printed, each line whole even when several processes print at once (see
// python-startup/sitecustomize.py). Pure apart from locating the folder.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { examplesDirFrom } from './example-catalogue.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The folder holding our sitecustomize.py, in either layout (next to the examples). */
export const PYTHON_STARTUP_DIR = path.join(path.dirname(examplesDirFrom(here)), 'python-startup');

/** Pure: the variables to add, given the current PYTHONPATH. */
export function pythonEnv(existingPythonPath: string | undefined, startupDir = PYTHON_STARTUP_DIR): Record<string, string> {
  return {
    PYTHONPATH: existingPythonPath ? `${startupDir}${path.delimiter}${existingPythonPath}` : startupDir,
    // Fallback when site is skipped (python -S or -I): unbuffered rather than held until exit.
    PYTHONUNBUFFERED: '1',
  };
}
