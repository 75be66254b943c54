// The app's version, from its package.json (read once).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { appRoot } from './paths.js';

let version: string | null = null;

export function appVersion(): string {
  if (version === null) {
    try {
      version = String(JSON.parse(readFileSync(path.join(appRoot, 'package.json'), 'utf8')).version ?? 'unknown');
    } catch {
      version = 'unknown';
    }
  }
  return version;
}
