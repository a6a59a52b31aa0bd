import type { RejectedChange } from '../../shared/sync/localStore';
import { Dialog } from '../components/Dialog';
import { formatDateTime } from '../tickets/format';

const ACTION_NAMES: Readonly<Record<RejectedChange['name'], string>> = {
  'ticket:create': 'Create ticket',
  'ticket:update': 'Edit ticket',
  'ticket:assign': 'Assign ticket',
  'ticket:transition': 'Change status',
  'ticket:escalate': 'Escalate ticket',
  'note:add': 'Add note',
  'session:save': 'Save remote session',
  'call:log': 'Log call',
};

/** What a refused change was about, as the console shows it: the ticket's code and title if known. */
export type RejectedSubject = { code: string; title: string };

/** The id of the ticket a change was about, from its arguments (`id` for ticket:*, `ticketId` otherwise). */
export const rejectedTicketId = (change: RejectedChange): string | null => {
  if (typeof change.args !== 'object' || change.args === null) return null;
  const args = change.args as Record<string, unknown>;
  const id = change.name.startsWith('ticket:') ? args.id : args.ticketId;
  return typeof id === 'string' ? id : null;
};

export type RejectedDialogProps = {
  changes: readonly RejectedChange[];
  /** Subjects by ticket id, for the changes whose ticket is in the cache. */
  subjects: ReadonlyMap<string, RejectedSubject>;
  onDismiss(id: string): void;
  onClose(): void;
};

/** Changes the server refused, with its reasons; they are never dropped silently. */
export const RejectedDialog = ({ changes, subjects, onDismiss, onClose }: RejectedDialogProps) => (
  <Dialog title="Rejected changes" onClose={onClose}>
    {changes.length === 0 ? (
      <p className="empty">No rejected changes.</p>
    ) : (
      <ul className="rejected-list">
        {changes.map((change) => {
          const ticketId = rejectedTicketId(change);
          const subject = ticketId === null ? undefined : subjects.get(ticketId);
          return (
            <li key={change.id} className="rejected-item">
              <div className="rejected-head">
                <strong>{ACTION_NAMES[change.name] ?? change.name}</strong>
                {subject !== undefined && (
                  <span className="muted">
                    {' '}
                    · <span className="mono">{subject.code}</span> {subject.title}
                  </span>
                )}
                <time className="muted" dateTime={change.at}>
                  {formatDateTime(change.at)}
                </time>
              </div>
              <p className="rejected-reason">{change.error.message}</p>
              <button type="button" className="button small" onClick={() => onDismiss(change.id)}>
                Dismiss
              </button>
            </li>
          );
        })}
      </ul>
    )}
  </Dialog>
);
