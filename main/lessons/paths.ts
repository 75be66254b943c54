// Where a lesson's program lives: its compiled JavaScript (what runs) and its TypeScript source
// (what the learner reads; the source tree ships with the app). Resolved from this module's own
// place, which is dist/main/lessons/ when built and main/lessons/ when tests load the source.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { outsideAsar } from '../../shared/asar-path.js';

/** Pure: the project root seen from this module's directory, in either layout. */
export function projectRootFrom(moduleDir: string): string {
  const parts = moduleDir.split(/[\\/]/);
  const builtAt = parts.length - 3;
  return parts[builtAt] === 'dist' ? path.resolve(moduleDir, '../../..') : path.resolve(moduleDir, '../..');
}

// In a packaged app these files are run and read by other processes: the unpacked copies.
const root = outsideAsar(projectRootFrom(path.dirname(fileURLToPath(import.meta.url))));

export function programJsPath(lessonId: string): string {
  return path.join(root, 'dist', 'main', 'lessons', 'programs', `${lessonId}.js`);
}

export function programSourcePath(lessonId: string): string {
  return path.join(root, 'main', 'lessons', 'programs', `${lessonId}.ts`);
}

/** The compiled runtime, for programs written outside the catalogue (tests). */
export const runtimeIndexPath = path.join(root, 'dist', 'main', 'lessons', 'runtime', 'index.js');

/** The lesson's Python program (what runs and what the learner reads: Python needs no build). */
export function pythonProgramPath(lessonId: string): string {
  return path.join(root, 'main', 'lessons', 'programs', 'python', `${lessonId}.py`);
}

/** Runs a Python lesson program and reports its events on the run's event channel. */
export const pythonHarnessPath = path.join(root, 'main', 'lessons', 'python-harness', 'harness.py');
