import { describe, expect, it } from 'vitest';
import { en, zh } from '../../renderer/src/i18n/strings.js';
import { detectLang, fillTemplate, makeTranslate } from '../../renderer/src/i18n/translate.js';

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('follows the preferred language: any Chinese variant gives zh, else en', () => {
    expect(detectLang(['zh-CN'])).toBe('zh');
    expect(detectLang(['zh-Hant-TW', 'en'])).toBe('zh');
    expect(detectLang(['en-GB', 'zh-CN'])).toBe('en');
    expect(detectLang(['fr-FR', 'zh'])).toBe('zh');
    expect(detectLang(['de'])).toBe('en');
    expect(detectLang([])).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fillTemplate('{shown} of {total}', { shown: '3', total: '1,045' })).toBe('3 of 1,045');
    expect(fillTemplate('hi {who}', {})).toBe('hi {who}');
    expect(makeTranslate('zh')('toolbar.count', { shown: 1, total: 2 })).toBe('1 / 2');
  });

  it('has every English string in Chinese, non-empty, with the same placeholders', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(zh[key], key).toBeTruthy();
      expect(placeholders(zh[key]), key).toEqual(placeholders(en[key]));
    }
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });
});
