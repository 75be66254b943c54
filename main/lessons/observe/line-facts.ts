// Facts lessons print as lines ("zombie 4242 state Z parent 4241"), found in a run's output
// whoever printed them: the zombie, orphan and states lessons report what they see of other
// processes this way, and their observations read it back.
import type { LessonEvent } from '../../../shared/lessons.js';
import type { OutputEvent } from './run-queries.js';

export interface LineMatch {
  event: OutputEvent;
  /** The pattern's captures, as numbers where they are numbers (NaN otherwise). */
  nums: number[];
  groups: string[];
}

/** Every output line matching `pattern`, in time order. */
export function matchingLines(events: readonly LessonEvent[], pattern: RegExp): LineMatch[] {
  const found: LineMatch[] = [];
  for (const e of events) {
    if (e.type !== 'output') continue;
    const m = pattern.exec(e.text);
    if (m) found.push({ event: e, groups: m.slice(1), nums: m.slice(1).map(Number) });
  }
  return found;
}

export function firstMatch(events: readonly LessonEvent[], pattern: RegExp, where: (m: LineMatch) => boolean = () => true): LineMatch | undefined {
  return matchingLines(events, pattern).find(where);
}

/** The pid of the reaper a lesson announced ("main: the reaper is pid 1234"), if it did. */
export function announcedReaper(events: readonly LessonEvent[]): number | undefined {
  return firstMatch(events, /^main: the reaper is pid (\d+)/)?.nums[0];
}

/** The note a lesson prints where the OS has no such thing to show (Windows). */
export function unsupportedNote(events: readonly LessonEvent[]): string | undefined {
  return firstMatch(events, /^main: (Windows has no .*)/)?.groups[0];
}
