import { useState, type FormEvent } from 'react';
import { CHANNELS, DEFAULT_CATEGORIES, PRIORITIES } from '../../shared/domain/ticket';
import { capitalize, PRIORITY_LABELS } from './format';
import { EMPTY_NEW_TICKET, type NewTicketField, type NewTicketInput } from './newTicket';

export type NewTicketFormProps = {
  errors: Partial<Record<NewTicketField, string>>;
  /** A refusal that belongs to no single field. */
  formError: string | null;
  onSubmit(input: NewTicketInput): void;
  onCancel(): void;
};

const FieldError = ({ id, message }: { id: string; message: string | undefined }) =>
  message === undefined ? null : (
    <span id={id} className="field-error" role="alert">
      {message}
    </span>
  );

/** The intake form for a call; it only collects input and shows the messages it is given. */
export const NewTicketForm = ({ errors, formError, onSubmit, onCancel }: NewTicketFormProps) => {
  const [input, setInput] = useState<NewTicketInput>(EMPTY_NEW_TICKET);
  const set =
    <K extends NewTicketField>(field: K) =>
    (value: NewTicketInput[K]) =>
      setInput((current) => ({ ...current, [field]: value }));
  const invalid = (field: NewTicketField) => (errors[field] === undefined ? {} : { 'aria-invalid': true, 'aria-describedby': `nt-${field}-error` });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(input);
  };
  return (
    <form className="form new-ticket-form" onSubmit={submit} noValidate>
      <div className="form-row">
        <label className="field">
          <span>Requester name</span>
          <input name="requesterName" autoComplete="off" value={input.requesterName} onChange={(e) => set('requesterName')(e.target.value)} {...invalid('requesterName')} />
          <FieldError id="nt-requesterName-error" message={errors.requesterName} />
        </label>
        <label className="field">
          <span>Contact</span>
          <input name="contact" autoComplete="off" placeholder="Phone, extension or e-mail" value={input.contact} onChange={(e) => set('contact')(e.target.value)} {...invalid('contact')} />
          <FieldError id="nt-contact-error" message={errors.contact} />
        </label>
      </div>
      <label className="field">
        <span>Title</span>
        <input name="title" autoComplete="off" value={input.title} onChange={(e) => set('title')(e.target.value)} {...invalid('title')} />
        <FieldError id="nt-title-error" message={errors.title} />
      </label>
      <label className="field">
        <span>Description</span>
        <textarea name="description" rows={4} value={input.description} onChange={(e) => set('description')(e.target.value)} {...invalid('description')} />
        <FieldError id="nt-description-error" message={errors.description} />
      </label>
      <div className="form-row form-row-3">
        <label className="field">
          <span>Category</span>
          <select name="category" value={input.category} onChange={(e) => set('category')(e.target.value)}>
            {DEFAULT_CATEGORIES.map((category) => (
              <option key={category} value={category}>
                {capitalize(category)}
              </option>
            ))}
          </select>
          <FieldError id="nt-category-error" message={errors.category} />
        </label>
        <label className="field">
          <span>Priority</span>
          <select name="priority" value={input.priority} onChange={(e) => set('priority')(PRIORITIES.find((p) => p === e.target.value) ?? 'normal')}>
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {PRIORITY_LABELS[priority]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>Channel</span>
          <select name="channel" value={input.channel} onChange={(e) => set('channel')(CHANNELS.find((c) => c === e.target.value) ?? 'phone')}>
            {CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {capitalize(channel)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {formError !== null && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
      <div className="form-actions">
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button primary">
          Create ticket
        </button>
      </div>
    </form>
  );
};
