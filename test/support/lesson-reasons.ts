// A verdict's reason comes in both languages: the Chinese one must be there, be Chinese (not the
// English copied), and carry the same facts: the same numbers (pids, seconds, counts).
import { expect } from 'vitest';
import type { Text } from '../../shared/i18n.js';

/** The numbers in a text, sorted ("pid 4242 … at 1.2 s" → ["1.2", "4242"]). */
export const numbersIn = (text: string): string[] => (text.match(/\d+(?:\.\d+)?/g) ?? []).sort();

export function expectBilingualReason(reason: Text, where = ''): void {
  expect(reason.en, where).toBeTruthy();
  expect(reason.zh.trim(), where).not.toBe('');
  expect(reason.zh, where).not.toBe(reason.en);
  expect(reason.zh, where).toMatch(/[\u4e00-\u9fff]/);
  expect(numbersIn(reason.zh), `${where}: ${reason.en} | ${reason.zh}`).toEqual(numbersIn(reason.en));
}
