import { useDeferredValue, useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { callerTerms, type CallerTicketSource } from '../../shared/domain/callerHistory';
import { CHANNELS, DEFAULT_CATEGORIES, PRIORITIES } from '../../shared/domain/ticket';
import type { Article } from '../../shared/knowledge/article';
import { indexArticles, suggestArticles, suggestionWords } from '../../shared/knowledge/suggest';
import { CallerHistory, type CallerLink } from '../calls/CallerHistory';
import { useCallerHistory, type CallerServer } from '../calls/useCallerHistory';
import { Field } from '../components/Field';
import { ArticleSuggestions } from '../knowledge/ArticleSuggestions';
import { cachedWordWeights } from '../knowledge/articleWords';
import { useCategoryLabel } from './categoryLabel';
import { EMPTY_NEW_TICKET, type FieldProblem, type FieldProblems, type NewTicketField, type NewTicketInput } from './newTicket';

const NONE: ReadonlySet<string> = new Set();

export type NewTicketFormProps = {
  errors: FieldProblems;
  /** A refusal that belongs to no single field. */
  formError: string | null;
  /** Where the caller's earlier tickets are looked up as their name or contact is typed. */
  callerSource: CallerTicketSource;
  /** The server's search, which adds the caller's tickets this console does not hold while online. */
  callerServer: CallerServer | null;
  /** The console's cached articles: the published ones that match what is typed are suggested beside the form. */
  articles: readonly Article[];
  /** `link`: the earlier ticket the technician picked for the new one to be linked to, if any. */
  onSubmit(input: NewTicketInput, link: CallerLink | null): void;
  onCancel(): void;
};

/**
 * The intake form for a call, with the caller's earlier tickets beside it; it only collects input
 * and shows the messages it is given. Alt+H moves to the earlier tickets' first choice.
 */
export const NewTicketForm = ({ errors, formError, callerSource, callerServer, articles, onSubmit, onCancel }: NewTicketFormProps) => {
  const { t, i18n } = useTranslation('call');
  const categoryLabel = useCategoryLabel();
  const [input, setInput] = useState<NewTicketInput>(EMPTY_NEW_TICKET);
  const query = { name: input.requesterName, contact: input.contact };
  const history = useCallerHistory(callerSource, query, callerServer);
  const [picked, setPicked] = useState<CallerLink | null>(null);
  // A pick belongs to the caller it was made for: one no longer listed is dropped.
  const link = picked !== null && history?.tickets.some((ticket) => ticket.id === picked.ticketId) === true ? picked : null;
  const firstChoice = useRef<HTMLButtonElement>(null);
  // Built when the cached articles change, from each version's words split once (articleWords.ts); a keystroke reads a few lists.
  const articleIndex = useMemo(() => indexArticles(articles, cachedWordWeights), [articles]);
  // Deferred, so typing never waits for the ranking.
  const typedTitle = useDeferredValue(input.title);
  const typedDescription = useDeferredValue(input.description);
  const suggestions = useMemo(
    () => suggestArticles(articleIndex, { title: typedTitle, description: typedDescription }),
    [articleIndex, typedTitle, typedDescription],
  );
  const hasWords = suggestionWords(`${typedTitle} ${typedDescription}`).length > 0;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.code !== 'KeyH') return;
      event.preventDefault();
      firstChoice.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const set =
    <K extends NewTicketField>(field: K) =>
    (value: NewTicketInput[K]) =>
      setInput((current) => ({ ...current, [field]: value }));
  const problem = (field: NewTicketField): string | undefined => {
    const found: FieldProblem | undefined = errors[field];
    if (found === undefined) return undefined;
    if (found.kind === 'blank') return t('fieldError.blank');
    if (found.kind === 'tooLong') return t('fieldError.tooLong', { max: found.max });
    return found.message;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(input, link);
  };
  return (
    <div className="call-intake">
      <form className="form new-ticket-form" onSubmit={submit} noValidate>
        <div className="form-row">
          <Field label={t('form.requesterName')} error={problem('requesterName')}>
            {(aria) => (
              <input name="requesterName" autoComplete="off" value={input.requesterName} onChange={(e) => set('requesterName')(e.target.value)} {...aria} />
            )}
          </Field>
          <Field label={t('form.contact')} error={problem('contact')}>
            {(aria) => (
              <input
                name="contact"
                autoComplete="off"
                placeholder={t('form.contactPlaceholder')}
                value={input.contact}
                onChange={(e) => set('contact')(e.target.value)}
                {...aria}
              />
            )}
          </Field>
        </div>
        <Field label={t('form.title')} error={problem('title')}>
          {(aria) => <input name="title" autoComplete="off" value={input.title} onChange={(e) => set('title')(e.target.value)} {...aria} />}
        </Field>
        <Field label={t('form.description')} error={problem('description')}>
          {(aria) => <textarea name="description" rows={4} value={input.description} onChange={(e) => set('description')(e.target.value)} {...aria} />}
        </Field>
        <div className="form-row form-row-3">
          <Field label={t('form.category')} error={problem('category')}>
            {(aria) => (
              <select name="category" value={input.category} onChange={(e) => set('category')(e.target.value)} {...aria}>
                {DEFAULT_CATEGORIES.map((category) => (
                  <option key={category} value={category}>
                    {categoryLabel(category)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label={t('form.priority')}>
            <select name="priority" value={input.priority} onChange={(e) => set('priority')(PRIORITIES.find((p) => p === e.target.value) ?? 'normal')}>
              {PRIORITIES.map((priority) => (
                <option key={priority} value={priority}>
                  {t(`priority.${priority}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t('form.channel')}>
            <select name="channel" value={input.channel} onChange={(e) => set('channel')(CHANNELS.find((c) => c === e.target.value) ?? 'phone')}>
              {CHANNELS.map((channel) => (
                <option key={channel} value={channel}>
                  {t(`channel.${channel}`)}
                </option>
              ))}
            </select>
          </Field>
        </div>
        {formError !== null && (
          <p className="form-error" role="alert">
            {formError}
          </p>
        )}
        <div className="form-actions">
          <button type="button" className="button" onClick={onCancel}>
            {t('form.cancel')}
          </button>
          <button type="submit" className="button primary">
            {t('form.create')}
          </button>
        </div>
      </form>
      <div className="intake-side">
        <CallerHistory
          tickets={history?.tickets}
          serverOnly={history?.serverOnly ?? NONE}
          hasQuery={callerTerms(query) !== null}
          picked={link}
          onPick={setPicked}
          locale={i18n.language}
          firstButton={firstChoice}
        />
        <ArticleSuggestions suggestions={suggestions} hasWords={hasWords} />
      </div>
    </div>
  );
};
