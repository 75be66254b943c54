// Lint, part of `npm test`. Besides typescript-eslint's recommended rules, the import rules below
// state the architecture, so a change that breaks a wall fails the build instead of a review:
//   main/ (Node core) and renderer/ (browser UI) never import each other; both may use shared/;
//   shared/ imports neither and nothing Node-only (the renderer bundles it);
//   only main/electron/ may import 'electron' (web mode, the CLI and tests never load it);
//   only the platform layer (main/processes/) reads /proc or runs ps, wmic or PowerShell;
//   renderer pages never import each other, and renderer/src/ui/ (their shared floor) imports no page.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const electronOnlyInShell = { name: 'electron', message: "Only main/electron/ imports 'electron'." };

const rendererWalls = [
  { group: ['**/main/**'], message: 'The renderer talks to main only through the API in shared/.' },
  { group: ['node:*'], message: 'The renderer runs in a browser: no Node built-ins.' },
];
/** The renderer's pages: one folder each under renderer/src/. */
const PAGES = ['monitor', 'lessons', 'playground'];

const PLATFORM_ONLY = 'Only the platform layer (main/processes/) reads the OS process table: use its functions.';
const platformReads = [
  { selector: 'Literal[value=/^\\/proc(\\/|$)/]', message: PLATFORM_ONLY },
  { selector: 'TemplateElement[value.raw=/^\\/proc(\\/|$)/]', message: PLATFORM_ONLY },
  {
    selector: 'CallExpression[callee.name=/^(exec|execSync|execFile|execFileSync|spawn|spawnSync)$/] > Literal.arguments:first-child[value=/^(ps|wmic|tasklist|powershell|pwsh)(\\.exe)?$/i]',
    message: PLATFORM_ONLY,
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', '**/*.js', '**/*.cjs', '**/*.mjs', '!eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Intentional: the catch-all `{}` type shows up in generic React props.
      '@typescript-eslint/no-empty-object-type': 'off',
    },
  },
  {
    files: ['main/**/*.ts', 'main/**/*.cts'],
    ignores: ['main/electron/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnlyInShell],
        patterns: [{ group: ['**/renderer/**'], message: 'main/ never imports the renderer; share types through shared/.' }],
      }],
    },
  },
  {
    files: ['main/**/*.ts', 'main/**/*.cts'],
    ignores: ['main/processes/**'],
    rules: { 'no-restricted-syntax': ['error', ...platformReads] },
  },
  {
    files: ['main/electron/**/*.ts', 'main/electron/**/*.cts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['**/renderer/**'], message: 'main/ never imports the renderer; share types through shared/.' }],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    // The Vite config runs in Node at build time, not in the page.
    ignores: ['renderer/vite.config.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell], patterns: rendererWalls }],
    },
  },
  // Pages (monitor, lessons, playground) never import each other; what two pages need lives in the
  // shared UI floor, renderer/src/ui/, which imports no page. (A later rule entry replaces an
  // earlier one for the same files, so each repeats the renderer's walls.)
  ...PAGES.map((page) => ({
    files: [`renderer/src/${page}/**/*.ts`, `renderer/src/${page}/**/*.tsx`],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnlyInShell],
        patterns: [
          ...rendererWalls,
          { group: PAGES.filter((other) => other !== page).map((other) => `**/${other}/**`), message: `A page never imports another page: move what both need to renderer/src/ui/.` },
        ],
      }],
    },
  })),
  {
    files: ['renderer/src/ui/**/*.ts', 'renderer/src/ui/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnlyInShell],
        patterns: [...rendererWalls, { group: PAGES.map((page) => `**/${page}/**`), message: 'renderer/src/ui/ is the floor pages stand on: it imports no page.' }],
      }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnlyInShell],
        patterns: [
          { group: ['**/main/**', '**/renderer/**'], message: 'shared/ is the contract: it imports neither side.' },
          { group: ['node:*'], message: 'shared/ is bundled into the renderer: no Node built-ins.' },
        ],
      }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
    },
  },
);
