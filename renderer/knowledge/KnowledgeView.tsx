import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Article, ArticleVersion } from '../../shared/knowledge/article';
import { formatDateTime } from '../../shared/format/dates';
import { useEscapeBack } from '../components/useEscapeBack';
import { ArticleEditorDialog, type ArticleDraft } from './ArticleEditorDialog';
import { articleCategories, findArticles } from './articleSearch';
import { MarkdownView } from './MarkdownView';
import { ViewTop } from '../components/ViewTop';

export type KnowledgeViewProps = {
  articles: readonly Article[];
  selectedId: string | null;
  /** The selected article's versions, oldest first. */
  versions: readonly ArticleVersion[];
  nameOf(userId: string): string | null;
  locale: string;
  onSelect(id: string): void;
  /** Each answers the refusal to show, or null once done. */
  onCreate(draft: ArticleDraft): Promise<string | null>;
  onUpdate(article: Article, draft: ArticleDraft): Promise<string | null>;
  onPublish(article: Article): Promise<string | null>;
  onRestore(article: Article, version: ArticleVersion): Promise<string | null>;
  onClose(): void;
};

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; article: Article };

/**
 * The knowledge base in place of the queue: search and a category filter over every article the
 * cache holds, the chosen one read as its readers see it, and writing, publishing and restoring,
 * each a synced mutation (offline too).
 */
export const KnowledgeView = (props: KnowledgeViewProps) => {
  const { articles, selectedId, versions, nameOf, locale, onSelect, onClose } = props;
  const { t } = useTranslation('knowledge');
  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [isHistoryOpen, setHistoryOpen] = useState(false);
  const [reading, setReading] = useState<ArticleVersion | null>(null);
  const [notice, setNotice] = useState<{ ok: boolean; text: string } | null>(null);
  useEscapeBack(onClose);
  const shown = findArticles(articles, query, category, locale);
  const selected = articles.find((article) => article.id === selectedId) ?? null;
  const name = (id: string) => nameOf(id) ?? t('unknownUser');
  const report = (outcome: string | null, success: string) => setNotice(outcome === null ? { ok: true, text: success } : { ok: false, text: outcome });
  const save = async (draft: ArticleDraft): Promise<string | null> => {
    const outcome = editing.kind === 'edit' ? await props.onUpdate(editing.article, draft) : await props.onCreate(draft);
    if (outcome === null) {
      setEditing({ kind: 'none' });
      report(null, t('saved', { title: draft.title.trim() }));
    }
    return outcome;
  };
  return (
    <section className="knowledge-view" aria-labelledby="knowledge-title">
      <ViewTop area="knowledge" title={t('title')} closeLabel={t('close')} onClose={onClose}>
        <button type="button" className="button primary" onClick={() => setEditing({ kind: 'new' })}>
          {t('newArticle')}
        </button>
      </ViewTop>
      {notice !== null && (
        <p className={notice.ok ? 'knowledge-banner ok' : 'knowledge-banner error'} role={notice.ok ? 'status' : 'alert'}>
          {notice.text}
        </p>
      )}
      <div className="knowledge-body">
        <div className="knowledge-list-pane">
          <label className="field">
            <span>{t('search')}</span>
            <input type="search" value={query} placeholder={t('searchPlaceholder')} onChange={(event) => setQuery(event.target.value)} />
          </label>
          <label className="field">
            <span>{t('category')}</span>
            <select value={category ?? ''} onChange={(event) => setCategory(event.target.value === '' ? null : event.target.value)}>
              <option value="">{t('allCategories')}</option>
              {articleCategories(articles, locale).map((item) => (
                <option key={item} value={item}>
                  {item}
                </option>
              ))}
            </select>
          </label>
          {shown.length === 0 ? (
            <p className="empty">{t('empty')}</p>
          ) : (
            <ul className="knowledge-list" aria-label={t('listLabel')}>
              {shown.map((article) => (
                <li key={article.id}>
                  <button
                    type="button"
                    className={article.id === selectedId ? 'knowledge-item selected' : 'knowledge-item'}
                    aria-current={article.id === selectedId ? 'true' : undefined}
                    onClick={() => {
                      onSelect(article.id);
                      setReading(null);
                    }}
                  >
                    <span className="knowledge-item-title">{article.title}</span>
                    <span className="muted">
                      {article.category} · {t(`status.${article.status}`)} · {t(`visibility.${article.visibility}`)}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        <article className="knowledge-reader" aria-label={selected?.title ?? t('pick')}>
          {selected === null ? (
            <p className="muted">{t('pick')}</p>
          ) : (
            <>
              <h3>{reading?.title ?? selected.title}</h3>
              <p className="muted">
                <span className={`badge ${selected.status}`}>{t(`status.${selected.status}`)}</span>{' '}
                <span className="badge">{t(`visibility.${selected.visibility}`)}</span>{' '}
                {t('meta', { version: selected.version, name: name(selected.updatedBy), when: formatDateTime(selected.updatedAt, locale) })}
                {selected.tags.length > 0 && <> · {selected.tags.join(', ')}</>}
              </p>
              <div className="knowledge-actions">
                <button type="button" className="button small" onClick={() => setEditing({ kind: 'edit', article: selected })}>
                  {t('edit')}
                </button>
                {selected.status === 'draft' && (
                  <button
                    type="button"
                    className="button small primary"
                    onClick={() => void props.onPublish(selected).then((outcome) => report(outcome, t('published', { title: selected.title })))}
                  >
                    {t('publish')}
                  </button>
                )}
                <button type="button" className="button small" aria-expanded={isHistoryOpen} onClick={() => setHistoryOpen(!isHistoryOpen)}>
                  {isHistoryOpen ? t('hideHistory') : t('history')}
                </button>
              </div>
              {reading !== null && <p className="knowledge-banner">{t('version.read', { version: reading.version })}</p>}
              <MarkdownView source={reading?.body ?? selected.body} />
              {isHistoryOpen && (
                <ol className="knowledge-history" aria-label={t('history')}>
                  {[...versions].reverse().map((version) => (
                    <li key={version.id}>
                      <span>
                        {t('version.line', {
                          version: version.version,
                          change: version.change === 'restored' ? t('version.restored', { from: version.restoredFrom }) : t(`version.${version.change}`),
                          name: name(version.actorId),
                          when: formatDateTime(version.at, locale),
                        })}
                      </span>
                      {version.changed.length > 0 && (
                        <span className="muted"> · {t('version.changed', { fields: version.changed.map((field) => t(`field.${field}`)).join(', ') })}</span>
                      )}
                      <span className="knowledge-history-actions">
                        <button type="button" className="button small" onClick={() => setReading(version.version === selected.version ? null : version)}>
                          {t('version.read', { version: version.version })}
                        </button>
                        {version.version < selected.version && (
                          <button
                            type="button"
                            className="button small"
                            onClick={() =>
                              void props.onRestore(selected, version).then((outcome) => {
                                setReading(null);
                                report(outcome, t('restored', { version: version.version, title: selected.title }));
                              })
                            }
                          >
                            {t('version.restore', { version: version.version })}
                          </button>
                        )}
                      </span>
                    </li>
                  ))}
                </ol>
              )}
            </>
          )}
        </article>
      </div>
      {editing.kind !== 'none' && (
        <ArticleEditorDialog
          article={editing.kind === 'edit' ? editing.article : null}
          categories={articleCategories(articles, locale)}
          onSave={save}
          onClose={() => setEditing({ kind: 'none' })}
        />
      )}
    </section>
  );
};
