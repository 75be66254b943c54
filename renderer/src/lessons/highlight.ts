// Small TypeScript and Python tokenizers for the read-only source view: comments, strings
// (template literals, triple quotes and f-strings included), numbers, keywords, types, function
// names and the rest, split into lines so each line can be numbered. The UI turns tokens into
// React spans (text only, never HTML). Pure.
import type { ProgramLanguage } from '../../../shared/lessons.js';

export type TokenKind = 'comment' | 'string' | 'number' | 'keyword' | 'literal' | 'type' | 'function' | 'property' | 'punct' | 'plain';

export interface Token {
  kind: TokenKind;
  text: string;
}

const KEYWORDS = new Set([
  'as', 'async', 'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'default', 'delete', 'do', 'else',
  'export', 'extends', 'finally', 'for', 'from', 'function', 'if', 'import', 'in', 'instanceof', 'interface', 'let',
  'new', 'of', 'return', 'switch', 'throw', 'try', 'type', 'typeof', 'var', 'void', 'while', 'yield', 'readonly',
  'private', 'public', 'protected', 'static', 'enum', 'declare', 'implements', 'keyof',
]);
const LITERALS = new Set(['true', 'false', 'null', 'undefined', 'this', 'NaN', 'Infinity']);
const TYPES = new Set(['string', 'number', 'boolean', 'unknown', 'never', 'any', 'object', 'bigint', 'symbol']);

const isIdStart = (c: string) => /[A-Za-z_$]/.test(c);
const isId = (c: string) => /[A-Za-z0-9_$]/.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';

/** Splits a source into tokens; concatenating the tokens' text gives the source back. */
export function tokenize(src: string): Token[] {
  const out: Token[] = [];
  const push = (kind: TokenKind, text: string) => {
    const prev = out[out.length - 1];
    if (prev && prev.kind === kind && (kind === 'plain' || kind === 'punct')) prev.text += text;
    else out.push({ kind, text });
  };
  let i = 0;
  const n = src.length;
  let lastSignificant = '';
  while (i < n) {
    const c = src[i]!;
    const next = src[i + 1] ?? '';
    if (c === '/' && next === '/') {
      const end = src.indexOf('\n', i);
      const j = end === -1 ? n : end;
      push('comment', src.slice(i, j));
      i = j;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      const j = end === -1 ? n : end + 2;
      push('comment', src.slice(i, j));
      i = j;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < n && src[j] !== c) {
        if (src[j] === '\\') j++;
        else if (c !== '`' && src[j] === '\n') break;
        j++;
      }
      j = Math.min(n, j + 1);
      push('string', src.slice(i, j));
      lastSignificant = 'x';
      i = j;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(next))) {
      let j = i + 1;
      while (j < n && /[0-9A-Fa-fxob_.n]/.test(src[j]!)) {
        if (src[j] === '.' && !isDigit(src[j + 1] ?? '')) break;
        j++;
      }
      push('number', src.slice(i, j));
      lastSignificant = 'x';
      i = j;
      continue;
    }
    if (isIdStart(c)) {
      let j = i + 1;
      while (j < n && isId(src[j]!)) j++;
      const word = src.slice(i, j);
      let k = j;
      while (k < n && (src[k] === ' ' || src[k] === '\t')) k++;
      let kind: TokenKind;
      if (lastSignificant === '.') kind = src[k] === '(' ? 'function' : 'property';
      else if (KEYWORDS.has(word)) kind = 'keyword';
      else if (LITERALS.has(word)) kind = 'literal';
      else if (TYPES.has(word) || /^[A-Z][a-z0-9]/.test(word)) kind = src[k] === '(' && !/^[A-Z]/.test(word) ? 'function' : 'type';
      else if (src[k] === '(') kind = 'function';
      else kind = 'plain';
      push(kind, word);
      lastSignificant = 'x';
      i = j;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      push('plain', c);
      i++;
      continue;
    }
    push('punct', c);
    lastSignificant = c;
    i++;
  }
  return out;
}

