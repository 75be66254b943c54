// Tiny runtime checkers for untrusted input (IPC and WebSocket messages).
// Each checker returns the typed value or throws an InputError naming the bad field.

export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export type Check<T> = (value: unknown, path: string) => T;

const describe = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `the text ${JSON.stringify(v.slice(0, 40))}` : typeof v;

export const num = (min = -Infinity, max = Infinity): Check<number> => (v, path) => {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new InputError(`${path} must be a number, got ${describe(v)}`);
  if (v < min || v > max) throw new InputError(`${path} must be between ${min} and ${max}, got ${v}`);
  return v;
};

export const int = (min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): Check<number> => (v, path) => {
  const n = num(min, max)(v, path);
  if (!Number.isInteger(n)) throw new InputError(`${path} must be a whole number, got ${n}`);
  return n;
};

export const bool: Check<boolean> = (v, path) => {
  if (typeof v !== 'boolean') throw new InputError(`${path} must be true or false, got ${describe(v)}`);
  return v;
};

export const str = (maxLength = 4096): Check<string> => (v, path) => {
  if (typeof v !== 'string') throw new InputError(`${path} must be text, got ${describe(v)}`);
  if (v.length > maxLength) throw new InputError(`${path} is too long (${v.length} > ${maxLength} characters)`);
  return v;
};

export const oneOf = <T extends string>(...choices: readonly T[]): Check<T> => (v, path) => {
  if (typeof v !== 'string' || !(choices as readonly string[]).includes(v))
    throw new InputError(`${path} must be one of ${choices.join(', ')}, got ${describe(v)}`);
  return v as T;
};

/** Accepts anything: for fields whose meaning is checked by the service itself (e.g. a pid to refuse clearly). */
export const unknownValue: Check<unknown> = (v) => v;

export const arrayOf = <T>(item: Check<T>, maxItems = 1000): Check<T[]> => (v, path) => {
  if (!Array.isArray(v)) throw new InputError(`${path} must be a list, got ${describe(v)}`);
  if (v.length > maxItems) throw new InputError(`${path} has too many items (${v.length} > ${maxItems})`);
  return v.map((x, i) => item(x, `${path}[${i}]`));
};

const OPTIONAL = Symbol('optional');
export type Optional<T> = Check<T | undefined> & { [OPTIONAL]: true };
export const optional = <T>(inner: Check<T>): Optional<T> => {
  const c = ((v: unknown, path: string) => (v === undefined ? undefined : inner(v, path))) as Optional<T>;
  c[OPTIONAL] = true;
  return c;
};

type Shape = Record<string, Check<unknown>>;
type FromShape<S extends Shape> = { [K in keyof S as S[K] extends Optional<unknown> ? never : K]: ReturnType<S[K]> } & {
  [K in keyof S as S[K] extends Optional<unknown> ? K : never]?: Exclude<ReturnType<S[K]>, undefined>;
};

/** A plain object with exactly these fields (unknown fields are refused, so typos are caught). */
export const obj = <S extends Shape>(shape: S): Check<FromShape<S>> => (v, path) => {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new InputError(`${path} must be an object, got ${describe(v)}`);
  const rec = v as Record<string, unknown>;
  for (const key of Object.keys(rec)) {
    if (!Object.prototype.hasOwnProperty.call(shape, key)) throw new InputError(`${path} has an unknown field "${key.slice(0, 40)}"`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(shape)) {
    const value = check(rec[key], `${path}.${key}`);
    if (value !== undefined) out[key] = value;
  }
  return out as FromShape<S>;
};
