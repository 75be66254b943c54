// Run by `npm install` (prepare): links the package's own bin into node_modules/.bin, so
// `npx procplay` works from the clone (npm links the bins of dependencies only).
import { mkdirSync, rmSync, symlinkSync, chmodSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const binDir = path.join(root, 'node_modules', '.bin');
const target = path.join(root, 'main', 'cli', 'bin.js');
mkdirSync(binDir, { recursive: true });
const link = path.join(binDir, 'procplay');
rmSync(link, { force: true });
symlinkSync(path.relative(binDir, target), link);
chmodSync(target, 0o755);
