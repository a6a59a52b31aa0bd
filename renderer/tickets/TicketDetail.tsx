import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CannedReply } from '../../shared/domain/records';
import type { ReplyValues } from '../../shared/domain/replyTemplate';
import type { Ticket } from '../../shared/domain/ticket';
import { formatCallDuration } from '../calls/callClock';
import { CopyButton } from '../components/CopyButton';
import { formatDateTime } from '../../shared/format/dates';
import { useCategoryLabel } from './categoryLabel';
import type { RejectedBanner } from './rejectedBanner';
import { formatCountdown, type SlaClock, type SlaClocks } from './slaClock';
import { TicketActions, type ActionOutcome, type Assignable, type ResolveReach, type TicketActionHandlers } from './TicketActions';
import { channelLabel, numberLabel, priorityLabel, slaLabel, statusLabel, tierLabel } from './ticketLabels';
import { NoteForm } from './TicketNoteForm';
import { TicketRejected } from './TicketRejected';
import type { TimelineItem } from './timeline';

export type TicketDetailProps = {
  ticket: Ticket;
  assignee: string | null;
  isMine: boolean;
  sla: SlaClocks;
  timeline: TimelineItem[];
  technicians: readonly Assignable[];
  /** Null for a ticket shown read-only: one read from the server that the cache does not hold yet. */
  actions: TicketActionHandlers | null;
  /** Said under the ticket's code and title: why it is read-only, for one. */
  notice?: ReactNode;
  /** Changes to this ticket the server refused, newest first. */
  rejected: readonly RejectedBanner[];
  onRetry(id: string): Promise<ActionOutcome>;
  onDiscard(id: string): Promise<void>;
  /** The remote-sessions section, which reads the cache itself (none for a ticket the cache does not hold). */
  sessions: ReactNode;
  /** The tags section, which changes them itself. */
  tags: ReactNode;
  /** The links section, which changes them itself. */
  links: ReactNode;
  /** "Solved with article", which links and resolves itself. */
  solvedWithArticle?: ReactNode;
  /** Where the ticket on screen was read: the cache, or the server for a ticket the cache does not hold. */
  source?: 'cache' | 'server';
  /** What resolving this ticket resolves with it (a problem's incidents, an original's duplicates). */
  resolves: ResolveReach;
  /** The canned replies the note form offers, and what their placeholders stand for on this ticket. */
  replies: { replies: readonly CannedReply[]; values: ReplyValues };
  onClose(): void;
};

const SlaCountdown = ({ label, clock, testId }: { label: string; clock: SlaClock; testId: string }) => {
  const { t, i18n } = useTranslation('ticket');
  const time = formatCountdown(clock.remainingMs, i18n.language);
  const isLate = clock.remainingMs < 0;
  const text = clock.state === 'met' ? t(isLate ? 'sla.metLate' : 'sla.met', { time }) : t(isLate ? 'sla.overdue' : 'sla.left', { time });
  return (
    <div>
      <dt>{label}</dt>
      <dd>
        <span
          className={`sla sla-${clock.state}`}
          data-testid={testId}
          data-state={clock.state}
          title={t('sla.title', { state: slaLabel(t, clock.state), due: formatDateTime(clock.dueAt, i18n.language) })}
        >
          {clock.state === 'paused' ? t('sla.paused', { text }) : text}
        </span>
      </dd>
    </div>
  );
};

const Timeline = ({ items }: { items: TimelineItem[] }) => {
  const { t, i18n } = useTranslation('ticket');
  return (
    <ol className="timeline" aria-label={t('timelineLabel')}>
      {items.map((item) => (
        <li key={item.id} className={item.visibility === null ? 'timeline-item' : `timeline-item note note-${item.visibility}`}>
          <div className="timeline-line">
            <span>
              <span className="timeline-actor">{item.actor}</span> {item.summary}
              {item.visibility === 'public' && (
                <>
                  {' '}
                  <span className="badge note-visible" data-testid="note-visible">
                    {t('timeline.visibleToCaller')}
                  </span>
                </>
              )}
            </span>
            <time className="timeline-time" dateTime={item.at}>
              {formatDateTime(item.at, i18n.language)}
            </time>
          </div>
          {item.detail !== null && <p className="timeline-detail">{item.detail}</p>}
        </li>
      ))}
    </ol>
  );
};