const PY_KEYWORDS = new Set([
  'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
  'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass',
  'raise', 'return', 'try', 'while', 'with', 'yield', 'match', 'case',
]);
const PY_LITERALS = new Set(['True', 'False', 'None', 'self']);
const PY_TYPES = new Set(['int', 'float', 'str', 'bool', 'bytes', 'list', 'dict', 'set', 'tuple', 'object']);
/** A string's prefix: f"…", rb'…' and the like. */
const PY_PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;

/** Splits Python source into tokens; concatenating the tokens' text gives the source back. */
export function tokenizePython(src: string): Token[] {
  const out: Token[] = [];
  const push = (kind: TokenKind, text: string) => {
    const prev = out[out.length - 1];
    if (prev && prev.kind === kind && (kind === 'plain' || kind === 'punct')) prev.text += text;
    else out.push({ kind, text });
  };
  const stringAt = (i: number): number => {
    // The end (exclusive) of the string literal whose quote is at i.
    const q = src[i]!;
    const triple = src.startsWith(q.repeat(3), i);
    const close = triple ? q.repeat(3) : q;
    let j = i + close.length;
    while (j < src.length && !src.startsWith(close, j)) {
      if (src[j] === '\\') j++;
      else if (!triple && src[j] === '\n') return j;
      j++;
    }
    return Math.min(src.length, j + close.length);
  };
  let i = 0;
  const n = src.length;
  let lastSignificant = '';
  while (i < n) {
    const c = src[i]!;
    if (c === '#') {
      const end = src.indexOf('\n', i);
      const j = end === -1 ? n : end;
      push('comment', src.slice(i, j));
      i = j;
      continue;
    }
    if (c === '"' || c === "'") {
      const j = stringAt(i);
      push('string', src.slice(i, j));
      lastSignificant = 'x';
      i = j;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(src[i + 1] ?? ''))) {
      let j = i + 1;
      while (j < n && /[0-9A-Fa-fxob_.jJ]/.test(src[j]!)) {
        if (src[j] === '.' && !isDigit(src[j + 1] ?? '')) break;
        j++;
      }
      push('number', src.slice(i, j));
      lastSignificant = 'x';
      i = j;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_]/.test(src[j]!)) j++;
      const word = src.slice(i, j);
      if (PY_PREFIX.test(word) && (src[j] === '"' || src[j] === "'")) {
        const end = stringAt(j);
        push('string', src.slice(i, end));
        lastSignificant = 'x';
        i = end;
        continue;
      }
      let k = j;
      while (k < n && (src[k] === ' ' || src[k] === '\t')) k++;
      let kind: TokenKind;
      if (lastSignificant === '.') kind = src[k] === '(' ? 'function' : 'property';
      else if (PY_KEYWORDS.has(word)) kind = 'keyword';
      else if (PY_LITERALS.has(word)) kind = 'literal';
      else if (PY_TYPES.has(word) || /^[A-Z][a-z0-9]/.test(word)) kind = 'type';
      else if (src[k] === '(') kind = 'function';
      else kind = 'plain';
      push(kind, word);
      lastSignificant = 'x';
      i = j;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      push('plain', c);
      i++;
      continue;
    }
    push('punct', c);
    lastSignificant = c;
    i++;
  }
  return out;
}

/** The tokens split at newlines: one token list per source line (newlines dropped). */
export function highlightLines(src: string, language: ProgramLanguage = 'typescript'): Token[][] {
  const lines: Token[][] = [[]];
  const text = src.replace(/\r\n/g, '\n');
  for (const tok of language === 'python' ? tokenizePython(text) : tokenize(text)) {
    const parts = tok.text.split('\n');
    parts.forEach((part, idx) => {
      if (idx > 0) lines.push([]);
      if (part) lines[lines.length - 1]!.push({ kind: tok.kind, text: part });
    });
  }
  if (lines.length > 1 && lines[lines.length - 1]!.length === 0) lines.pop();
  return lines;
}
