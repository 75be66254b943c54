// Where the built pieces live, relative to this compiled file (dist/main/app/paths.js), so the
// app finds them from a clone, from npx and from a packaged app alike.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** dist/ */
export const distDir = path.resolve(here, '../..');
/** dist/renderer: the built UI. */
export const rendererDir = path.join(distDir, 'renderer');
/** The project (or app) root, holding package.json. */
export const appRoot = path.resolve(distDir, '..');
