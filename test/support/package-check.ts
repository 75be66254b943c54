// The packaging check (`npm run package:check`, and test/integration/packaging.test.ts): builds
// the unpacked app for this OS with electron-builder, offline, with a stand-in Electron
// distribution made here in a temp folder (Electron's binary cannot be downloaded in CI), then
// checks what a packager would ship: resources/app.asar holds the entry package.json names, the
// preload, the page and its assets and the production dependencies, and nothing from test/,
// renderer/src/ or the devDependencies; every file another program opens is a real file under
// app.asar.unpacked, where the code looks for it, with its imports beside it.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import asar from '@electron/asar';
import { ELECTRON_LAYOUT } from '../../main/app/paths.js';
import { LESSONS } from '../../main/lessons/catalog/index.js';
import { programJsPath, programSourcePath, pythonHarnessPath, pythonProgramPath, runtimeIndexPath } from '../../main/lessons/paths.js';
import { SUBREAPER_SCRIPT } from '../../main/lessons/reaper/family.js';
import { EXAMPLES, EXAMPLES_DIR } from '../../main/playground/example-catalogue.js';
import { PYTHON_STARTUP_DIR } from '../../main/playground/python-env.js';
import { watchdogScriptPath } from '../../main/supervision/watchdog-path.js';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const BUILD_TIMEOUT_MS = 240_000;
/** A closed port: any download electron-builder attempted would fail at once, loudly. */
const NO_DOWNLOADS = 'http://127.0.0.1:9/';

export interface PackageCheckResult {
  /** Everything found wrong; empty when the package is right. */
  problems: string[];
  asarBytes: number;
  asarFiles: number;
  unpackedBytes: number;
  unpackedFiles: number;
  /** Files that must be unpacked, relative to the app root. */
  requiredUnpacked: string[];
}

type Pkg = { main?: string; type?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
const readJson = (file: string): Pkg => JSON.parse(readFileSync(file, 'utf8')) as Pkg;

/** A folder shaped like an unpacked Electron release for this OS, with a dummy executable. */
export function makeStandInElectron(dir: string, version: string): void {
  mkdirSync(path.join(dir, 'resources'), { recursive: true });
  const exe = process.platform === 'win32' ? 'electron.exe' : process.platform === 'linux' ? 'electron' : null;
  if (!exe) throw new Error(`package:check makes a stand-in Electron for Linux and Windows only, not ${process.platform}`);
  writeFileSync(path.join(dir, exe), '#!/bin/sh\necho "stand-in Electron: not runnable" >&2\nexit 1\n', { mode: 0o755 });
  writeFileSync(path.join(dir, 'version'), `v${version}`);
  writeFileSync(path.join(dir, 'LICENSE'), 'stand-in\n');
  writeFileSync(path.join(dir, 'LICENSES.chromium.html'), '<p>stand-in</p>\n');
}

/** Runs electron-builder --dir for this OS into outDir; resolves with the app's resources folder. */
async function buildUnpacked(electronDist: string, version: string, outDir: string, log: (line: string) => void): Promise<string> {
  const platformFlag = process.platform === 'win32' ? '--win' : '--linux';
  const cli = path.join(REPO, 'node_modules', 'electron-builder', 'cli.js');
  const args = [cli, platformFlag, 'dir', '--publish', 'never', `-c.electronDist=${electronDist}`, `-c.electronVersion=${version}`, `-c.directories.output=${outDir}`];
  const child = spawn(process.execPath, args, {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ELECTRON_MIRROR: NO_DOWNLOADS, ELECTRON_BUILDER_BINARIES_MIRROR: NO_DOWNLOADS, ELECTRON_BUILDER_CACHE: path.join(outDir, '.cache'), CSC_IDENTITY_AUTO_DISCOVERY: 'false' },
  });
  let output = '';
  child.stdout.on('data', (d) => (output += String(d)));
  child.stderr.on('data', (d) => (output += String(d)));
  const timer = setTimeout(() => child.kill('SIGKILL'), BUILD_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
  clearTimeout(timer);
  if (code !== 0) throw new Error(`electron-builder failed (exit ${code}):\n${output.split('\n').slice(-25).join('\n')}`);
  log(`electron-builder ${platformFlag} dir: built offline with a stand-in Electron ${version}`);
  const unpacked = readdirSync(outDir).find((d) => d.endsWith('-unpacked'));
  if (!unpacked) throw new Error(`electron-builder made no *-unpacked folder in ${outDir}`);
  return path.join(outDir, unpacked, 'resources');
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else out.push(p);
  }
  return out;
}

