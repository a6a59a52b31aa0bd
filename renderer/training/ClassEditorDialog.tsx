import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicUser } from '../../shared/domain/records';
import type { Article } from '../../shared/knowledge/article';
import { CLASS_LIMITS } from '../../shared/training/trainingClass';
import { Dialog } from '../components/Dialog';
import { DialogActions } from '../components/DialogActions';
import { Field } from '../components/Field';
import { checkDraft, type ClassDraft, type ClassFields, type DraftProblem, type DraftProblems } from './classDraft';

export type ClassEditorDialogProps = {
  /** True when editing a class that exists; false for a new one. */
  isEdit: boolean;
  initial: ClassDraft;
  /** Set when the attendees were suggested from the statistics. */
  isSuggested: boolean;
  categories: readonly string[];
  trainers: readonly PublicUser[];
  articles: readonly Article[];
  /** Saves the fields; answers the refusal to show, or null once saved. */
  onSave(fields: ClassFields): Promise<string | null>;
  onClose(): void;
};

const LIMIT_OF = {
  title: CLASS_LIMITS.title,
  topic: CLASS_LIMITS.topic,
  place: CLASS_LIMITS.place,
  durationMinutes: CLASS_LIMITS.durationMinutes,
  attendees: CLASS_LIMITS.attendees,
} as const;

const toggle = (list: readonly string[], id: string): string[] => (list.includes(id) ? list.filter((item) => item !== id) : [...list, id]);

/** Plans or edits a class: its fields, trainers and materials to tick, and the invited requesters by name and contact. */
export const ClassEditorDialog = ({ isEdit, initial, isSuggested, categories, trainers, articles, onSave, onClose }: ClassEditorDialogProps) => {
  const { t } = useTranslation('classes');
  const [draft, setDraft] = useState<ClassDraft>(initial);
  const [problems, setProblems] = useState<DraftProblems>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const change = (field: 'title' | 'topic' | 'startsAt' | 'durationMinutes' | 'place') => (event: { target: { value: string } }) =>
    setDraft({ ...draft, [field]: event.target.value });
  const problemText = (field: keyof DraftProblems): string | undefined => {
    const problem: DraftProblem | undefined = problems[field];
    if (problem === undefined) return undefined;
    const max = field in LIMIT_OF ? LIMIT_OF[field as keyof typeof LIMIT_OF] : 0;
    return t(`editor.problem.${problem}`, { max });
  };
  const setAttendee = (index: number, part: 'name' | 'contact', value: string) =>
    setDraft({ ...draft, attendees: draft.attendees.map((a, i) => (i === index ? { ...a, [part]: value } : a)) });
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkDraft(draft);
    setProblems(checked.ok ? {} : checked.problems);
    if (!checked.ok || isSaving) return;
    setSaving(true);
    const outcome = await onSave(checked.fields);
    setSaving(false);
    setRefusal(outcome);
  };
  return (
    <Dialog title={isEdit ? t('editor.editTitle') : t('editor.newTitle')} onClose={onClose} className="dialog-wide">
      <form className="form class-editor" onSubmit={(event) => void save(event)} noValidate>
        <Field label={t('editor.title')} error={problemText('title')}>
          {(aria) => <input name="title" autoComplete="off" value={draft.title} onChange={change('title')} {...aria} />}
        </Field>
        <div className="form-row">
          <Field label={t('editor.topic')} error={problemText('topic')}>
            {(aria) => <input name="topic" list="class-topics" autoComplete="off" value={draft.topic} onChange={change('topic')} {...aria} />}
          </Field>
          <datalist id="class-topics">
            {categories.map((category) => (
              <option key={category} value={category} />
            ))}
          </datalist>
          <Field label={t('editor.startsAt')} error={problemText('startsAt')}>
            {(aria) => <input name="startsAt" type="datetime-local" value={draft.startsAt} onChange={change('startsAt')} {...aria} />}
          </Field>
          <Field label={t('editor.durationMinutes')} error={problemText('durationMinutes')}>
            {(aria) => (
              <input
                name="durationMinutes"
                type="number"
                min={1}
                max={CLASS_LIMITS.durationMinutes}
                value={draft.durationMinutes}
                onChange={change('durationMinutes')}
                {...aria}
              />
            )}
          </Field>
        </div>
        <Field label={t('editor.place')} error={problemText('place')}>
          {(aria) => <input name="place" autoComplete="off" value={draft.place} onChange={change('place')} {...aria} />}
        </Field>
        <div className="form-row class-choices">
          <fieldset className="class-choice" aria-describedby={problems.trainerIds === undefined ? undefined : 'class-trainers-error'}>
            <legend>{t('editor.trainers')}</legend>
            {trainers.map((user) => (
              <label key={user.id} className="check">
                <input
                  type="checkbox"
                  checked={draft.trainerIds.includes(user.id)}
                  onChange={() => setDraft({ ...draft, trainerIds: toggle(draft.trainerIds, user.id) })}
                />{' '}
                {user.displayName}
              </label>
            ))}
            {problems.trainerIds !== undefined && (
              <span id="class-trainers-error" className="field-error" role="alert">
                {problemText('trainerIds')}
              </span>
            )}
          </fieldset>
          <fieldset className="class-choice">
            <legend>{t('editor.materials')}</legend>
            {articles.length === 0 && <p className="muted">{t('editor.noArticles')}</p>}
            {articles.map((article) => (
              <label key={article.id} className="check">
                <input
                  type="checkbox"
                  checked={draft.materials.includes(article.id)}
                  onChange={() => setDraft({ ...draft, materials: toggle(draft.materials, article.id) })}
                />{' '}
                {article.title}
              </label>
            ))}
          </fieldset>
        </div>
        <fieldset className="class-attendees">
          <legend>{t('editor.attendees')}</legend>
          {isSuggested && <p className="muted">{t('editor.suggested')}</p>}
          {draft.attendees.map((attendee, index) => {
            const n = index + 1;
            return (
              <div key={index} className="class-attendee-row">
                <input
                  aria-label={t('editor.attendeeName', { n })}
                  autoComplete="off"
                  value={attendee.name}
                  onChange={(event) => setAttendee(index, 'name', event.target.value)}
                />
                <input
                  aria-label={t('editor.attendeeContact', { n })}
                  autoComplete="off"
                  value={attendee.contact}
                  onChange={(event) => setAttendee(index, 'contact', event.target.value)}
                />
                <button
                  type="button"
                  className="button small"
                  aria-label={t('editor.removeAttendee', { n })}
                  onClick={() => setDraft({ ...draft, attendees: draft.attendees.filter((_, i) => i !== index) })}
                >
                  ×
                </button>
              </div>
            );
          })}
          {problems.attendees !== undefined && (
            <span className="field-error" role="alert">
              {problemText('attendees')}
            </span>
          )}
          <button type="button" className="button small" onClick={() => setDraft({ ...draft, attendees: [...draft.attendees, { name: '', contact: '' }] })}>
            {t('editor.addAttendee')}
          </button>
        </fieldset>
        <DialogActions
          refusal={refusal}
          isSaving={isSaving}
          submitLabel={isEdit ? t('editor.saveChanges') : t('editor.save')}
          cancelLabel={t('editor.cancel')}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  );
};
