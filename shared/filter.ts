// The filter language of the monitor's filter box and `procplay ps --filter`, one parser for both:
//   word          case-insensitive substring of pid, ppid, user, name or command (2935 finds 29353, as grep)
//   field:value   pid, ppid, port (exact numbers); user, name, cmd (substring); state (letters, e.g. state:ZT)
//   /regex/       a case-insensitive regular expression on pid, ppid, user, name or command
//   field:/re/    a regular expression on one field
//   !term         negation;  "two words"  a quoted phrase;  several terms are ANDed
// A malformed term (a bad regex, pid:abc) is reported with a message instead of matching nothing. Pure.
import type { ProcInfo } from './process.js';

export const FILTER_FIELDS = ['pid', 'ppid', 'user', 'state', 'name', 'cmd', 'port'] as const;
export type FilterField = (typeof FILTER_FIELDS)[number];

export type FilterTerm =
  | { negate: boolean; kind: 'word'; text: string }
  | { negate: boolean; kind: 'regex'; re: RegExp; field: FilterField | null }
  | { negate: boolean; kind: 'field'; field: FilterField; value: string };

export type ParsedFilter = { ok: true; terms: FilterTerm[]; needsPorts: boolean } | { ok: false; error: string };

/** Listening ports of a process, where known (the CLI and the UI fetch them only when a port: term is used). */
export interface FilterContext {
  portsOf?(pid: number): readonly number[] | undefined;
}

const NUMERIC: ReadonlySet<FilterField> = new Set(['pid', 'ppid', 'port']);
const isField = (s: string): s is FilterField => (FILTER_FIELDS as readonly string[]).includes(s);

/** Splits the text into raw tokens, keeping /regex with spaces/ and "quoted phrases" whole. */
function tokenize(text: string): { tokens: string[] } | { error: string } {
  const tokens: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i])) {
      i++;
      continue;
    }
    let tok = '';
    while (i < text.length && !/\s/.test(text[i])) {
      const c = text[i];
      if (c === '/' || c === '"') {
        // Only at the start of a term or of a field's value: "a/b/c" stays a plain word.
        const atValueStart = tok === '' || tok === '!' || /^!?\w+:$/.test(tok);
        if (atValueStart) {
          let j = i + 1;
          while (j < text.length && text[j] !== c) j += text[j] === '\\' && c === '/' ? 2 : 1;
          if (j >= text.length) return { error: c === '/' ? `the regular expression ${text.slice(i)} is not closed with /` : `the quote ${text.slice(i)} is not closed` };
          tok += text.slice(i, j + 1);
          i = j + 1;
          continue;
        }
      }
      tok += c;
      i++;
    }
    tokens.push(tok);
  }
  return { tokens };
}

function regex(source: string): RegExp | string {
  if (source === '') return 'an empty regular expression // matches everything: remove it';
  try {
    return new RegExp(source, 'i');
  } catch (err) {
    return `bad regular expression /${source}/: ${(err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '')}`;
  }
}

const unquote = (s: string): string => (s.length >= 2 && s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s);

export function parseFilter(text: string): ParsedFilter {
  const split = tokenize(text);
  if ('error' in split) return { ok: false, error: split.error };
  const terms: FilterTerm[] = [];
  for (const raw of split.tokens) {
    const negate = raw.startsWith('!') && raw.length > 1;
    const body = negate ? raw.slice(1) : raw;
    const m = /^(\w+):(.*)$/.exec(body);
    if (m && isField(m[1].toLowerCase())) {
      const field = m[1].toLowerCase() as FilterField;
      const value = m[2];
      if (value === '') return { ok: false, error: `${field}: needs a value, e.g. ${field}:${NUMERIC.has(field) ? '8080' : field === 'state' ? 'Z' : 'python'}` };
      if (value.length >= 2 && value.startsWith('/') && value.endsWith('/')) {
        const re = regex(value.slice(1, -1));
        if (typeof re === 'string') return { ok: false, error: re };
        terms.push({ negate, kind: 'regex', re, field });
        continue;
      }
      const v = unquote(value);
      if (NUMERIC.has(field) && !/^\d+$/.test(v)) return { ok: false, error: `${field}: needs a number, got "${v.slice(0, 40)}"` };
      terms.push({ negate, kind: 'field', field, value: field === 'state' ? v : v.toLowerCase() });
      continue;
    }
    if (body.length >= 2 && body.startsWith('/') && body.endsWith('/')) {
      const re = regex(body.slice(1, -1));
      if (typeof re === 'string') return { ok: false, error: re };
      terms.push({ negate, kind: 'regex', re, field: null });
      continue;
    }
    terms.push({ negate, kind: 'word', text: unquote(body).toLowerCase() });
  }
  return { ok: true, terms, needsPorts: terms.some((t) => t.kind !== 'word' && t.field === 'port') };
}

function fieldText(p: ProcInfo, field: Exclude<FilterField, 'port'>): string {
  switch (field) {
    case 'pid': return String(p.pid);
    case 'ppid': return String(p.ppid);
    case 'user': return p.user;
    case 'state': return p.state;
    case 'name': return p.name;
    case 'cmd': return p.command;
  }
}

const ANY_FIELDS: readonly Exclude<FilterField, 'port'>[] = ['pid', 'ppid', 'user', 'name', 'cmd'];

/** state:ZT matches Z or T; a lowercase letter also matches its uppercase state (z → Z), except t, which is a state itself. */
function stateMatches(state: string, letters: string): boolean {
  for (const c of letters) if (c === state || (c !== 't' && c.toUpperCase() === state)) return true;
  return false;
}

function termMatches(p: ProcInfo, t: FilterTerm, ctx: FilterContext): boolean {
  switch (t.kind) {
    case 'word':
      return ANY_FIELDS.some((f) => fieldText(p, f).toLowerCase().includes(t.text));
    case 'regex':
      if (t.field === 'port') return (ctx.portsOf?.(p.pid) ?? []).some((port) => t.re.test(String(port)));
      return (t.field ? [t.field] : ANY_FIELDS).some((f) => t.re.test(fieldText(p, f)));
    case 'field':
      switch (t.field) {
        case 'pid': return p.pid === Number(t.value);
        case 'ppid': return p.ppid === Number(t.value);
        case 'port': return (ctx.portsOf?.(p.pid) ?? []).includes(Number(t.value));
        case 'state': return stateMatches(p.state, t.value);
        default: return fieldText(p, t.field).toLowerCase().includes(t.value);
      }
  }
}

/** True when the process matches every term (the empty filter matches everything). */
export function matchesTerms(p: ProcInfo, terms: readonly FilterTerm[], ctx: FilterContext = {}): boolean {
  for (const t of terms) if (termMatches(p, t, ctx) === t.negate) return false;
  return true;
}

/** Parses and applies a filter: the matching processes, or the parse error. */
export function applyFilter(list: readonly ProcInfo[], text: string, ctx: FilterContext = {}): { ok: true; list: ProcInfo[] } | { ok: false; error: string } {
  const parsed = parseFilter(text);
  if (!parsed.ok) return parsed;
  return { ok: true, list: parsed.terms.length ? list.filter((p) => matchesTerms(p, parsed.terms, ctx)) : [...list] };
}
