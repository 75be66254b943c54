// The observation checklist of a run: each of the lesson's observations pending, held or failed
// (with the runner's reason). Pure.
import type { LessonEvent, ObservationMeta } from '../../../shared/lessons.js';
import type { Text } from '../../../shared/i18n.js';

export type ObservationStatus = 'pending' | 'ok' | 'failed';

export interface ChecklistItem {
  id: string;
  text: Text;
  status: ObservationStatus;
  /** The runner's reason in both languages (the checklist shows the UI's). */
  reason: Text | null;
  t: number | null;
}

export function checklist(observations: readonly ObservationMeta[], events: readonly LessonEvent[]): ChecklistItem[] {
  const verdicts = new Map<string, Extract<LessonEvent, { type: 'observation' }>>();
  for (const e of events) if (e.type === 'observation' && !verdicts.has(e.id)) verdicts.set(e.id, e);
  return observations.map((o) => {
    const v = verdicts.get(o.id);
    return v
      ? { id: o.id, text: o.text, status: v.ok ? 'ok' : 'failed', reason: v.reason, t: v.t }
      : { id: o.id, text: o.text, status: 'pending', reason: null, t: null };
  });
}

export function summary(items: readonly ChecklistItem[]): { ok: number; failed: number; pending: number } {
  const s = { ok: 0, failed: 0, pending: 0 };
  for (const i of items) s[i.status]++;
  return s;
}
