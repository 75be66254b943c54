// The shell parent and child the zombie and orphan lessons start under their subreaper, as the
// parent announced them ("parent 4241: started child 4242"); both lessons' observations begin here.
import { failed, notYet, type RunFacts, type Verdict } from './observation.js';
import { firstMatch, unsupportedNote } from './line-facts.js';

const FAMILY = /^parent (\d+): started child (\d+)/;

export interface Family {
  parent: number;
  child: number;
}

/** Who the parent and its child are, as the parent said; or the verdict while unknown. */
export function shellFamily(facts: RunFacts): Family | Verdict | null {
  const said = firstMatch(facts.events, FAMILY);
  if (said) return { parent: said.nums[0]!, child: said.nums[1]! };
  const note = unsupportedNote(facts.events);
  if (note && facts.ended) return failed(note);
  return notYet(facts, 'the parent never said which child it started');
}

export const isFamily = (f: Family | Verdict | null): f is Family => f !== null && 'child' in f;
