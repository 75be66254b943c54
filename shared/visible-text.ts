// Names and command lines come from other people's processes: a right-to-left override (U+202E)
// makes "gnp.exe" read as "exe.png", a zero-width space hides a difference, a newline fakes a second
// row. Wherever such text is shown (the page and `procplay ps`), every invisible or control
// character is replaced by a visible escape such as ⟨U+202E⟩. Pure; shared by renderer and CLI.

/** Control (Cc), format (Cf: bidi controls, zero-width characters, tags) and line/paragraph separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const INVISIBLE_ALL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

/** The escape shown for one character: ⟨U+202E⟩. */
export const visibleEscape = (ch: string): string => `⟨U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`;

/** The text with every invisible or control character shown as ⟨U+XXXX⟩; the same string when there is none (the usual case costs one test). */
export function showInvisible(text: string): string {
  return INVISIBLE.test(text) ? text.replace(INVISIBLE_ALL, visibleEscape) : text;
}
