import { useEffect, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MutationArgsMap } from '../../shared/domain/mutationArgs';
import type { NoteVisibility } from '../../shared/domain/records';
import { allowedTransitions } from '../../shared/domain/status';
import { TIERS, type Status, type Ticket } from '../../shared/domain/ticket';
import { Field } from '../components/Field';
import { TicketEditForm } from './TicketEditForm';
import { tierLabel, transitionLabel } from './ticketLabels';

/** A refusal, in the chosen language, or null when the change was applied (and queued). */
export type ActionOutcome = string | null;

export type TicketActionHandlers = {
  take(): Promise<ActionOutcome>;
  assign(assigneeId: string | null): Promise<ActionOutcome>;
  transition(to: Status, resolution: string | null): Promise<ActionOutcome>;
  escalate(toTier: number, reason: string): Promise<ActionOutcome>;
  edit(args: MutationArgsMap['ticket:update']): Promise<ActionOutcome>;
  addNote(body: string, visibility: NoteVisibility): Promise<ActionOutcome>;
};

/**
 * What resolving the ticket resolves with it, for the form to say so: a problem's open incidents,
 * an original's open duplicates (each gets the resolution and a public note).
 */
export type ResolveReach = { isProblem: boolean; openIncidents: number; openDuplicates: number };

/** Someone a ticket can be assigned to. */
export type Assignable = { id: string; name: string };

export type TicketActionsProps = {
  ticket: Pick<Ticket, 'id' | 'status' | 'tier' | 'assigneeId' | 'title' | 'description' | 'category' | 'priority'>;
  isMine: boolean;
  /** Active technicians, for "Assign to". */
  technicians: readonly Assignable[];
  actions: TicketActionHandlers;
  resolves?: ResolveReach;
};

export type OpenForm = 'none' | 'resolve' | 'escalate' | 'edit';

const UNASSIGNED = '';

