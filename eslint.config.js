// Lint, part of `npm test`. Besides typescript-eslint's recommended rules, the import and syntax
// rules below state the architecture, so a change that breaks a wall fails the build instead of a
// review:
//   main/ (Node core) and renderer/ (browser UI) never import each other; both may use shared/;
//   shared/ imports neither and nothing Node-only (the renderer bundles it);
//   only main/electron/ may import 'electron' (web mode, the CLI and tests never load it);
//   only the platform layer (main/processes/) reads the OS process table: /proc, the programs that
//   list processes (ps, wmic, tasklist, PowerShell, top, pgrep, pidof) and the packages ps-list and
//   pidusage;
//   renderer pages never import each other, and nothing else under renderer/src/ imports a page
//   (ui/, their shared floor, and kill/, api/, i18n/, settings/, the root modules) except App.tsx and
//   main.tsx, which compose them.
// Deliberate exceptions to the platform wall, each with its reason:
//   the Python helpers main/trace/proc_connector.py and main/lessons/reaper/subreaper.py read /proc
//   themselves: they are separate processes that must read at that moment (the connector names a
//   process when its exec event arrives, before it may be reaped; the subreaper finds its children
//   when it must end them, even after the app is gone), and ESLint lints only the TypeScript;
//   the lesson programs main/lessons/programs/python/{orphan,zombie}.py read /proc/PID/stat because
//   that is what they teach: watching a process's state and parent as ps does;
//   main/bench/ runs ps and top and imports ps-list and pidusage: they are the peers it times (a
//   disable comment at each site says so);
//   the playground runs a user's .ps1 through PowerShell: that runs the user's program, and its
//   interpreter name is not a literal argument of the spawn, so the rule does not see it.
// What the platform rule sees: a string or template part starting with /proc; a 'proc' segment
// given to join/resolve; a process-listing program as the command of exec/execFile/spawn/fork
// (plain or as a member call such as cp.execFileSync, with a path, .exe or arguments, in a literal,
// a template or a `const` of the same file, and as the script after sh -c, cmd /c or -Command).
// Not seen: names imported from another module, strings built at run time ('/' + 'proc'), a
// command reached through a function's parameter.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const electronOnlyInShell = { name: 'electron', message: "Only main/electron/ imports 'electron'." };

const PLATFORM_ONLY = 'Only the platform layer (main/processes/) reads the OS process table: use its functions.';
/** The packages that read the process table for us on macOS and Windows (main/processes/portable.ts). */
const processTablePackages = ['ps-list', 'pidusage'].map((name) => ({ name, message: PLATFORM_ONLY }));

const rendererWalls = [
  { group: ['**/main/**'], message: 'The renderer talks to main only through the API in shared/.' },
  { group: ['node:*'], message: 'The renderer runs in a browser: no Node built-ins.' },
];
/** The renderer's pages: one folder each under renderer/src/. */
const PAGES = ['monitor', 'lessons', 'playground'];

const platformReads = [
  { selector: 'Literal[value=/^\\/proc(\\/|$)/]', message: PLATFORM_ONLY },
  { selector: 'TemplateElement[value.raw=/^\\/proc(\\/|$)/]', message: PLATFORM_ONLY },
  // The packages loaded lazily, as portable.ts does, or required from a .cts.
  { selector: 'ImportExpression > Literal.source[value=/^(ps-list|pidusage)$/]', message: PLATFORM_ONLY },
  { selector: "CallExpression[callee.name='require'] > Literal.arguments[value=/^(ps-list|pidusage)$/]", message: PLATFORM_ONLY },
];

/** A program that lists processes, as the start of a command: optional directory, optional .exe, then arguments or nothing. */
const PROCESS_LISTER = /^(?:\S*[\\/])?(?:ps|wmic|tasklist|powershell|pwsh|top|pgrep|pidof)(?:\.exe)?(?:\s|$)/i;
const RUNS_A_PROGRAM = /^(?:exec|execSync|execFile|execFileSync|spawn|spawnSync|fork)$/;
const JOINS_A_PATH = /^(?:join|resolve)$/;
/** The argument after which a shell or PowerShell takes a script. */
const SCRIPT_FLAG = /^(?:-c|\/c|-Command)$/i;
/** 'proc' as a path segment (a leading '/proc' is caught by the Literal selector above). */
const PROC_SEGMENT = /^proc(?:\/|$)/;

/**
 * The strings an expression can start with, as far as this file shows: a literal, a template's head,
 * and a `const` of this file initialised with one (through ?:, ||, ??, `as const` and `${name}`).
 * Resolved through scopes, so a shadowing parameter of the same name is not mistaken for the const.
 */
function leadingStrings(node, sourceCode, depth = 0) {
  if (!node || depth > 4) return [];
  const next = (n) => leadingStrings(n, sourceCode, depth + 1);
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? [node.value] : [];
    case 'TemplateLiteral': {
      const head = node.quasis[0].value.cooked ?? '';
      if (head !== '' || node.expressions.length === 0) return [head];
      return next(node.expressions[0]).map((s) => s + (node.quasis[1].value.cooked ?? ''));
    }
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'TSNonNullExpression':
      return next(node.expression);
    case 'ConditionalExpression':
      return [...next(node.consequent), ...next(node.alternate)];
    case 'LogicalExpression':
      return [...next(node.left), ...next(node.right)];
    case 'Identifier': {
      for (let scope = sourceCode.getScope(node); scope; scope = scope.upper) {
        const variable = scope.set.get(node.name);
        if (!variable) continue;
        const [def] = variable.defs;
        return variable.defs.length === 1 && def.type === 'Variable' && def.parent.kind === 'const' ? next(def.node.init) : [];
      }
      return [];
    }
    default:
      return [];
  }
}

