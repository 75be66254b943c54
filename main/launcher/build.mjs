// `npm run build` (and so `npm start`, `npm run web`, `npm test`): builds only what changed, in
// one Node process (each nested `npm run` would cost a Node and npm start-up of its own).
//   main:     skipped when a hash of its inputs (main/, shared/, the configs and the lockfile)
//             equals the one stored beside the output (dist/main.inputs-sha256); else TypeScript's
//             incremental build (tsc -b, build info in dist/main.tsbuildinfo) recompiles what changed.
//             TypeScript is loaded only then: loading it alone takes about a second.
//   renderer: Vite, skipped the same way (renderer/, shared/, the configs, the lockfile;
//             dist/renderer.inputs-sha256).
// Deleting dist/ rebuilds everything. `--force` rebuilds both whatever dist/ holds (npm install's
// prepare). `main` or `renderer` builds only that part.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const force = process.argv.includes('--force');
const only = process.argv.find((a) => a === 'main' || a === 'renderer');
const CONFIGS = ['package-lock.json', 'tsconfig.base.json'];

const PARTS = {
  main: {
    inputs: ['main', 'shared', 'tsconfig.main.json', ...CONFIGS],
    /** Built outputs that must exist for the part to count as built. */
    outputs: ['dist/main/web/serve.js', 'dist/main/launcher/start.js', 'dist/main.tsbuildinfo'],
    hashFile: 'dist/main.inputs-sha256',
    build: buildMain,
  },
  renderer: {
    inputs: ['renderer', 'shared', 'tsconfig.renderer.json', ...CONFIGS],
    outputs: ['dist/renderer/index.html'],
    hashFile: 'dist/renderer.inputs-sha256',
    build: buildRenderer,
  },
};

async function buildMain() {
  const { default: ts } = await import('typescript');
  const host = ts.createSolutionBuilderHost(ts.sys, undefined, ts.createDiagnosticReporter(ts.sys, true));
  const builder = ts.createSolutionBuilder(host, [path.join(root, 'tsconfig.main.json')], { force });
  return builder.build() === ts.ExitStatus.Success;
}

async function buildRenderer() {
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'renderer/vite.config.ts'), logLevel: 'warn' });
  return true;
}

/** Files under a path (or the path itself, a file), as paths relative to the repository, sorted. */
function filesOf(rel) {
  const abs = path.join(root, rel);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [rel];
  return readdirSync(abs, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

/** One hash of every input file's path and content. */
function hashOf(inputs) {
  const h = createHash('sha256');
  for (const file of inputs.flatMap(filesOf)) h.update(file).update('\0').update(readFileSync(path.join(root, file))).update('\0');
  return h.digest('hex');
}

async function buildIfChanged(part) {
  const hashFile = path.join(root, part.hashFile);
  const hash = hashOf(part.inputs);
  const built = part.outputs.every((f) => existsSync(path.join(root, f)));
  if (!force && built && existsSync(hashFile) && readFileSync(hashFile, 'utf8') === hash) return true;
  // Stale until the build succeeds: an interrupted or failed build must not look current.
  rmSync(hashFile, { force: true });
  if (!(await part.build())) return false;
  writeFileSync(hashFile, hash);
  return true;
}

try {
  for (const [name, part] of Object.entries(PARTS)) {
    if (only && only !== name) continue;
    if (!(await buildIfChanged(part))) process.exit(1);
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