/** The production dependency closure, as the names of the packages in node_modules. */
function productionClosure(root: string): Set<string> {
  const seen = new Set<string>();
  const visit = (name: string, from: string): void => {
    // Node's lookup: the nearest node_modules/<name> walking up from the requiring package.
    for (let dir = from; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'node_modules', name);
      if (existsSync(path.join(candidate, 'package.json'))) {
        const key = path.relative(root, candidate).split(path.sep).join('/');
        if (seen.has(key)) return;
        seen.add(key);
        const pkg = readJson(path.join(candidate, 'package.json')) as Pkg & { optionalDependencies?: Record<string, string> };
        for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) visit(dep, candidate);
        return;
      }
      if (dir === root || path.dirname(dir) === dir) return; // an optional dependency not installed
    }
  };
  for (const dep of Object.keys(readJson(path.join(root, 'package.json')).dependencies ?? {})) visit(dep, root);
  return seen;
}

/** Relative import specifiers of an ES module's source (static and dynamic). */
export function importSpecifiers(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)) out.push(m[1]!);
  return out;
}

/** The files the code hands to another program or runs as a child, relative to the app root. */
export function filesOpenedOutsideElectron(): string[] {
  const rel = (p: string) => path.relative(REPO, p).split(path.sep).join('/');
  const files = [
    SUBREAPER_SCRIPT,
    path.join(PYTHON_STARTUP_DIR, 'sitecustomize.py'),
    runtimeIndexPath,
    path.join(path.dirname(runtimeIndexPath), 'child-entry.js'),
    watchdogScriptPath(),
    ...EXAMPLES.map((e) => path.join(EXAMPLES_DIR, `${e.id}.py`)),
    path.join(EXAMPLES_DIR, 'helpers.py'),
    ...LESSONS.flatMap((l) => [programJsPath(l.id), programSourcePath(l.id)]),
    ...LESSONS.map((l) => pythonProgramPath(l.id)).filter((p) => existsSync(p)),
    pythonHarnessPath,
  ];
  return [...new Set(files.map(rel))].sort();
}

