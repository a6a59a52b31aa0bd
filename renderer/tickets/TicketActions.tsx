import { useState, type FormEvent } from 'react';
import type { NoteVisibility } from '../../shared/domain/records';
import { allowedTransitions } from '../../shared/domain/status';
import { TIERS, type Status, type Tier } from '../../shared/domain/ticket';
import { transitionLabel } from './format';

/** A refusal message, or null when the change was applied (and queued). */
export type ActionOutcome = string | null;

export type TicketActionHandlers = {
  take(): Promise<ActionOutcome>;
  transition(to: Status, resolution: string | null): Promise<ActionOutcome>;
  escalate(toTier: number, reason: string): Promise<ActionOutcome>;
  addNote(body: string, visibility: NoteVisibility): Promise<ActionOutcome>;
};

export type TicketActionsProps = {
  status: Status;
  tier: Tier;
  isMine: boolean;
  actions: TicketActionHandlers;
};

type OpenForm = 'none' | 'resolve' | 'escalate';

/** Take, status changes (only those the life cycle allows) and escalation, with the rules' refusals shown. */
export const TicketActions = ({ status, tier, isMine, actions }: TicketActionsProps) => {
  const [open, setOpen] = useState<OpenForm>('none');
  const [resolution, setResolution] = useState('');
  const [reason, setReason] = useState('');
  const [toTier, setToTier] = useState<number | null>(null);
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
  const higherTiers = TIERS.filter((t) => t > tier);
  // Resolved and closed tickets are done: only reopening (and closing) is offered.
  const isActive = status !== 'resolved' && status !== 'closed';
  const canEscalate = higherTiers.length > 0 && isActive;
  // The choice falls back to the next tier up whenever the ticket's tier has moved past it.
  const chosenTier = higherTiers.find((t) => t === toTier) ?? higherTiers[0] ?? tier;

  const submitResolution = (event: FormEvent) => {
    event.preventDefault();
    void attempt(() => actions.transition('resolved', resolution), reset);
  };
  const submitEscalation = (event: FormEvent) => {
    event.preventDefault();
    void attempt(() => actions.escalate(chosenTier, reason), reset);
  };

  return (
    <div className="ticket-actions">
      <div className="action-bar" role="toolbar" aria-label="Ticket actions">
        {isActive && !isMine && (
          <button type="button" className="button" onClick={() => void attempt(actions.take)}>
            Take
          </button>
        )}
        {allowedTransitions(status).map((to) =>
          to === 'resolved' ? (
            <button key={to} type="button" className="button" aria-expanded={open === 'resolve'} onClick={() => setOpen(open === 'resolve' ? 'none' : 'resolve')}>
              {transitionLabel(status, to)}
            </button>
          ) : (
            <button key={to} type="button" className="button" onClick={() => void attempt(() => actions.transition(to, null))}>
              {transitionLabel(status, to)}
            </button>
          ),
        )}
        {canEscalate && (
          <button type="button" className="button" aria-expanded={open === 'escalate'} onClick={() => setOpen(open === 'escalate' ? 'none' : 'escalate')}>
            Escalate…
          </button>
        )}
      </div>
      {open === 'resolve' && (
        <form className="form inline-form" onSubmit={submitResolution} aria-label="Resolve ticket">
          <label className="field">
            <span>Resolution</span>
            <textarea name="resolution" rows={3} value={resolution} onChange={(e) => setResolution(e.target.value)} placeholder="What fixed it?" />
          </label>
          <div className="form-actions">
            <button type="button" className="button" onClick={reset}>
              Cancel
            </button>
            <button type="submit" className="button primary">
              Resolve ticket
            </button>
          </div>
        </form>
      )}
      {open === 'escalate' && (
        <form className="form inline-form" onSubmit={submitEscalation} aria-label="Escalate ticket">
          <div className="form-row form-row-narrow">
            <label className="field">
              <span>To tier</span>
              <select name="toTier" value={chosenTier} onChange={(e) => setToTier(Number(e.target.value))}>
                {higherTiers.map((t) => (
                  <option key={t} value={t}>
                    Tier {t}
                  </option>
                ))}
              </select>
            </label>
            <label className="field grow">
              <span>Reason</span>
              <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Why does this need a higher tier?" />
            </label>
          </div>
          <div className="form-actions">
            <button type="button" className="button" onClick={reset}>
              Cancel
            </button>
            <button type="submit" className="button primary">
              Escalate
            </button>
          </div>
        </form>
      )}
      {refusal !== null && (
        <p className="form-error" role="alert" data-testid="action-refusal">
          {refusal}
        </p>
      )}
    </div>
  );
};

export type NoteFormProps = { onAdd: TicketActionHandlers['addNote'] };

/** Adds an internal (staff only) or public (caller-visible) note. */
export const NoteForm = ({ onAdd }: NoteFormProps) => {
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<NoteVisibility>('internal');
  const [refusal, setRefusal] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const outcome = await onAdd(body, visibility);
    setRefusal(outcome);
    if (outcome === null) setBody('');
  };
  return (
    <form className="form note-form" onSubmit={(event) => void submit(event)} aria-label="Add note">
      <label className="field">
        <span>Note</span>
        <textarea name="note" rows={3} value={body} onChange={(e) => setBody(e.target.value)} placeholder="Add a note…" />
      </label>
      <div className="form-actions">
        <select name="visibility" aria-label="Visibility" value={visibility} onChange={(e) => setVisibility(e.target.value === 'public' ? 'public' : 'internal')}>
          <option value="internal">Internal</option>
          <option value="public">Public</option>
        </select>
        <button type="submit" className="button primary">
          Add note
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
