import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoteVisibility } from '../../shared/domain/records';
import { Field } from '../components/Field';
import type { TicketActionHandlers } from './TicketActions';

export type NoteFormProps = { onAdd: TicketActionHandlers['addNote'] };

/** Adds an internal (staff only) or public (caller-visible) note; Alt+N jumps to it, Ctrl+Enter adds it. */
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
    if (outcome === null) setBody('');
  };
  return (
    <form className="form note-form" onSubmit={(event) => void submit(event)} aria-label={t('form.noteForm')}>
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
        <select name="visibility" aria-label={t('form.visibility')} value={visibility} onChange={(e) => setVisibility(e.target.value === 'public' ? 'public' : 'internal')}>
          <option value="internal">{t('form.internal')}</option>
          <option value="public">{t('form.public')}</option>
        </select>
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
