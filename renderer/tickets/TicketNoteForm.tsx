import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoteVisibility } from '../../shared/domain/records';
import { Field } from '../components/Field';
import type { TicketActionHandlers } from './TicketActions';

export type NoteFormProps = { onAdd: TicketActionHandlers['addNote'] };

const PUBLIC_HINT_ID = 'note-public-hint';

/**
 * Adds an internal (staff only) or public (caller-visible) note; Alt+N jumps to it, Ctrl+Enter adds
 * it. Every note starts internal, also the one after a public note: what the caller reads is
 * chosen each time, and said on the form while it is chosen.
 */
export const NoteForm = ({ onAdd }: NoteFormProps) => {
  const { t } = useTranslation('ticket');
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<NoteVisibility>('internal');
  const [refusal, setRefusal] = useState<string | null>(null);
  const textarea = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.code !== 'KeyN') return;
      event.preventDefault();
      textarea.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    const outcome = await onAdd(body, visibility);
    setRefusal(outcome);
    if (outcome === null) {
      setBody('');
      setVisibility('internal');
    }
  };
  const isPublic = visibility === 'public';
  return (
    <form className={isPublic ? 'form note-form is-public' : 'form note-form'} onSubmit={(event) => void submit(event)} aria-label={t('form.noteForm')}>
      <Field label={t('form.note')}>
        <textarea
          ref={textarea}
          name="note"
          rows={3}
          value={body}
          aria-keyshortcuts="Alt+N"
          onChange={(e) => setBody(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
          }}
          placeholder={t('form.notePlaceholder')}
        />
      </Field>
      <div className="form-actions">
        <select
          name="visibility"
          aria-label={t('form.visibility')}
          aria-describedby={isPublic ? PUBLIC_HINT_ID : undefined}
          value={visibility}
          onChange={(e) => setVisibility(e.target.value === 'public' ? 'public' : 'internal')}
        >
          <option value="internal">{t('form.internal')}</option>
          <option value="public">{t('form.public')}</option>
        </select>
        {isPublic && (
          <span className="note-public-hint" id={PUBLIC_HINT_ID} data-testid="note-public-hint">
            {t('form.publicHint')}
          </span>
        )}
        <button type="submit" className="button primary">
          {t('form.addNote')}
        </button>
      </div>
      {refusal !== null && (
        <p className="form-error" role="alert">
          {refusal}
        </p>
      )}
    </form>
  );
};
