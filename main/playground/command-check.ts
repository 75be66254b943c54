// Checks a command line before anything is started, so a typo gets a clear message at once rather
// than a shell's "not found" (exit 127) later. Only a plain first word is checked (a program
// name or path); anything the shell would interpret first (builtins, keywords, variables,
// quotes, assignments, sub-shells) is left to the shell. firstWord is pure; findProgram does I/O.
import fs from 'node:fs';
import path from 'node:path';

export type FirstWord = { kind: 'program'; word: string } | { kind: 'unchecked'; reason: string };

const POSIX_SHELL_WORDS = new Set(
  ('! { } [ [[ . : case do done elif else esac fi for function if in select then time until while ' +
    'alias bg break cd command continue echo eval exec exit export false fc fg getopts hash jobs kill let local ' +
    'printf pwd read readonly return set shift source test times trap true type ulimit umask unalias unset wait').split(' '),
);
const CMD_WORDS = new Set(
  ('assoc break call cd chdir cls color copy date del dir echo endlocal erase exit for ftype goto if md mkdir mklink ' +
    'move path pause popd prompt pushd rd rem ren rename rmdir set setlocal shift start time title type ver verify vol').split(' '),
);
/** Characters that make the shell transform a word before running it: we cannot predict the program. */
const SHELL_SPECIAL = /[$`"'*?[\]~={}\\!%^]/;
const WORD_END = /[\s;&|<>()]/;

export function firstWord(command: string, platform: NodeJS.Platform = process.platform): FirstWord {
  const text = command.trimStart();
  let end = 0;
  while (end < text.length && !WORD_END.test(text[end]!)) end++;
  const word = text.slice(0, end);
  if (!word) return { kind: 'unchecked', reason: 'starts with shell syntax' };
  if (SHELL_SPECIAL.test(word)) return { kind: 'unchecked', reason: 'the shell expands or quotes the first word' };
  const builtins = platform === 'win32' ? CMD_WORDS : POSIX_SHELL_WORDS;
  if (builtins.has(platform === 'win32' ? word.toLowerCase() : word)) return { kind: 'unchecked', reason: 'a shell builtin or keyword' };
  return { kind: 'program', word };
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The file a program word runs, or null if none: a word with a slash is a path (relative to cwd);
 * otherwise the first executable match on PATH (with PATHEXT's extensions on Windows).
 */
export function findProgram(
  word: string,
  opts: { cwd: string; pathEnv?: string; pathExt?: string; platform?: NodeJS.Platform },
): string | null {
  const platform = opts.platform ?? process.platform;
  const exts = platform === 'win32' ? ['', ...(opts.pathExt ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)] : [''];
  const hasSlash = word.includes('/') || (platform === 'win32' && word.includes('\\'));
  const dirs = hasSlash ? [''] : (opts.pathEnv ?? '').split(path.delimiter).map((d) => d || '.');
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.resolve(opts.cwd, dir, word + ext);
      if (isExecutableFile(candidate, platform)) return candidate;
    }
  }
  return null;
}
