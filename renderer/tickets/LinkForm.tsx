import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LINK_KINDS, ticketName, type LinkKind } from '../../shared/domain/links';
import type { Status } from '../../shared/domain/ticket';
import { Field } from '../components/Field';
import { useListCursor } from '../components/useListCursor';
import type { ActionOutcome } from './TicketActions';
import { statusLabel } from './ticketLabels';

/** A ticket the picker offers. */
export type LinkCandidate = { id: string; code: string; number: number | null; title: string; status: Status };

export type LinkFormProps = {
  /** Tickets matching the text, for this kind of link (only problems for `problem`). */
  find(text: string, kind: LinkKind): LinkCandidate[];
  onLink(otherId: string, kind: LinkKind): Promise<ActionOutcome>;
  onClose(): void;
};

const isLinkKind = (value: string): value is LinkKind => LINK_KINDS.some((kind) => kind === value);

/**
 * Picks a ticket to link to, from the console's cache (so offline too): the kind first, then a
 * search by code, number or words of the title; the arrows choose among the matches and Enter
 * links the chosen one, as a click does. Escape closes the form, not the ticket. Props only.
 */
export const LinkForm = ({ find, onLink, onClose }: LinkFormProps) => {
  const { t } = useTranslation('ticket');
  const [kind, setKind] = useState<LinkKind>('related');
  const [text, setText] = useState('');
  const [refusal, setRefusal] = useState<string | null>(null);
  const listId = useId();
  const found = useMemo(() => find(text, kind), [find, text, kind]);
  const { current: chosen, reset, moveOnArrow } = useListCursor(found);
  const optionId = (id: string) => `${listId}-${id}`;
  const link = async (candidate: LinkCandidate | undefined) => {
    if (candidate === undefined) return;
    const outcome = await onLink(candidate.id, kind);
    setRefusal(outcome);
    if (outcome === null) onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void link(chosen);
  };
  const empty =
    text.trim() === '' && kind !== 'problem' ? t('links.form.typeToFind') : kind === 'problem' ? t('links.form.noProblems') : t('links.form.noResults');
  return (
    <form
      className="form inline-form link-form"
      aria-label={t('links.form.label')}
      onSubmit={submit}
      onKeyDown={(event) => {
        if (event.key !== 'Escape') return;
        // Escape closes the form, not the ticket's panel.
        event.stopPropagation();
        onClose();
      }}
    >
      <div className="form-row form-row-narrow">
        <Field label={t('links.form.kind')}>
          <select
            name="kind"
            value={kind}
            onChange={(event) => {
              if (isLinkKind(event.target.value)) setKind(event.target.value);
              reset();
              setRefusal(null);
            }}
          >
            {LINK_KINDS.map((option) => (
              <option key={option} value={option}>
                {t(`links.form.kinds.${option}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t('links.form.search')} className="grow">
          <input
            name="find"
            type="text"
            role="combobox"
            autoFocus
            autoComplete="off"
            aria-autocomplete="list"
            aria-expanded={found.length > 0}
            aria-controls={listId}
            aria-activedescendant={chosen === undefined ? undefined : optionId(chosen.id)}
            aria-keyshortcuts="Alt+L"
            placeholder={t('links.form.placeholder')}
            value={text}
            onKeyDown={moveOnArrow}
            onChange={(event) => {
              setText(event.target.value);
              reset();
              setRefusal(null);
            }}
          />
        </Field>
      </div>
      <ul id={listId} className="link-results" role="listbox" aria-label={t('links.form.results')} data-testid="link-results" hidden={found.length === 0}>
        {found.map((candidate) => (
          <li
            key={candidate.id}
            id={optionId(candidate.id)}
            role="option"
            aria-selected={candidate === chosen}
            className={candidate === chosen ? 'link-result is-active' : 'link-result'}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => void link(candidate)}
          >
            <span className="mono">{candidate.code}</span>
            {candidate.number !== null && <span className="muted">{ticketName(candidate)}</span>}
            <span className="link-title">{candidate.title}</span>
            <span className={`badge status-${candidate.status}`}>{statusLabel(t, candidate.status)}</span>
          </li>
        ))}
      </ul>
      {found.length === 0 && <p className="muted link-empty">{empty}</p>}
      <div className="form-actions">
        <span className="muted link-hint">{t('links.form.hint')}</span>
        <button type="button" className="button" onClick={onClose}>
          {t('links.form.cancel')}
        </button>
      </div>
      {refusal !== null && (
        <p className="form-error" role="alert" data-testid="link-refusal">
          {refusal}
        </p>
      )}
    </form>
  );
};
