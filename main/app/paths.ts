// Where the built pieces live, relative to this compiled file (dist/main/app/paths.js), so the
// app finds them from a clone, from npx and from a packaged app alike. The Electron entry, the
// preload and the page are named here once: package.json "main", main.ts and the packaging check
// all use (and the tests check) these paths.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** dist/ */
export const distDir = path.resolve(here, '../..');
/** dist/renderer: the built UI. */
export const rendererDir = path.join(distDir, 'renderer');
/** The project (or app) root, holding package.json. */
export const appRoot = path.resolve(distDir, '..');

/** The Electron side of the app, relative to the app root ('/' separators, as in package.json). */
export const ELECTRON_LAYOUT = {
  /** package.json "main": what Electron loads (built from main/electron/main.ts). */
  entry: 'dist/main/electron/main.js',
  /** The window's preload (built from main/electron/preload.cts). */
  preload: 'dist/main/electron/preload.cjs',
  /** The page the window loads. */
  rendererIndex: 'dist/renderer/index.html',
  icon: 'assets/icon.png',
} as const;

/** Pure: the absolute paths of the Electron pieces under an app root. */
export function electronPaths(root: string): { entry: string; preload: string; indexHtml: string; icon: string } {
  const at = (rel: string) => path.join(root, ...rel.split('/'));
  return { entry: at(ELECTRON_LAYOUT.entry), preload: at(ELECTRON_LAYOUT.preload), indexHtml: at(ELECTRON_LAYOUT.rendererIndex), icon: at(ELECTRON_LAYOUT.icon) };
}
