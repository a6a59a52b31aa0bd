import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HELP_LIMITS, type HelpArticleSummary } from '../../shared/knowledge/help';
import { formatDate } from '../../shared/format/dates';
import { searchArticles, type Outcome } from './helpApi';
import { pathOf, type HelpPlace } from './helpPath';
import { RefusalMessage } from './RefusalMessage';

type Props = { q: string; locale: string; onGo: (place: HelpPlace) => void };

/** The search box and what it found; without words, the most recently changed articles. */
export const HelpSearch = ({ q, locale, onGo }: Props) => {
  const { t } = useTranslation('help');
  const [typed, setTyped] = useState(q);
  const [found, setFound] = useState<Outcome<HelpArticleSummary[]> | null>(null);

  useEffect(() => {
    // The page keys this view by what it shows, so a new one starts empty.
    let isCurrent = true;
    void searchArticles(q).then((outcome) => {
      if (isCurrent) setFound(outcome);
    });
    return () => {
      isCurrent = false;
    };
  }, [q]);

  const hasWords = q.trim() !== '';
  return (
    <>
      <form
        className="track-form"
        role="search"
        aria-label={t('searchLabel')}
        onSubmit={(event) => {
          event.preventDefault();
          onGo({ kind: 'search', q: typed });
        }}
      >
        <label htmlFor="help-q" className="track-label">
          {t('searchLabel')}
        </label>
        <div className="track-row">
          <input
            id="help-q"
            name="q"
            type="search"
            className="track-input help-input"
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            placeholder={t('searchPlaceholder')}
            maxLength={HELP_LIMITS.query}
            autoComplete="off"
          />
          <button type="submit" className="track-primary" disabled={found === null}>
            {found === null ? t('searching') : t('search')}
          </button>
        </div>
      </form>
      <section aria-labelledby="help-results-heading" aria-live="polite" data-testid="help-results">
        <h2 id="help-results-heading" className="help-results-title">
          {hasWords ? t('resultsTitle', { q: q.trim() }) : t('recentTitle')}
        </h2>
        {found?.kind === 'ok' && found.value.length === 0 && <p className="track-muted">{hasWords ? t('noResults', { q: q.trim() }) : t('noArticles')}</p>}
        {found !== null && found.kind !== 'ok' && <RefusalMessage refusal={found} />}
        {found?.kind === 'ok' && found.value.length > 0 && (
          <ol className="help-results">
            {found.value.map((article) => (
              <li key={article.id} className="help-result">
                <a
                  href={pathOf({ kind: 'article', id: article.id })}
                  className="help-result-title"
                  onClick={(event) => {
                    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
                    event.preventDefault();
                    onGo({ kind: 'article', id: article.id });
                  }}
                >
                  {article.title}
                </a>
                <p className="help-result-meta">
                  <span>{article.category}</span> · <span>{t('updated', { date: formatDate(article.updatedAt, locale) })}</span>
                </p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </>
  );
};
