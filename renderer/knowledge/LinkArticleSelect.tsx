import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import type { Article } from '../../shared/knowledge/article';
import { useWorkspace } from '../app/useWorkspace';

const NO_ARTICLES: readonly Article[] = [];

/** The link a public note carries to a public article: its page on /help, which /track shows as a link. */
export const helpArticlePath = (articleId: string): string => `/help/${encodeURIComponent(articleId)}`;

/**
 * "Link article" in a public note's form: the published public articles (the only ones a caller can
 * open), by title; choosing one gives its /help link to insert.
 */
export const LinkArticleSelect = ({ onInsert }: { onInsert(text: string): void }) => {
  const { t, i18n } = useTranslation('knowledge');
  const workspace = useWorkspace();
  const articles =
    useLiveQuery(
      () =>
        workspace.db.articles
          .filter((article) => article.status === 'published' && article.visibility === 'public')
          .toArray()
          .then((found) => found.sort((a, b) => a.title.localeCompare(b.title, i18n.language))),
      [workspace.db, i18n.language],
    ) ?? NO_ARTICLES;
  return (
    <select
      aria-label={t('noteLink.label')}
      value=""
      onChange={(event) => {
        if (event.target.value !== '') onInsert(helpArticlePath(event.target.value));
      }}
    >
      <option value="">{t('noteLink.choose')}</option>
      {articles.map((article) => (
        <option key={article.id} value={article.id}>
          {article.title}
        </option>
      ))}
    </select>
  );
};
