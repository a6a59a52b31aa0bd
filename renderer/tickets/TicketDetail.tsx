import type { ReactNode } from 'react';
import type { Ticket } from '../../shared/domain/ticket';
import { CopyButton } from '../components/CopyButton';
import { capitalize, formatDateTime, PRIORITY_LABELS, SLA_LABELS, STATUS_LABELS, ticketNumberLabel } from './format';
import { formatCountdown, type SlaClock, type SlaClocks } from './slaClock';
import { NoteForm, TicketActions, type TicketActionHandlers } from './TicketActions';
import type { TimelineItem } from './timeline';

export type TicketDetailProps = {
  ticket: Ticket;
  assignee: string | null;
  isMine: boolean;
  sla: SlaClocks;
  timeline: TimelineItem[];
  actions: TicketActionHandlers;
  /** The remote-sessions section, which reads the cache itself. */
  sessions: ReactNode;
  onClose(): void;
};

const SlaCountdown = ({ label, clock, testId }: { label: string; clock: SlaClock; testId: string }) => {
  const time = formatCountdown(clock.remainingMs);
  const text = clock.state === 'met' ? `Met (${time} to spare)` : clock.remainingMs < 0 ? `${time} overdue` : `${time} left`;
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <span className={`sla sla-${clock.state}`} data-testid={testId} data-state={clock.state} title={`${SLA_LABELS[clock.state]} · due ${formatDateTime(clock.dueAt)}`}>
          {clock.state === 'paused' ? `Paused · ${text}` : text}
        </span>
      </dd>
    </div>
  );
};

const Timeline = ({ items }: { items: TimelineItem[] }) => (
  <ol className="timeline" aria-label="Timeline">
    {items.map((item) => (
      <li key={item.id} className={item.visibility === null ? 'timeline-item' : `timeline-item note note-${item.visibility}`}>
        <div className="timeline-line">
          <span>
            <span className="timeline-actor">{item.actor}</span> {item.summary}
          </span>
          <time className="timeline-time" dateTime={item.at}>
            {formatDateTime(item.at)}
          </time>
        </div>
        {item.detail !== null && <p className="timeline-detail">{item.detail}</p>}
      </li>
    ))}
  </ol>
);

/** One ticket: its facts, the actions the rules allow and its history. Props only. */
export const TicketDetail = ({ ticket, assignee, isMine, sla, timeline, actions, sessions, onClose }: TicketDetailProps) => (
  <aside className="detail" aria-label={`Ticket ${ticket.code}`} data-testid="ticket-detail">
    <header className="detail-header">
      <div className="detail-ids">
        <span className="detail-code mono" data-testid="detail-code">
          {ticket.code}
        </span>
        <CopyButton text={ticket.code} label="Copy code" />
        <span className={ticket.number === null ? 'muted' : 'detail-number'} data-testid="detail-number">
          {ticketNumberLabel(ticket.number)}
        </span>
      </div>
      <button type="button" className="icon-button" aria-label="Close ticket" onClick={onClose}>
        ×
      </button>
    </header>
    <h2 className="detail-title">{ticket.title}</h2>
    <dl className="facts facts-grid">
      <div>
        <dt>Status</dt>
        <dd>
          <span className={`badge status-${ticket.status}`} data-testid="detail-status">
            {STATUS_LABELS[ticket.status]}
          </span>
        </dd>
      </div>
      <div>
        <dt>Tier</dt>
        <dd data-testid="detail-tier">Tier {ticket.tier}</dd>
      </div>
      <div>
        <dt>Priority</dt>
        <dd>
          <span className={`badge priority-${ticket.priority}`}>{PRIORITY_LABELS[ticket.priority]}</span>
        </dd>
      </div>
      <div>
        <dt>Assignee</dt>
        <dd data-testid="detail-assignee">{assignee ?? <span className="muted">Unassigned</span>}</dd>
      </div>
      <SlaCountdown label="First response" clock={sla.firstResponse} testId="sla-first-response" />
      <SlaCountdown label="Resolution" clock={sla.resolution} testId="sla-resolution" />
      <div>
        <dt>Requester</dt>
        <dd>
          {ticket.requester.name}
          {ticket.requester.contact !== null && <span className="muted"> · {ticket.requester.contact}</span>}
        </dd>
      </div>
      <div>
        <dt>Category</dt>
        <dd>{capitalize(ticket.category)}</dd>
      </div>
      <div>
        <dt>Channel</dt>
        <dd>{capitalize(ticket.channel)}</dd>
      </div>
    </dl>
    {ticket.description.trim() !== '' && <p className="detail-description">{ticket.description}</p>}
    {ticket.resolution !== null && (
      <p className="detail-resolution">
        <strong>Resolution:</strong> {ticket.resolution}
      </p>
    )}
    <TicketActions key={ticket.id} status={ticket.status} tier={ticket.tier} isMine={isMine} actions={actions} />
    {sessions}
    <section className="detail-history" aria-label="History">
      <h3>History</h3>
      <Timeline items={timeline} />
      <NoteForm key={ticket.id} onAdd={actions.addNote} />
    </section>
  </aside>
);
