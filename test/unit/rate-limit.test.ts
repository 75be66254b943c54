// The per-connection request budget, on the monotonic clock (which starts near 0 in a new process).
import { describe, expect, it } from 'vitest';
import { HARD_LIMIT_PER_SEC, RequestRateLimit, SOFT_LIMIT_PER_SEC } from '../../main/web/rate-limit.js';

describe('RequestRateLimit', () => {
  it('opens its first window at the first request, even in a process younger than a second', () => {
    const limit = new RequestRateLimit();
    let ok = 0;
    // A flood from 900 ms to 1,100 ms of the process's life: one window, one budget.
    for (let i = 0; i < 2000; i++) if (limit.take(900 + i * 0.1) === 'ok') ok++;
    expect(ok).toBe(SOFT_LIMIT_PER_SEC);
    // A second later, a new budget.
    expect(limit.take(1900)).toBe('ok');
  });

  it('closes past the hard limit within one window', () => {
    const limit = new RequestRateLimit();
    const verdicts = Array.from({ length: HARD_LIMIT_PER_SEC + 1 }, () => limit.take(5));
    expect(verdicts.at(-1)).toBe('close');
    expect(verdicts.filter((v) => v === 'ok')).toHaveLength(SOFT_LIMIT_PER_SEC);
  });
});
