// One colour per process of a run, the same in the console, on the timeline and in the diagrams:
// the n-th process seen gets the n-th hue (a golden-angle walk, so neighbours differ). Pure.
import type { LessonEvent } from '../../../shared/lessons.js';

/** Hue (0–359) of the n-th process. */
export function hueFor(index: number): number {
  return Math.round((212 + index * 137.508) % 360);
}

/** Hue per pid, by order of first appearance in the events (sorted or not: time decides). */
export function pidHues(events: readonly LessonEvent[]): Map<number, number> {
  const first = new Map<number, number>();
  for (const e of events) {
    if (e.type === 'observation' || e.type === 'run-end') continue;
    const seen = first.get(e.pid);
    if (seen === undefined || e.t < seen) first.set(e.pid, e.t);
  }
  const order = [...first.entries()].sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  return new Map(order.map(([pid], i) => [pid, hueFor(i)]));
}
