// The shell parent and child the zombie and orphan lessons start under their subreaper, as the
// parent announced them ("parent 4241: started child 4242"); both lessons' observations begin here.
import { FAMILY_LINE } from '../../../shared/lesson-lines.js';
import { failed, notYet, type RunFacts, type Verdict } from './observation.js';
import { firstMatch, unsupportedNote } from './line-facts.js';


export interface Family {
  parent: number;
  child: number;
}

/** Who the parent and its child are, as the parent said; or the verdict while unknown. */
export function shellFamily(facts: RunFacts): Family | Verdict | null {
  const said = firstMatch(facts.events, FAMILY_LINE);
  if (said) return { parent: said.nums[0]!, child: said.nums[1]! };
  const note = unsupportedNote(facts.events);
  if (note && facts.ended) return failed({ en: note, zh: `本课在 Windows 上无法演示，程序只说明了原因：${note}` });
  return notYet(facts, { en: 'the parent never said which child it started', zh: '父进程始终没有说出它启动了哪个子进程' });
}

export const isFamily = (f: Family | Verdict | null): f is Family => f !== null && 'child' in f;
