import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PublicHeader } from '../components/PublicHeader';
import { localeFor } from '../track/format';
import { HelpArticleView } from './HelpArticleView';
import { pathOf, placeOf, type HelpPlace } from './helpPath';
import { HelpSearch } from './HelpSearch';

const currentPlace = (): HelpPlace => placeOf(window.location.pathname, window.location.search);

/** The whole self-help page: search and results at /help, an article at /help/<id>; Back and Forward move between them. */
export const HelpPage = () => {
  const { t, i18n } = useTranslation('help');
  const [place, setPlace] = useState<HelpPlace>(currentPlace);

  useEffect(() => {
    const onPop = () => setPlace(currentPlace());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);

  const go = useCallback((next: HelpPlace) => {
    window.history.pushState(null, '', pathOf(next));
    setPlace(next);
    window.scrollTo(0, 0);
  }, []);

  useEffect(() => {
    if (place.kind === 'search') document.title = `${t('pageTitle')} · Meja`;
  }, [place, t, i18n.language]);

  const locale = localeFor(i18n.language, navigator.languages);
  return (
    <div className="track-shell">
      <PublicHeader languageLabel={t('languageLabel')} />
      <main className="track-main">
        {place.kind === 'search' ? (
          <>
            <h1>{t('pageTitle')}</h1>
            <p className="track-intro">{t('intro')}</p>
            <HelpSearch key={place.q} q={place.q} locale={locale} onGo={go} />
          </>
        ) : (
          <HelpArticleView key={place.id} id={place.id} locale={locale} onGo={go} />
        )}
        <p className="track-footnote">
          {t('trackLead')}{' '}
          <a href="/track" data-testid="help-track-link">
            {t('trackLink')}
          </a>
        </p>
      </main>
    </div>
  );
};
