// A per-connection budget of requests per second: a flood gets error replies, a sustained flood
// closes the connection, and neither reaches a handler (so no signal is sent on a flood).
export const SOFT_LIMIT_PER_SEC = 500;
export const HARD_LIMIT_PER_SEC = 5_000;

export class RequestRateLimit {
  /** The first request opens the first window (the clock is monotonic: it may start near 0). */
  private windowStartMs = Number.NEGATIVE_INFINITY;
  private count = 0;

  take(nowMs: number): 'ok' | 'reject' | 'close' {
    if (nowMs - this.windowStartMs >= 1000) {
      this.windowStartMs = nowMs;
      this.count = 0;
    }
    this.count++;
    if (this.count > HARD_LIMIT_PER_SEC) return 'close';
    if (this.count > SOFT_LIMIT_PER_SEC) return 'reject';
    return 'ok';
  }
}
