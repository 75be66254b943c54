// The lessons agree with themselves: numbered 1 to 14 once each, and every number a text states
// is the one its checklist checks or its program does.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LESSONS, findLesson } from '../../main/lessons/catalog/index.js';
import { TOGETHER_MAX_MS } from '../../main/lessons/catalog/join-many.js';
import { SERIAL_MIN_MS } from '../../main/lessons/catalog/join-serial.js';
import { CHILD_STAYS_S } from '../../main/lessons/catalog/pid-ppid.js';

const both = (id: string) => {
  const l = findLesson(id)!;
  return { en: [l.explanation.en, ...l.observations.map((o) => o.text.en)].join('\n'), zh: [l.explanation.zh, ...l.observations.map((o) => o.text.zh)].join('\n') };
};

describe('lesson texts', () => {
  it('are numbered 1 to N, once each, in catalogue order', () => {
    expect(LESSONS.map((l) => l.number)).toEqual(LESSONS.map((_, i) => i + 1));
  });

  it('join-many states the bound its checklist checks, in both languages', () => {
    const s = TOGETHER_MAX_MS / 1000;
    const { en, zh } = both('join-many');
    expect(en).toContain(`under ${s} s`);
    expect(zh).toContain(`不到 ${s} 秒`);
    expect(en).not.toMatch(/about one second/);
  });

  it('join-serial states the bound its checklist checks', () => {
    const s = SERIAL_MIN_MS / 1000;
    expect(both('join-serial').en).toContain(`at least ${s} s`);
    expect(both('join-serial').zh).toContain(`至少 ${s} 秒`);
  });

  it('pid-ppid says how long the child stays, as its program does, long enough for the 1 s refresh', () => {
    const program = readFileSync(new URL('../../main/lessons/programs/pid-ppid.ts', import.meta.url), 'utf8');
    const ms = Number(/CHILD_STAYS_MS = (\d+)/.exec(program)?.[1]);
    expect(ms).toBe(CHILD_STAYS_S * 1000);
    expect(ms).toBeGreaterThanOrEqual(2000);
    expect(both('pid-ppid').en).toContain(`stays ${CHILD_STAYS_S} s`);
    expect(both('pid-ppid').zh).toContain(`停留 ${CHILD_STAYS_S} 秒`);
  });
});
