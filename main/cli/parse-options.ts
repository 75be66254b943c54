// Options of the long-running commands (web, serve) through Node's util.parseArgs, with its
// errors said the way every procplay command says them: `unknown option "--x"`, `--x needs a value`.
import { parseArgs, type ParseArgsConfig } from 'node:util';

type StringOptions = Record<string, { type: 'string' }>;

/** Parses `--name value` options (all string-valued, no positionals); throws a one-line message. */
export function parseStringOptions<O extends StringOptions>(argv: readonly string[], options: O, usage: string): Partial<Record<keyof O, string>> {
  try {
    const { values } = parseArgs({ args: [...argv], options: options as ParseArgsConfig['options'], strict: true, allowPositionals: false });
    return values as Partial<Record<keyof O, string>>;
  } catch (err) {
    const e = err as Error & { code?: string };
    const flag = /'(-[^' ]+)/.exec(e.message)?.[1] ?? /"(-[^" ]+)"/.exec(e.message)?.[1];
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new Error(`unknown option "${flag ?? e.message}"\n${usage}`, { cause: err });
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new Error(`${flag?.split(' ')[0] ?? 'an option'} needs a value`, { cause: err });
    if (e.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new Error(`unexpected argument: ${e.message.replace(/^.*?'([^']*)'.*$/s, '$1')}\n${usage}`, { cause: err });
    throw err;
  }
}

/** A TCP port given on the command line: 0 (any free one) to 65535. */
export function portOption(flag: string, v: string): number {
  if (!/^\d+$/.test(v) || Number(v) > 65535) throw new Error(`${flag} must be a number from 0 to 65535, got "${v}"`);
  return Number(v);
}
