// What the lesson and playground run stores share. A run's events reach the page twice: in its
// known history (lesson.runs, playground.runs: every event so far) and on the live stream. An
// event is kept as many times as the larger of its two counts (a multiset union): one seen both
// ways is kept once, two identical lines printed twice are kept twice.

/** Per event key, how often it came live and how often the history holds it. */
export type SeenCounts = Map<string, { live: number; known: number }>;

/** Counts one live event; true when it is new (seen more often live than the history holds it). */
export function countLive(seen: SeenCounts, key: string): boolean {
  const s = seen.get(key) ?? { live: 0, known: 0 };
  seen.set(key, { live: s.live + 1, known: s.known });
  return s.live + 1 > s.known;
}

/** Counts an event the history holds `n` times; returns how many copies the page lacks of it. */
export function countKnown(seen: SeenCounts, key: string, n: number): number {
  const s = seen.get(key) ?? { live: 0, known: 0 };
  const had = Math.max(s.live, s.known);
  const known = Math.max(s.known, n);
  seen.set(key, { live: s.live, known });
  return Math.max(0, Math.max(s.live, known) - had);
}

/** The run's run-end event, if it came (searched from the end: it is the last or nearly). */
export function runEndOf<E extends { type: string }>(events: readonly E[]): Extract<E, { type: 'run-end' }> | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === 'run-end') return e as Extract<E, { type: 'run-end' }>;
  }
  return null;
}