/** Take, assign, status changes (only those the life cycle allows), escalation and edits, with the rules' refusals shown. */
export const TicketActions = ({
  ticket,
  isMine,
  technicians,
  actions,
  resolves = { isProblem: false, openIncidents: 0, openDuplicates: 0 },
}: TicketActionsProps) => {
  const { t } = useTranslation('ticket');
  const { status, tier } = ticket;
  const [open, setOpen] = useState<OpenForm>('none');
  const [resolution, setResolution] = useState('');
  const [reason, setReason] = useState('');
  const [toTier, setToTier] = useState<number | null>(null);
  const [assignee, setAssignee] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);

  const attempt = async (run: () => Promise<ActionOutcome>, onDone?: () => void) => {
    const outcome = await run();
    setRefusal(outcome);
    if (outcome === null) onDone?.();
  };
  const reset = () => {
    setOpen('none');
    setResolution('');
    setReason('');
  };
  const toggle = (form: OpenForm) => {
    setRefusal(null);
    setOpen(open === form ? 'none' : form);
  };
  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    reset();
  };
  // Alt+R resolve, Alt+E edit: the forms a technician opens most, without leaving the keyboard.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey) return;
      const form = event.code === 'KeyE' ? 'edit' : event.code === 'KeyR' && allowedTransitions(status).includes('resolved') ? 'resolve' : null;
      if (form === null) return;
      event.preventDefault();
      setRefusal(null);
      setOpen(form);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [status]);
  const higherTiers = TIERS.filter((t) => t > tier);
  // Resolved and closed tickets are done: only reopening (and closing) is offered.
  const isActive = status !== 'resolved' && status !== 'closed';
  const canEscalate = higherTiers.length > 0 && isActive;
  // The choice falls back to the next tier up whenever the ticket's tier has moved past it.
  const chosenTier = higherTiers.find((t) => t === toTier) ?? higherTiers[0] ?? tier;
  // The select shows the ticket's assignee until the technician picks someone else.
  const chosenAssignee = assignee ?? ticket.assigneeId ?? UNASSIGNED;

  const submitResolution = (event: FormEvent) => {
    event.preventDefault();
    void attempt(() => actions.transition('resolved', resolution), reset);
  };
  const submitEscalation = (event: FormEvent) => {
    event.preventDefault();
    void attempt(() => actions.escalate(chosenTier, reason), reset);
  };
  const submitAssign = (event: FormEvent) => {
    event.preventDefault();
    void attempt(
      () => actions.assign(chosenAssignee === UNASSIGNED ? null : chosenAssignee),
      () => setAssignee(null),
    );
  };

  return (
    <div className="ticket-actions">
      <div className="action-bar" role="toolbar" aria-label={t('actions.toolbar')}>
        {isActive && !isMine && (
          <button type="button" className="button" onClick={() => void attempt(actions.take)}>
            {t('actions.take')}
          </button>
        )}
        {allowedTransitions(status).map((to) =>
          to === 'resolved' ? (
            <button key={to} type="button" className="button" aria-expanded={open === 'resolve'} aria-keyshortcuts="Alt+R" onClick={() => toggle('resolve')}>
              {resolves.isProblem ? t('actions.resolveProblem') : transitionLabel(t, status, to)}
            </button>
          ) : (
            <button key={to} type="button" className="button" onClick={() => void attempt(() => actions.transition(to, null))}>
              {transitionLabel(t, status, to)}
            </button>
          ),
        )}
        {canEscalate && (
          <button type="button" className="button" aria-expanded={open === 'escalate'} onClick={() => toggle('escalate')}>
            {t('actions.escalate')}
          </button>
        )}
        <button type="button" className="button" aria-expanded={open === 'edit'} aria-keyshortcuts="Alt+E" onClick={() => toggle('edit')}>
          {t('actions.edit')}
        </button>
      </div>
      <form className="assign-form" onSubmit={submitAssign} aria-label={t('actions.assignTo')}>
        <Field label={t('actions.assignTo')}>
          <select name="assignee" value={chosenAssignee} onChange={(e) => setAssignee(e.target.value)}>
            <option value={UNASSIGNED}>{t('unassigned')}</option>
            {technicians.map((technician) => (
              <option key={technician.id} value={technician.id}>
                {technician.name}
              </option>
            ))}
          </select>
        </Field>
        <button type="submit" className="button small" disabled={chosenAssignee === (ticket.assigneeId ?? UNASSIGNED)}>
          {t('actions.assign')}
        </button>
      </form>
      {open === 'resolve' && (
        <form className="form inline-form" onSubmit={submitResolution} onKeyDown={cancelOnEscape} aria-label={t('form.resolveForm')}>
          <Field label={t('form.resolution')}>
            <textarea
              name="resolution"
              rows={3}
              autoFocus
              value={resolution}
              onChange={(e) => setResolution(e.target.value)}
              placeholder={t('form.resolutionPlaceholder')}
            />
          </Field>
          {resolves.openIncidents > 0 && (
            <p className="note-public-hint" data-testid="resolves-incidents">
              {t('form.resolvesIncidents', { count: resolves.openIncidents })}
            </p>
          )}
          {resolves.openDuplicates > 0 && (
            <p className="note-public-hint" data-testid="resolves-duplicates">
              {t('form.resolvesDuplicates', { count: resolves.openDuplicates })}
            </p>
          )}
          <div className="form-actions">
            <button type="button" className="button" onClick={reset}>
              {t('form.cancel')}
            </button>
            <button type="submit" className="button primary">
              {resolves.isProblem ? t('form.resolveProblemSubmit') : t('form.resolveSubmit')}
            </button>
          </div>
        </form>
      )}
      {open === 'escalate' && (
        <form className="form inline-form" onSubmit={submitEscalation} onKeyDown={cancelOnEscape} aria-label={t('form.escalateForm')}>
          <div className="form-row form-row-narrow">
            <Field label={t('form.toTier')}>
              <select name="toTier" value={chosenTier} onChange={(e) => setToTier(Number(e.target.value))}>
                {higherTiers.map((higher) => (
                  <option key={higher} value={higher}>
                    {tierLabel(t, higher)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t('form.reason')} className="grow">
              <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder={t('form.reasonPlaceholder')} />
            </Field>
          </div>
          <div className="form-actions">
            <button type="button" className="button" onClick={reset}>
              {t('form.cancel')}
            </button>
            <button type="submit" className="button primary">
              {t('form.escalateSubmit')}
            </button>
          </div>
        </form>
      )}
      {open === 'edit' && <TicketEditForm ticket={ticket} onSave={(args) => attempt(() => actions.edit(args), reset)} onCancel={reset} />}
      {refusal !== null && (
        <p className="form-error" role="alert" data-testid="action-refusal">
          {refusal}
        </p>
      )}
    </div>
  );
};
