import './knowledge.css';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Article } from '../../shared/knowledge/article';
import { MarkdownView } from './MarkdownView';

export type ArticleSuggestionsProps = {
  /** Best first (shared/knowledge/suggest.ts). */
  suggestions: readonly Article[];
  /** Whether the form holds any word the suggestions count. */
  hasWords: boolean;
};

/**
 * Beside the new-ticket and call form: the published articles that best match what is typed. A
 * click reads one here, beside the form, which keeps everything typed; Back returns to the list.
 */
export const ArticleSuggestions = ({ suggestions, hasWords }: ArticleSuggestionsProps) => {
  const { t } = useTranslation('knowledge');
  const headingId = useId();
  const [openId, setOpenId] = useState<string | null>(null);
  // The one being read stays open while it is still suggested (the list follows the typing).
  const open = suggestions.find((article) => article.id === openId) ?? null;
  return (
    <section className="article-suggestions" aria-labelledby={headingId} data-testid="article-suggestions">
      <h3 id={headingId}>{t('suggestions.title')}</h3>
      {open !== null ? (
        <div className="article-suggestion-reader" data-testid="article-suggestion-reader">
          <button type="button" className="button small" onClick={() => setOpenId(null)}>
            ← {t('suggestions.back')}
          </button>
          <h4>{open.title}</h4>
          <MarkdownView source={open.body} label={open.title} />
        </div>
      ) : !hasWords ? (
        <p className="muted">{t('suggestions.hint')}</p>
      ) : suggestions.length === 0 ? (
        <p className="muted" role="status">
          {t('suggestions.none')}
        </p>
      ) : (
        <ol className="article-suggestion-list" aria-label={t('suggestions.title')}>
          {suggestions.map((article) => (
            <li key={article.id}>
              <button
                type="button"
                className="article-suggestion"
                aria-label={t('suggestions.read', { title: article.title })}
                onClick={() => setOpenId(article.id)}
              >
                <span className="article-suggestion-title">{article.title}</span>
                <span className="muted">{article.category}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
};
