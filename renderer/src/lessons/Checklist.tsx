// The observation checklist: ○ pending, ✓ held (green), ✗ did not hold, with the reason (red).
import type { Lang } from '../../../shared/i18n.js';
import { useStrings } from '../i18n/i18n-context.js';
import { LESSON_STRINGS } from '../i18n/lesson-strings.js';
import type { ChecklistItem } from './observations.js';
import { LessonText } from './LessonText.js';
import { stamp } from '../ui/time-scale.js';

const MARK = { pending: '○', ok: '✓', failed: '✗' } as const;

/** `lang` is the lesson text's language (the lesson's own switch), which may differ from the UI's. */
export function Checklist({ items, lang, running }: { items: readonly ChecklistItem[]; lang: Lang; running: boolean }) {
  const t = useStrings(LESSON_STRINGS);
  return (
    <ul className="checklist" data-testid="lesson-checklist">
      {items.map((o) => (
        <li key={o.id} className={`obs obs-${o.status}${running && o.status === 'pending' ? ' live' : ''}`} data-testid={`observation-${o.id}`} data-status={o.status}>
          <span className="obs-mark" aria-hidden="true">{MARK[o.status]}</span>
          <div className="obs-body">
            <div className="obs-text">
              <LessonText text={o.text[lang]} inline />
              <span className="sr-only"> — {t(`obs.${o.status}`)}</span>
            </div>
            {o.reason && (
              <div className="obs-reason">
                {o.reason[lang]}
                {o.t !== null && <span className="obs-time mono"> {stamp(o.t)}</span>}
              </div>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
