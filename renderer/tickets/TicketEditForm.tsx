import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MutationArgsMap } from '../../shared/domain/mutationArgs';
import { DEFAULT_CATEGORIES, PRIORITIES, type Ticket } from '../../shared/domain/ticket';
import { Field } from '../components/Field';
import { editFieldsOf, editArgs, type TicketEditFields } from './ticketEdit';
import { priorityLabel } from './ticketLabels';

export type TicketEditFormProps = {
  ticket: Pick<Ticket, 'id' | 'title' | 'description' | 'category' | 'priority'>;
  /** Called with the changed fields only; the form closes once the caller has applied them. */
  onSave(args: MutationArgsMap['ticket:update']): Promise<void>;
  onCancel(): void;
};

/** Title, description, category and priority, prefilled; only what changed is sent. */
export const TicketEditForm = ({ ticket, onSave, onCancel }: TicketEditFormProps) => {
  const { t } = useTranslation('ticket');
  const [draft, setDraft] = useState<TicketEditFields>(() => editFieldsOf(ticket));
  const categoriesId = useId();
  const set = <K extends keyof TicketEditFields>(key: K, value: TicketEditFields[K]) => setDraft((current) => ({ ...current, [key]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const args = editArgs(ticket, draft);
    if (args === null) onCancel();
    else void onSave(args);
  };
  return (
    <form
      className="form inline-form"
      onSubmit={submit}
      aria-label={t('form.editForm')}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        event.stopPropagation();
        onCancel();
      }}
    >
      <Field label={t('form.title')}>
        <input name="title" autoFocus value={draft.title} onChange={(e) => set('title', e.target.value)} />
      </Field>
      <Field label={t('form.description')}>
        <textarea name="description" rows={3} value={draft.description} onChange={(e) => set('description', e.target.value)} />
      </Field>
      <div className="form-row">
        <Field label={t('form.category')} className="grow">
          <input name="category" list={categoriesId} value={draft.category} onChange={(e) => set('category', e.target.value)} />
        </Field>
        <datalist id={categoriesId}>
          {DEFAULT_CATEGORIES.map((category) => (
            <option key={category} value={category} />
          ))}
        </datalist>
        <Field label={t('form.priority')}>
          <select name="priority" value={draft.priority} onChange={(e) => set('priority', PRIORITIES.find((p) => p === e.target.value) ?? draft.priority)}>
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {priorityLabel(t, priority)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          {t('form.cancel')}
        </button>
        <button type="submit" className="button primary">
          {t('form.save')}
        </button>
      </div>
    </form>
  );
};
