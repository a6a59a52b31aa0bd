import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ARTICLE_LIMITS, ARTICLE_VISIBILITIES, type Article, type ArticleVisibility } from '../../shared/knowledge/article';
import { Dialog } from '../components/Dialog';
import { DialogActions } from '../components/DialogActions';
import { Field } from '../components/Field';
import { MarkdownView } from './MarkdownView';

/** What the editor hands back: the fields as written (tags as typed, split by the caller). */
export type ArticleDraft = { title: string; body: string; category: string; tags: string; visibility: ArticleVisibility };

export type ArticleEditorDialogProps = {
  /** The article to edit; null for a new one. */
  article: Article | null;
  categories: readonly string[];
  /** Saves the draft; answers the refusal to show, or null once saved. */
  onSave(draft: ArticleDraft): Promise<string | null>;
  onClose(): void;
};

type Problems = Partial<Record<'title' | 'category', 'blank' | 'tooLong'>>;

const problemOf = (value: string, max: number): 'blank' | 'tooLong' | undefined =>
  value.trim() === '' ? 'blank' : [...value.trim()].length > max ? 'tooLong' : undefined;

/** Writes or edits an article, its Markdown with a preview rendered exactly as readers will see it. */
export const ArticleEditorDialog = ({ article, categories, onSave, onClose }: ArticleEditorDialogProps) => {
  const { t } = useTranslation('knowledge');
  const [draft, setDraft] = useState<ArticleDraft>({
    title: article?.title ?? '',
    body: article?.body ?? '',
    category: article?.category ?? '',
    tags: article?.tags.join(', ') ?? '',
    visibility: article?.visibility ?? 'internal',
  });
  const [isPreview, setPreview] = useState(false);
  const [problems, setProblems] = useState<Problems>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const change = (field: keyof ArticleDraft) => (event: { target: { value: string } }) => setDraft({ ...draft, [field]: event.target.value });
  const text = (problem: 'blank' | 'tooLong' | undefined, max: number) =>
    problem === undefined ? undefined : problem === 'blank' ? t('editor.blank') : t('editor.tooLong', { max });
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const found: Problems = {};
    const title = problemOf(draft.title, ARTICLE_LIMITS.title);
    const category = problemOf(draft.category, ARTICLE_LIMITS.category);
    if (title !== undefined) found.title = title;
    if (category !== undefined) found.category = category;
    setProblems(found);
    if (Object.keys(found).length > 0 || isSaving) return;
    setSaving(true);
    const outcome = await onSave(draft);
    setSaving(false);
    setRefusal(outcome);
  };
  return (
    <Dialog title={article === null ? t('editor.newTitle') : t('editor.editTitle')} onClose={onClose} className="dialog-wide">
      <form className="form article-editor" onSubmit={(event) => void save(event)} noValidate>
        <Field label={t('editor.title')} error={text(problems.title, ARTICLE_LIMITS.title)}>
          {(aria) => <input name="title" autoComplete="off" value={draft.title} onChange={change('title')} {...aria} />}
        </Field>
        <div className="form-row">
          <Field label={t('editor.category')} error={text(problems.category, ARTICLE_LIMITS.category)}>
            {(aria) => <input name="category" list="article-categories" autoComplete="off" value={draft.category} onChange={change('category')} {...aria} />}
          </Field>
          <datalist id="article-categories">
            {categories.map((category) => (
              <option key={category} value={category} />
            ))}
          </datalist>
          <Field label={t('editor.tags')}>
            <input name="tags" autoComplete="off" value={draft.tags} onChange={change('tags')} />
          </Field>
          <Field label={t('editor.visibility')}>
            <select name="visibility" value={draft.visibility} onChange={change('visibility')}>
              {ARTICLE_VISIBILITIES.map((visibility) => (
                <option key={visibility} value={visibility}>
                  {t(`visibility.${visibility}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="article-editor-tabs" role="group" aria-label={t('editor.body')}>
          <button type="button" className={isPreview ? 'button small' : 'button small primary'} aria-pressed={!isPreview} onClick={() => setPreview(false)}>
            {t('editor.write')}
          </button>
          <button type="button" className={isPreview ? 'button small primary' : 'button small'} aria-pressed={isPreview} onClick={() => setPreview(true)}>
            {t('editor.preview')}
          </button>
        </div>
        {isPreview ? (
          <section className="article-preview" aria-label={t('editor.preview')}>
            {draft.body.trim() === '' ? <p className="muted">{t('editor.emptyPreview')}</p> : <MarkdownView source={draft.body} />}
          </section>
        ) : (
          <Field label={t('editor.body')}>
            <textarea name="body" rows={14} value={draft.body} onChange={change('body')} />
          </Field>
        )}
        <DialogActions
          refusal={refusal}
          isSaving={isSaving}
          submitLabel={article === null ? t('editor.save') : t('editor.saveChanges')}
          cancelLabel={t('editor.cancel')}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
};
