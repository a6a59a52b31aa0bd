import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CannedReply } from '../../shared/domain/records';
import { REPLY_PLACEHOLDERS, unknownPlaceholders, type ReplyPlaceholder } from '../../shared/domain/replyTemplate';
import { Dialog } from '../components/Dialog';
import { DialogActions } from '../components/DialogActions';
import { Field } from '../components/Field';
import { insertAt } from './insertText';
import { replyDraftProblems, type DraftProblem, type DraftProblems } from './replyDraft';

/** i18next reads dots as nesting: the meanings are kept under these keys. */
const MEANING_KEYS = {
  'caller.name': 'callerName',
  'ticket.code': 'ticketCode',
  'ticket.title': 'ticketTitle',
  'technician.name': 'technicianName',
} as const satisfies Record<ReplyPlaceholder, string>;

const written = (name: string): string => `{{${name}}}`;

export type ReplyEditorDialogProps = {
  /** The reply to edit; null for a new one. */
  reply: CannedReply | null;
  /** Saves the title and text; answers the refusal to show, or null once saved. */
  onSave(title: string, body: string): Promise<string | null>;
  onClose(): void;
};

/**
 * Writes or edits a canned reply. The placeholders are offered as buttons that put them in at the
 * cursor; anything written like a placeholder that is none is flagged, since it would reach the
 * note as written.
 */
export const ReplyEditorDialog = ({ reply, onSave, onClose }: ReplyEditorDialogProps) => {
  const { t } = useTranslation('replies');
  const [title, setTitle] = useState(reply?.title ?? '');
  const [body, setBody] = useState(reply?.body ?? '');
  const [problems, setProblems] = useState<DraftProblems>({});
  const [refusal, setRefusal] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const textarea = useRef<HTMLTextAreaElement>(null);
  const unknown = unknownPlaceholders(body);
  const problemText = (problem: DraftProblem | undefined): string | undefined => {
    if (problem === undefined) return undefined;
    if (problem.kind === 'blank') return t('editor.blank');
    if (problem.kind === 'tooLong') return t('editor.tooLong', { max: problem.max });
    return problem.message;
  };
  const insertPlaceholder = (name: ReplyPlaceholder) => {
    const area = textarea.current;
    const inserted = insertAt(body, area?.selectionStart ?? body.length, area?.selectionEnd ?? body.length, written(name));
    setBody(inserted.text);
    // After React has rendered the new text: the cursor goes just after the placeholder.
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(inserted.cursor, inserted.cursor);
    });
  };
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const found = replyDraftProblems(title, body);
    setProblems(found);
    if (Object.keys(found).length > 0 || isSaving) return;
    setSaving(true);
    const outcome = await onSave(title, body);
    setSaving(false);
    setRefusal(outcome);
  };
  return (
    <Dialog title={reply === null ? t('editor.newTitle') : t('editor.editTitle')} onClose={onClose} className="dialog-wide">
      <form className="form reply-editor" onSubmit={(event) => void save(event)} noValidate>
        <Field label={t('editor.title')} error={problemText(problems.title)}>
          {(aria) => <input name="title" autoComplete="off" value={title} onChange={(e) => setTitle(e.target.value)} {...aria} />}
        </Field>
        <Field label={t('editor.body')} error={problemText(problems.body)}>
          {(aria) => <textarea ref={textarea} name="body" rows={8} value={body} onChange={(e) => setBody(e.target.value)} {...aria} />}
        </Field>
        <p className="reply-placeholders">
          <span className="muted">{t('editor.placeholders')}</span>
          {REPLY_PLACEHOLDERS.map((name) => (
            <button
              key={name}
              type="button"
              className="button small"
              aria-label={t('editor.insert', { placeholder: written(name), meaning: t(`meaning.${MEANING_KEYS[name]}`) })}
              title={t(`meaning.${MEANING_KEYS[name]}`)}
              onClick={() => insertPlaceholder(name)}
            >
              <code>{written(name)}</code>
            </button>
          ))}
        </p>
        {unknown.length > 0 && (
          <p className="reply-unknown" role="status" data-testid="reply-unknown">
            {t('editor.unknown', { list: unknown.map(written).join(', ') })}
          </p>
        )}
        <DialogActions refusal={refusal} isSaving={isSaving} submitLabel={t('editor.save')} cancelLabel={t('editor.cancel')} onCancel={onClose} />
      </form>
    </Dialog>
  );
};
