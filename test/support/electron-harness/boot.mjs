// The harness's stand-in for Electron's startup: given an app folder, read "main" from its
// package.json and import that file, as Electron does for `electron APP_DIR`; then emit 'ready'.
// Run as: node --import ./register.mjs boot.mjs APP_DIR [app args...] (with an IPC channel to the host).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { markReady } from './electron.mjs';

const appDir = path.resolve(process.argv[2] ?? '.');
const pkgFile = path.join(appDir, 'package.json');
const pkg = JSON.parse(readFileSync(pkgFile, 'utf8'));
// Electron falls back to index.js when "main" is absent.
const entry = path.join(appDir, typeof pkg.main === 'string' && pkg.main ? pkg.main : 'index.js');
if (!existsSync(entry)) {
  console.error(`App threw an error during load: Cannot find module '${entry}' ("main" in ${pkgFile})`);
  process.exit(1);
}
// Electron's argv: [binary, app dir, ...the app's own arguments].
process.argv = [process.execPath, appDir, ...process.argv.slice(3)];
try {
  await import(pathToFileURL(entry).href);
} catch (err) {
  console.error(`App threw an error during load: ${err?.stack ?? err}`);
  process.exit(1);
}
markReady();
