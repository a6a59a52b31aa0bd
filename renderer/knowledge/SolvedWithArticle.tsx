import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { allowedTransitions } from '../../shared/domain/status';
import type { Ticket } from '../../shared/domain/ticket';
import type { Article } from '../../shared/knowledge/article';
import { useWorkspace } from '../app/useWorkspace';
import { Dialog } from '../components/Dialog';
import { findArticles } from './articleSearch';
import { setSolvedWithArticleTarget } from './solvedWithArticleTarget';

const NO_ARTICLES: readonly Article[] = [];

/** Whether "Solved with article" also resolves the ticket: when it is not resolved yet and may be. */
export const resolvesWithArticle = (ticket: Pick<Ticket, 'status'>): boolean =>
  ticket.status !== 'resolved' && allowedTransitions(ticket.status).includes('resolved');

/**
 * "Solved with article" on a ticket (key `w`, the palette too): pick a published article, link it to
 * the ticket (`ticket:linkArticle`, an event on its timeline) and, if the ticket is not resolved yet,
 * resolve it in the same action with the article named in the resolution. Both go through the
 * outbox like every edit, so this works offline.
 */
export const SolvedWithArticle = ({ ticket }: { ticket: Ticket }) => {
  const { t, i18n } = useTranslation('knowledge');
  const workspace = useWorkspace();
  const [isOpen, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [cursor, setCursor] = useState(0);
  const [message, setMessage] = useState<{ text: string; isError: boolean } | null>(null);
  const articles = useLiveQuery(() => workspace.db.articles.filter((article) => article.status === 'published').toArray(), [workspace.db]) ?? NO_ARTICLES;
  const found = useMemo(() => findArticles(articles, query, null, i18n.language).slice(0, 20), [articles, query, i18n.language]);
  const willResolve = resolvesWithArticle(ticket);

  useEffect(() => setSolvedWithArticleTarget({ openPicker: () => setOpen(true) }), []);

  const close = () => {
    setOpen(false);
    setQuery('');
    setCursor(0);
  };

  const pick = async (article: Article) => {
    close();
    const linked = await workspace.run('ticket:linkArticle', { ticketId: ticket.id, articleId: article.id });
    if (!linked.ok) {
      setMessage({ text: linked.error.message, isError: true });
      return;
    }
    if (!willResolve) {
      setMessage({ text: t('solvedWith.done', { title: article.title }), isError: false });
      return;
    }
    const resolved = await workspace.run('ticket:transition', {
      id: ticket.id,
      from: ticket.status,
      to: 'resolved',
      resolution: t('solvedWith.resolution', { title: article.title }),
    });
    setMessage(
      resolved.ok ? { text: t('solvedWith.doneResolved', { title: article.title }), isError: false } : { text: resolved.error.message, isError: true },
    );
  };

  return (
    <div className="solved-with-article">
      <button type="button" className="button" aria-keyshortcuts="w" onClick={() => setOpen(true)}>
        {t('solvedWith.open')}
      </button>
      {message !== null && (
        <p className={message.isError ? 'form-error' : 'muted'} role={message.isError ? 'alert' : 'status'} data-testid="solved-with-message">
          {message.text}
        </p>
      )}
      {isOpen && (
        <Dialog title={t('solvedWith.title')} onClose={close}>
          <div className="form">
            <input
              type="search"
              aria-label={t('solvedWith.search')}
              placeholder={t('solvedWith.search')}
              value={query}
              onChange={(event) => {
                setQuery(event.target.value);
                setCursor(0);
              }}
              onKeyDown={(event) => {
                if (event.key === 'ArrowDown') setCursor((at) => Math.min(at + 1, Math.max(found.length - 1, 0)));
                else if (event.key === 'ArrowUp') setCursor((at) => Math.max(at - 1, 0));
                else if (event.key === 'Enter') {
                  const chosen = found[cursor];
                  if (chosen !== undefined) void pick(chosen);
                } else return;
                event.preventDefault();
              }}
            />
            <p className="muted">{willResolve ? t('solvedWith.resolves') : t('solvedWith.linksOnly')}</p>
            {found.length === 0 ? (
              <p className="muted" role="status">
                {t('solvedWith.none')}
              </p>
            ) : (
              <ul className="article-suggestion-list" aria-label={t('solvedWith.title')}>
                {found.map((article, index) => (
                  <li key={article.id}>
                    <button
                      type="button"
                      className="article-suggestion"
                      aria-current={index === cursor}
                      aria-label={t('solvedWith.pick', { title: article.title })}
                      onClick={() => void pick(article)}
                    >
                      <span className="article-suggestion-title">{article.title}</span>
                      <span className="muted">{article.category}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </div>
        </Dialog>
      )}
    </div>
  );
};