/** Checks a built resources/ folder; pure apart from reading it. */
export function checkResources(resources: string): PackageCheckResult {
  const problems: string[] = [];
  const archive = path.join(resources, 'app.asar');
  const unpackedDir = `${archive}.unpacked`;
  if (!existsSync(archive)) return { problems: [`no app.asar in ${resources}`], asarBytes: 0, asarFiles: 0, unpackedBytes: 0, unpackedFiles: 0, requiredUnpacked: [] };

  const entries = asar.listPackage(archive, { isPack: false }).map((e) => e.replace(/\\/g, '/').replace(/^\//, ''));
  const stat = (rel: string) => {
    try {
      return asar.statFile(archive, rel) as { files?: unknown; unpacked?: boolean; size?: number };
    } catch {
      return null;
    }
  };
  const files = entries.filter((e) => { const s = stat(e); return s !== null && !('files' in s); });
  const has = (rel: string) => files.includes(rel);
  const read = (rel: string) => (stat(rel)?.unpacked ? readFileSync(path.join(unpackedDir, rel)) : asar.extractFile(archive, rel)).toString('utf8');

  // The entry, preload and page (with every asset it names).
  if (!has('package.json')) problems.push('package.json is not in app.asar');
  const shipped = has('package.json') ? (JSON.parse(read('package.json')) as Pkg) : {};
  if (shipped.main !== ELECTRON_LAYOUT.entry) problems.push(`package.json "main" is ${JSON.stringify(shipped.main)}, expected "${ELECTRON_LAYOUT.entry}"`);
  if (shipped.type !== 'module') problems.push('the shipped package.json lost "type": "module"');
  for (const rel of [shipped.main ?? ELECTRON_LAYOUT.entry, ELECTRON_LAYOUT.preload, ELECTRON_LAYOUT.rendererIndex, ELECTRON_LAYOUT.icon]) {
    if (!has(rel)) problems.push(`${rel} is not in app.asar`);
  }
  if (has(ELECTRON_LAYOUT.rendererIndex)) {
    const html = read(ELECTRON_LAYOUT.rendererIndex);
    const refs = [...html.matchAll(/(?:src|href)="(\.\/[^"]+)"/g)].map((m) => m[1]!);
    if (!refs.some((r) => r.endsWith('.js'))) problems.push(`${ELECTRON_LAYOUT.rendererIndex} names no script`);
    for (const ref of refs) {
      const rel = path.posix.join(path.posix.dirname(ELECTRON_LAYOUT.rendererIndex), ref);
      if (!has(rel)) problems.push(`the page's asset ${rel} is not in app.asar`);
    }
  }

  // Dependencies: the production closure, and no devDependency.
  const prod = productionClosure(REPO);
  const pkg = readJson(path.join(REPO, 'package.json'));
  for (const dep of Object.keys(pkg.dependencies ?? {})) {
    if (!has(`node_modules/${dep}/package.json`)) problems.push(`production dependency ${dep} is not in app.asar`);
  }
  const shippedModules = new Set(files.filter((f) => f.startsWith('node_modules/')).map((f) => /^(node_modules\/(?:@[^/]+\/)?[^/]+)/.exec(f)![1]!));
  for (const mod of shippedModules) if (!prod.has(mod)) problems.push(`${mod} is in app.asar but is not a production dependency`);
  for (const dev of Object.keys(pkg.devDependencies ?? {})) {
    if (shippedModules.has(`node_modules/${dev}`) && !prod.has(`node_modules/${dev}`)) problems.push(`devDependency ${dev} is in app.asar`);
  }

  // Nothing that is not part of the running app.
  const forbidden: [RegExp, string][] = [
    [/^test\//, 'a test file'],
    [/^renderer\//, 'renderer source (the app ships dist/renderer)'],
    [/\.map$/, 'a source map'],
    [/^dist\/main\/bench\//, 'the benchmark (a development tool)'],
    [/^(release|\.ci|\.git)\//, 'a build or CI file'],
    [/^assets\/screenshot/, 'a README screenshot'],
  ];
  for (const f of files) {
    const hit = forbidden.find(([re]) => re.test(f));
    if (hit) problems.push(`${f} is in app.asar: ${hit[1]}`);
  }

  // Files other programs open: real files under app.asar.unpacked, marked unpacked in the archive.
  const requiredUnpacked = filesOpenedOutsideElectron();
  for (const rel of requiredUnpacked) {
    if (!existsSync(path.join(unpackedDir, rel))) problems.push(`${rel} is not under app.asar.unpacked`);
    else if (!stat(rel)?.unpacked) problems.push(`${rel} is not marked unpacked in app.asar`);
  }
  // A module run from the unpacked folder resolves its imports there: they must all be there too,
  // and a package.json must say "type": "module" for its .js files.
  const unpackedFiles = existsSync(unpackedDir) ? walk(unpackedDir) : [];
  for (const file of unpackedFiles.filter((f) => f.endsWith('.js'))) {
    for (const spec of importSpecifiers(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('node:')) continue;
      if (!spec.startsWith('.')) problems.push(`${path.relative(unpackedDir, file)} imports "${spec}", which app.asar.unpacked cannot resolve`);
      else if (!existsSync(path.resolve(path.dirname(file), spec))) problems.push(`${path.relative(unpackedDir, file)} imports ${spec}, which is not under app.asar.unpacked`);
    }
  }
  const unpackedPkg = path.join(unpackedDir, 'package.json');
  if (unpackedFiles.some((f) => f.endsWith('.js')) && (!existsSync(unpackedPkg) || readJson(unpackedPkg).type !== 'module')) {
    problems.push('app.asar.unpacked has no package.json saying "type": "module" for its .js files');
  }

  return {
    problems,
    asarBytes: statSync(archive).size,
    asarFiles: files.length,
    unpackedBytes: unpackedFiles.reduce((n, f) => n + statSync(f).size, 0),
    unpackedFiles: unpackedFiles.length,
    requiredUnpacked,
  };
}

/** Builds the unpacked app in a temp folder, checks it, removes the folder. */
export async function runPackageCheck(log: (line: string) => void = console.log): Promise<PackageCheckResult> {
  const version = readJson(path.join(REPO, 'node_modules', 'electron', 'package.json')) as Pkg & { version: string };
  const work = mkdtempSync(path.join(os.tmpdir(), 'procplay-package-check-'));
  try {
    const standIn = path.join(work, 'electron-dist');
    makeStandInElectron(standIn, version.version);
    const resources = await buildUnpacked(standIn, version.version, path.join(work, 'out'), log);
    const result = checkResources(resources);
    const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
    log(`app.asar: ${kib(result.asarBytes)} (${result.asarFiles} files); app.asar.unpacked: ${kib(result.unpackedBytes)} (${result.unpackedFiles} files)`);
    log(`files other programs open, all required under app.asar.unpacked: ${result.requiredUnpacked.length}`);
    for (const p of result.problems) log(`problem: ${p}`);
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