/** The called function's name: spawn(…), cp.spawn(…) and cp['spawn'](…) alike. */
function calleeName(callee) {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type !== 'MemberExpression') return null;
  if (!callee.computed && callee.property.type === 'Identifier') return callee.property.name;
  return callee.computed && callee.property.type === 'Literal' ? String(callee.property.value) : null;
}

/** The cases a selector cannot state: member calls matched by name, constants followed, scripts after sh -c. */
const noProcessTableRead = {
  meta: { type: 'problem', schema: [], docs: { description: 'Only main/processes/ runs the programs that list processes.' } },
  create(context) {
    const { sourceCode } = context;
    const startsWith = (node, pattern) => leadingStrings(node, sourceCode).some((s) => pattern.test(s));
    const refuse = (node) => context.report({ node, message: PLATFORM_ONLY });
    return {
      CallExpression(call) {
        const name = calleeName(call.callee);
        if (name !== null && JOINS_A_PATH.test(name)) {
          for (const arg of call.arguments) if (startsWith(arg, PROC_SEGMENT)) refuse(arg);
        }
        if (name === null || !RUNS_A_PROGRAM.test(name)) return;
        const [command, args] = call.arguments;
        if (startsWith(command, PROCESS_LISTER)) refuse(command);
        if (args?.type !== 'ArrayExpression') return;
        args.elements.forEach((arg, i) => {
          if (i > 0 && startsWith(args.elements[i - 1], SCRIPT_FLAG) && startsWith(arg, PROCESS_LISTER)) refuse(arg);
        });
      },
    };
  },
};
const walls = { rules: { 'no-process-table-read': noProcessTableRead } };

const mainImportsNoRenderer = { group: ['**/renderer/**'], message: 'main/ never imports the renderer; share types through shared/.' };
const pagesImportedBelowThem = {
  group: PAGES.map((page) => `**/${page}/**`),
  message: 'Only App.tsx and main.tsx compose pages: each of ui/ (the floor pages stand on), kill/, api/, i18n/, settings/ and the root modules imports no page.',
};

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
  // main/'s imports. A later rule entry replaces an earlier one for the same files, so each entry
  // states the whole list for its folder.
  {
    files: ['main/**/*.ts', 'main/**/*.cts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell, ...processTablePackages], patterns: [mainImportsNoRenderer] }],
    },
  },
  {
    files: ['main/electron/**/*.ts', 'main/electron/**/*.cts'],
    rules: { 'no-restricted-imports': ['error', { paths: processTablePackages, patterns: [mainImportsNoRenderer] }] },
  },
  {
    files: ['main/processes/**/*.ts', 'main/processes/**/*.cts'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyInShell], patterns: [mainImportsNoRenderer] }] },
  },
  {
    files: ['main/**/*.ts', 'main/**/*.cts'],
    ignores: ['main/processes/**'],
    plugins: { walls },
    rules: {
      'no-restricted-syntax': ['error', ...platformReads],
      'walls/no-process-table-read': 'error',
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
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell, ...processTablePackages], patterns: rendererWalls }],
    },
  },
  // Pages (monitor, lessons, playground) never import each other; what two pages need lives in the
  // shared UI floor, renderer/src/ui/. (Each entry repeats the renderer's walls, as above.)
  ...PAGES.map((page) => ({
    files: [`renderer/src/${page}/**/*.ts`, `renderer/src/${page}/**/*.tsx`],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnlyInShell, ...processTablePackages],
        patterns: [
          ...rendererWalls,
          { group: PAGES.filter((other) => other !== page).map((other) => `**/${other}/**`), message: `A page never imports another page: move what both need to renderer/src/ui/.` },
        ],
      }],
    },
  })),
  // Everything else under renderer/src/ stands below the pages: ui/, kill/, api/, i18n/, settings/
  // and the root modules (prefs.ts, status.ts, theme.ts), and any folder added later.
  {
    files: ['renderer/src/**/*.ts', 'renderer/src/**/*.tsx'],
    ignores: [...PAGES.map((page) => `renderer/src/${page}/**`), 'renderer/src/App.tsx', 'renderer/src/main.tsx'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell, ...processTablePackages], patterns: [...rendererWalls, pagesImportedBelowThem] }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [electronOnlyInShell, ...processTablePackages],
        patterns: [
          { group: ['**/main/**', '**/renderer/**'], message: 'shared/ is the contract: it imports neither side.' },
          { group: ['node:*'], message: 'shared/ is bundled into the renderer: no Node built-ins.' },
        ],
      }],
    },
  },
  {
    // Tests may use ps-list or pidusage to check the platform layer against them.
    files: ['test/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronOnlyInShell] }],
    },
  },
);
