// Maps uids to user names from /etc/passwd, the way ps does for local users. Parsed once: the
// file rarely changes, and a uid missing from it is shown as its number (as ps does too).
import fs from 'node:fs';

/** Parses passwd(5) text into uid → name. Malformed lines are ignored; the first entry of a uid wins. */
export function parsePasswd(text: string): Map<number, string> {
  const names = new Map<number, string>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const fields = line.split(':');
    if (fields.length < 3 || !fields[0]) continue;
    const uid = Number(fields[2]);
    if (Number.isInteger(uid) && uid >= 0 && !names.has(uid)) names.set(uid, fields[0]);
  }
  return names;
}

/** Reads /etc/passwd once (lazily) and answers uid → name, falling back to the uid as text. */
export function createUserNames(passwdPath = '/etc/passwd'): (uid: number) => string {
  let names: Map<number, string> | null = null;
  return (uid) => {
    if (!names) {
      try {
        names = parsePasswd(fs.readFileSync(passwdPath, 'utf8'));
      } catch {
        names = new Map();
      }
    }
    return names.get(uid) ?? String(uid);
  };
}
