// Remembers the user's UI choices (language, theme, view) in localStorage, tolerating a storage
// that is missing or full (private windows, file:// quirks).

export function loadPref<T>(name: string, valid: (v: unknown) => v is T): T | null {
  try {
    const raw = globalThis.localStorage?.getItem(`procplay.${name}`);
    if (raw === null || raw === undefined) return null;
    const value: unknown = JSON.parse(raw);
    return valid(value) ? value : null;
  } catch {
    return null;
  }
}

export function savePref(name: string, value: unknown): void {
  try {
    globalThis.localStorage?.setItem(`procplay.${name}`, JSON.stringify(value));
  } catch {
    // Not remembered: the choice still applies to this session.
  }
}
