// Shown instead of the app in web mode when this browser holds no token for this address, or the
// server refused the one it kept: one short page saying which URL to open. Rendered without the API.
import { useEffect } from 'react';
import { I18nContext, i18nFor } from '../i18n/i18n-context.js';
import { initialLang } from '../i18n/initial-lang.js';

export function TokenHelp({ reason }: { reason: 'missing' | 'refused' }) {
  const lang = initialLang();
  const i18n = i18nFor(lang);
  const { t } = i18n;
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('app.title');
  }, [lang, t]);
  return (
    <I18nContext.Provider value={i18n}>
      <div className="token-help" role="alert" data-testid="token-help" data-reason={reason}>
        <h1>{t('token.title')}</h1>
        <p>{t(reason === 'missing' ? 'token.missing' : 'token.refused')}</p>
        <p>{t('token.how')}</p>
      </div>
    </I18nContext.Provider>
  );
}
