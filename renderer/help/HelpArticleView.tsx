import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HelpArticle } from '../../shared/knowledge/help';
import { formatDate } from '../../shared/format/dates';
import { MarkdownView } from '../knowledge/MarkdownView';
import { readArticle, type Outcome } from './helpApi';
import type { HelpPlace } from './helpPath';
import { HelpFeedback } from './HelpFeedback';
import { RefusalMessage } from './RefusalMessage';

type Props = { id: string; locale: string; onGo: (place: HelpPlace) => void };

/** One article, its Markdown through the same safe renderer as the console's, and the question under it. */
export const HelpArticleView = ({ id, locale, onGo }: Props) => {
  const { t } = useTranslation('help');
  const [found, setFound] = useState<Outcome<HelpArticle> | null>(null);

  useEffect(() => {
    // The page keys this view by what it shows, so a new one starts empty.
    let isCurrent = true;
    void readArticle(id).then((outcome) => {
      if (isCurrent) setFound(outcome);
    });
    return () => {
      isCurrent = false;
    };
  }, [id]);

  useEffect(() => {
    if (found?.kind === 'ok') document.title = `${found.value.title} · Meja`;
  }, [found]);

  return (
    <>
      <p>
        <a
          href="/help"
          className="help-back"
          onClick={(event) => {
            if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
            event.preventDefault();
            onGo({ kind: 'search', q: '' });
          }}
        >
          ← {t('back')}
        </a>
      </p>
      {found === null && <p className="track-muted">{t('loading')}</p>}
      {found !== null && found.kind !== 'ok' && <RefusalMessage refusal={found} />}
      {found?.kind === 'ok' && (
        <article className="track-card help-article" aria-labelledby="help-article-title" data-testid="help-article">
          <h1 id="help-article-title">{found.value.title}</h1>
          <p className="help-result-meta">
            <span>{found.value.category}</span> · <span>{t('updated', { date: formatDate(found.value.updatedAt, locale) })}</span>
          </p>
          <MarkdownView source={found.value.body} />
          <HelpFeedback key={found.value.id} articleId={found.value.id} />
        </article>
      )}
    </>
  );
};