/** The open ticket's panel, for the split handle that sizes it. */
export const TICKET_PANEL_ID = 'ticket-panel';

/** One ticket: its code and title (kept in view), refused changes, then its facts, the actions the rules allow and its history. Props only. */
export const TicketDetail = ({
  ticket,
  assignee,
  isMine,
  sla,
  timeline,
  technicians,
  actions,
  notice,
  rejected,
  onRetry,
  onDiscard,
  sessions,
  tags,
  links,
  solvedWithArticle,
  resolves,
  replies,
  source = 'cache',
  onClose,
}: TicketDetailProps) => {
  const { t, i18n } = useTranslation('ticket');
  const categoryLabel = useCategoryLabel();
  const callTime = formatCallDuration(ticket.callMs, i18n.language);
  return (
    <aside id={TICKET_PANEL_ID} className="detail" aria-label={t('panel', { code: ticket.code })} data-testid="ticket-detail" data-source={source}>
      {/* Stays at the top while the panel scrolls: a long history never hides which ticket this is. */}
      <div className="detail-top" data-testid="detail-top">
        <header className="detail-header">
          <div className="detail-ids">
            <span className="detail-code mono" data-testid="detail-code">
              {ticket.code}
            </span>
            <CopyButton text={ticket.code} label={t('copyCode')} />
            <span className={ticket.number === null ? 'muted' : 'detail-number'} data-testid="detail-number">
              {numberLabel(t, ticket.number)}
            </span>
          </div>
          <button type="button" className="icon-button" aria-label={t('closePanel')} aria-keyshortcuts="Escape" onClick={onClose}>
            ×
          </button>
        </header>
        <h2 className="detail-title" data-testid="detail-title">
          {ticket.title}
        </h2>
      </div>
      {notice}
      <TicketRejected banners={rejected} onRetry={onRetry} onDiscard={onDiscard} />
      <dl className="facts facts-grid">
        <div>
          <dt>{t('fact.status')}</dt>
          <dd>
            <span className={`badge status-${ticket.status}`} data-testid="detail-status" data-status={ticket.status}>
              {statusLabel(t, ticket.status)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('fact.tier')}</dt>
          <dd data-testid="detail-tier">{tierLabel(t, ticket.tier)}</dd>
        </div>
        <div>
          <dt>{t('fact.priority')}</dt>
          <dd>
            <span className={`badge priority-${ticket.priority}`} data-testid="detail-priority" data-priority={ticket.priority}>
              {priorityLabel(t, ticket.priority)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('fact.assignee')}</dt>
          <dd data-testid="detail-assignee">{assignee ?? <span className="muted">{t('unassigned')}</span>}</dd>
        </div>
        <SlaCountdown label={t('fact.firstResponse')} clock={sla.firstResponse} testId="sla-first-response" />
        <SlaCountdown label={t('fact.resolution')} clock={sla.resolution} testId="sla-resolution" />
        <div>
          <dt>{t('fact.requester')}</dt>
          <dd>
            {ticket.requester.name}
            {ticket.requester.contact !== null && <span className="muted"> · {ticket.requester.contact}</span>}
          </dd>
        </div>
        <div>
          <dt>{t('fact.category')}</dt>
          <dd data-testid="detail-category">{categoryLabel(ticket.category)}</dd>
        </div>
        <div>
          <dt>{t('fact.channel')}</dt>
          <dd>{channelLabel(t, ticket.channel)}</dd>
        </div>
        {callTime !== null && (
          <div>
            <dt>{t('fact.callTime')}</dt>
            <dd data-testid="detail-call-time">{callTime}</dd>
          </div>
        )}
      </dl>
      {tags}
      {links}
      {solvedWithArticle}
      {ticket.description.trim() !== '' && <p className="detail-description">{ticket.description}</p>}
      {ticket.resolution !== null && (
        <p className="detail-resolution">
          <strong>{t('resolutionLabel')}</strong> {ticket.resolution}
        </p>
      )}
      {actions !== null && <TicketActions key={ticket.id} ticket={ticket} isMine={isMine} technicians={technicians} actions={actions} resolves={resolves} />}
      {sessions}
      <section className="detail-history" aria-label={t('history')}>
        <h3>{t('history')}</h3>
        <Timeline items={timeline} />
        {actions !== null && <NoteForm key={ticket.id} onAdd={actions.addNote} replies={replies.replies} replyValues={replies.values} />}
      </section>
    </aside>
  );
};
