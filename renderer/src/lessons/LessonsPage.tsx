// Placeholder Lessons tab (the lessons engineer replaces this file): lists the lessons from
// lesson.list with their titles in the current language.
//
// Contract with App (keep it when replacing this file):
//   api            the ApiClient (lesson.list / lesson.run / lesson.stop / lesson.runs, 'lesson.event')
//   lang           the UI language ('en' | 'zh'); UI text via useI18n() from ../i18n/i18n-context.js
//   snapshot       the latest process snapshot (null before the first one)
//   onShowProcess  switches to the Monitor tab with that pid selected and its details open
//   onHighlight    optional: marks pids in the monitor (a dot and a tinted row); pass [] to clear
import { useEffect, useState } from 'react';
import type { ApiClient } from '../../../shared/api.js';
import type { Lang, LessonMeta } from '../../../shared/lessons.js';
import type { Snapshot } from '../../../shared/process.js';
import { useI18n } from '../i18n/i18n-context.js';

export interface LessonsPageProps {
  api: ApiClient;
  lang: Lang;
  snapshot: Snapshot | null;
  onShowProcess(pid: number): void;
  onHighlight?(pids: readonly number[]): void;
}

export function LessonsPage({ api, lang }: LessonsPageProps) {
  const { t } = useI18n();
  const [lessons, setLessons] = useState<LessonMeta[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    api
      .call('lesson.list', {})
      .then((list) => live && setLessons([...list].sort((a, b) => a.number - b.number)))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [api]);

  return (
    <div className="lessons-page" data-testid="lessons-page">
      <h2>{t('lessons.title')}</h2>
      {error && <p className="notice error">{t('lessons.error', { message: error })}</p>}
      {!error && lessons === null && <p className="dim">{t('lessons.loading')}</p>}
      {lessons?.length === 0 && <p className="dim">{t('lessons.empty')}</p>}
      {lessons && lessons.length > 0 && (
        <ol className="lesson-list">
          {lessons.map((l) => (
            <li key={l.id} data-testid={`lesson-${l.id}`}>
              <span className="lesson-number mono">{l.number}</span>
              <span className="lesson-title">{l.title[lang]}</span>
              {l.endless && <span className="dim small">{t('lessons.endless')}</span>}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
