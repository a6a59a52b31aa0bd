import './knowledge.css';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { restoreArgs, type Article, type ArticleVersion } from '../../shared/knowledge/article';
import { randomUuid } from '../../shared/platform';
import type { Result } from '../../shared/result';
import { useWorkspace } from '../app/useWorkspace';
import { useUsers } from '../sync/liveData';
import type { ArticleDraft } from './ArticleEditorDialog';
import { parseTags } from './articleSearch';
import { KnowledgeView } from './KnowledgeView';

const NO_ARTICLES: readonly Article[] = [];
const NO_VERSIONS: readonly ArticleVersion[] = [];

/** The header button that opens the knowledge base (everyone). */
export const KnowledgeButton = ({ isOpen, onToggle }: { isOpen: boolean; onToggle(): void }) => {
  const { t } = useTranslation('knowledge');
  return (
    <button type="button" className={isOpen ? 'button primary' : 'button'} aria-pressed={isOpen} onClick={onToggle} aria-keyshortcuts="b">
      {t('open')} <kbd>B</kbd>
    </button>
  );
};

/** The view in place of the queue: articles and the chosen one's history from the cache, each change a mutation through the workspace. */
export const KnowledgePanel = ({ onClose }: { onClose(): void }) => {
  const workspace = useWorkspace();
  const { i18n } = useTranslation('knowledge');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const articles = useLiveQuery(() => workspace.db.articles.toArray(), [workspace.db]) ?? NO_ARTICLES;
  const versions =
    useLiveQuery(
      async (): Promise<readonly ArticleVersion[]> =>
        selectedId === null
          ? NO_VERSIONS
          : await workspace.db.articleVersions.where('[articleId+version]').between([selectedId, 0], [selectedId, Number.MAX_SAFE_INTEGER]).toArray(),
      [workspace.db, selectedId],
    ) ?? NO_VERSIONS;
  const users = useUsers(workspace.db);
  const outcome = (result: Result<unknown>): string | null => (result.ok ? null : result.error.message);
  const fields = (draft: ArticleDraft) => ({
    title: draft.title,
    body: draft.body,
    category: draft.category,
    tags: parseTags(draft.tags),
    visibility: draft.visibility,
  });
  return (
    <KnowledgeView
      articles={articles}
      selectedId={selectedId}
      versions={versions}
      nameOf={(id) => users.get(id)?.displayName ?? null}
      locale={i18n.language}
      onSelect={setSelectedId}
      onCreate={async (draft) => {
        const id = randomUuid();
        const result = await workspace.run('article:create', { id, ...fields(draft) });
        if (result.ok) setSelectedId(id);
        return outcome(result);
      }}
      // Every field as written: the rule keeps only what differs, and refuses it all if the article moved on meanwhile.
      onUpdate={async (article, draft) => outcome(await workspace.run('article:update', { id: article.id, baseVersion: article.version, ...fields(draft) }))}
      onPublish={async (article) => outcome(await workspace.run('article:publish', { id: article.id }))}
      onRestore={async (article, version) => {
        const args = restoreArgs(article, version);
        return args === null ? null : outcome(await workspace.run('article:update', args));
      }}
      onClose={onClose}
    />
  );
};
