import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TAG_LIMITS, tagsOf } from '../../shared/domain/tags';
import type { Ticket } from '../../shared/domain/ticket';
import { useWorkspace } from '../app/useWorkspace';
import { readTagInput, type TagInputProblem } from './tagInput';
import type { ActionOutcome } from './TicketActions';
import { refusalText, type TicketT } from './ticketLabels';

export type TagEditorProps = {
  tags: readonly string[];
  onAdd(tags: string[]): Promise<ActionOutcome>;
  onRemove(tag: string): Promise<ActionOutcome>;
};

const problemText = (t: TicketT, problem: TagInputProblem): string => {
  switch (problem.kind) {
    case 'blank':
      return t('tags.problem.blank');
    case 'tooLong':
      return t('tags.problem.tooLong', { max: TAG_LIMITS.length });
    case 'characters':
      return t('tags.problem.characters', { tag: problem.tag });
    case 'tooMany':
      return t('tags.problem.tooMany', { max: TAG_LIMITS.count });
  }
};

/**
 * A ticket's tags: each with a remove button, and a field that adds one or more (comma-separated)
 * on Enter. Alt+T jumps to the field. Props only.
 */
export const TagEditor = ({ tags, onAdd, onRemove }: TagEditorProps) => {
  const { t } = useTranslation('ticket');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.code !== 'KeyT') return;
      event.preventDefault();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { tags: adding, problem } = readTagInput(text, tags);
    if (problem !== null) {
      setError(problemText(t, problem));
      return;
    }
    if (adding.length === 0) {
      setText('');
      return;
    }
    const outcome = await onAdd(adding);
    setError(outcome);
    if (outcome === null) setText('');
  };
  const remove = async (tag: string) => {
    setError(await onRemove(tag));
    input.current?.focus();
  };
  return (
    <section className="detail-tags" aria-labelledby="detail-tags-label">
      <h3 id="detail-tags-label" className="detail-tags-label">
        {t('tags.label')}
      </h3>
      <ul className="tag-list" data-testid="detail-tags">
        {tags.length === 0 && <li className="muted">{t('tags.none')}</li>}
        {tags.map((tag) => (
          <li key={tag} className="tag-chip">
            <span>{tag}</span>
            <button type="button" className="tag-remove" aria-label={t('tags.remove', { tag })} onClick={() => void remove(tag)}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form className="tag-form" onSubmit={(event) => void submit(event)}>
        <input
          ref={input}
          name="tags"
          autoComplete="off"
          aria-label={t('tags.input')}
          aria-keyshortcuts="Alt+T"
          aria-invalid={error === null ? undefined : true}
          placeholder={t('tags.placeholder')}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setError(null);
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            // Escape leaves the field without closing the ticket.
            event.stopPropagation();
            setText('');
            setError(null);
            event.currentTarget.blur();
          }}
        />
        <button type="submit" className="button small">
          {t('tags.add')}
        </button>
      </form>
      {error !== null && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
};

/** The open ticket's tags, changed through the workspace like every other change (so offline too). */
export const TicketTags = ({ ticket }: { ticket: Pick<Ticket, 'id' | 'tags'> }) => {
  const workspace = useWorkspace();
  const { t } = useTranslation('ticket');
  const change = async (args: { add?: string[]; remove?: string[] }): Promise<ActionOutcome> => {
    const result = await workspace.run('ticket:tag', { id: ticket.id, ...args });
    return result.ok ? null : refusalText(t, result.error);
  };
  return <TagEditor tags={tagsOf(ticket)} onAdd={(add) => change({ add })} onRemove={(tag) => change({ remove: [tag] })} />;
};
