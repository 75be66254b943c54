// The head-and-tail buffer (a long run keeps its beginning and its end) and the exit-code
// explanations (0, 1, 2, 126, 127 and 128 + N for every signal N from 1 to 31).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { explainExit, LINUX_SIGNALS } from '../../shared/exit-codes.js';
import { HeadTailBuffer } from '../../shared/head-tail.js';

describe('head-and-tail buffer', () => {
  it('keeps the first and the last items with the count of those between', () => {
    const b = new HeadTailBuffer<number>({ headItems: 3, tailItems: 2, headBytes: 1e9, tailBytes: 1e9 });
    for (let i = 1; i <= 10; i++) b.push(i);
    expect(b.headItems()).toEqual([1, 2, 3]);
    expect(b.tailItems()).toEqual([9, 10]);
    expect(b.skippedItems).toBe(5);
    expect(b.view((n) => `… ${n} skipped …`)).toEqual([1, 2, 3, '… 5 skipped …', 9, 10]);
    expect(b.total).toBe(10);
  });
  it('has no gap while everything fits', () => {
    const b = new HeadTailBuffer<string>({ headItems: 2, tailItems: 5, headBytes: 1e9, tailBytes: 1e9 });
    ['a', 'b', 'c'].forEach((x) => b.push(x));
    expect(b.view(() => 'gap')).toEqual(['a', 'b', 'c']);
    expect(b.skippedItems).toBe(0);
  });
  it('caps bytes too: the head closes at its byte cap, the tail keeps at least the newest item', () => {
    const b = new HeadTailBuffer<string>({ headItems: 100, tailItems: 100, headBytes: 10, tailBytes: 10 });
    b.push('a', 6);
    b.push('b', 6); // would pass the head's cap: the head closes
    b.push('c', 1); // fits the head's bytes, but the head stays closed (no holes in the beginning)
    b.push('huge', 50);
    expect(b.headItems()).toEqual(['a']);
    expect(b.tailItems()).toEqual(['huge']);
    expect([b.skippedItems, b.skippedBytes]).toEqual([2, 7]);
  });
  it('refuses a tail of no items', () => {
    expect(() => new HeadTailBuffer({ headItems: 1, tailItems: 0, headBytes: 1, tailBytes: 1 })).toThrow(RangeError);
  });
  it('for any stream: head is the first items, tail the last, and kept + skipped = total', () => {
    fc.assert(
      fc.property(fc.nat(40), fc.integer({ min: 1, max: 40 }), fc.nat(3000), (head, tail, n) => {
        const b = new HeadTailBuffer<number>({ headItems: head, tailItems: tail, headBytes: Infinity, tailBytes: Infinity });
        for (let i = 0; i < n; i++) b.push(i);
        const h = b.headItems();
        const t = b.tailItems();
        expect(h).toEqual(Array.from({ length: Math.min(head, n) }, (_, i) => i));
        expect(t).toEqual(Array.from({ length: Math.min(tail, Math.max(0, n - head)) }, (_, i) => n - Math.min(tail, Math.max(0, n - head)) + i));
        expect(h.length + t.length + b.skippedItems).toBe(n);
      }),
      { numRuns: 200 },
    );
  });
});

describe('exit-code explanations', () => {
  it('explains 0, 1, 2, 126 and 127 in both languages', () => {
    expect(explainExit(0, null, 'en')).toMatchObject({ headline: 'exit code 0', tone: 'ok' });
    expect(explainExit(0, null, 'en').detail).toMatch(/Success/);
    expect(explainExit(1, null, 'en').detail).toMatch(/general failure/);
    expect(explainExit(2, null, 'en').detail).toMatch(/Misuse/);
    expect(explainExit(126, null, 'en').detail).toMatch(/could not be executed/);
    expect(explainExit(127, null, 'en').detail).toMatch(/could not find the command/);
    expect(explainExit(127, null, 'zh')).toMatchObject({ headline: '退出码 127' });
    expect(explainExit(3, null, 'en').detail).toMatch(/up to the program/);
    expect(explainExit(255, null, 'en').tone).toBe('error');
    expect(explainExit(null, null, 'en').tone).toBe('unknown');
  });
  it('explains 128 + N as "ended by signal N" for every N from 1 to 31', () => {
    for (let n = 1; n <= 31; n++) {
      const name = LINUX_SIGNALS[n]!;
      const en = explainExit(128 + n, null, 'en');
      expect(en.headline).toBe(`exit code ${128 + n} = 128 + ${n} (${name})`);
      expect(en.detail).toContain(`signal ${n} (${name})`);
      expect(en.tone).toBe('signal');
      const zh = explainExit(128 + n, null, 'zh');
      expect(zh.headline).toBe(`退出码 ${128 + n} = 128 + ${n} (${name})`);
      expect(zh.detail).toContain(`信号 ${n}（${name}）`);
    }
    expect(explainExit(143, null, 'en').detail).toMatch(/SIGTERM.*request to end/);
    expect(explainExit(137, null, 'en').detail).toMatch(/SIGKILL.*kill -9/);
    expect(explainExit(130, null, 'en').detail).toMatch(/Ctrl\+C/);
  });
  it('explains an ending by signal with the exit code a shell would report', () => {
    const e = explainExit(null, 'SIGTERM', 'en');
    expect(e).toMatchObject({ headline: 'ended by SIGTERM', tone: 'signal' });
    expect(e.detail).toContain('exit code 143 (128 + 15)');
    expect(explainExit(null, 'SIGSEGV', 'zh').detail).toContain('退出码 139（128 + 11）');
    expect(explainExit(null, 'SIGWHATEVER', 'en').detail).toBe('Signal SIGWHATEVER: a signal the program did not handle.');
  });
});
