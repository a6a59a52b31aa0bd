import { useId, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { callerLinkKinds, type CallerLinkKind, type CallerTicket } from '../../shared/domain/callerHistory';
import { formatTimeToday } from '../../shared/format/dates';
import { ticketName } from '../../shared/domain/links';
import { NotHeldMark } from '../onDemand/ServerResults';
import { statusLabel } from '../tickets/ticketLabels';

/** The earlier ticket the new one will be linked to, and how: the same problem (a duplicate of it) or related. */
export type CallerLink = { ticketId: string; name: string; kind: CallerLinkKind };

export type CallerHistoryProps = {
  /** Undefined while the first lookup runs. */
  tickets: readonly CallerTicket[] | undefined;
  /**
   * The listed tickets only the server has (not held offline): marked so, and offered for no link,
   * since a link changes both tickets and the console can change only what it holds.
   */
  serverOnly: ReadonlySet<string>;
  /** Whether a name or contact has been typed at all. */
  hasQuery: boolean;
  picked: CallerLink | null;
  onPick(link: CallerLink | null): void;
  locale: string;
  /** The first pick button, which Alt+H focuses. */
  firstButton?: Ref<HTMLButtonElement>;
};

/**
 * Beside the call form: the caller's earlier tickets, newest first, with their status and code,
 * and a choice to link the new ticket to one of them. Picking the chosen button again unpicks it.
 */
export const CallerHistory = ({ tickets, serverOnly, hasQuery, picked, onPick, locale, firstButton }: CallerHistoryProps) => {
  const { t } = useTranslation('call');
  const { t: tTicket } = useTranslation('ticket');
  const headingId = useId();
  // Alt+H goes to the first choice offered: the first ticket the console holds.
  const firstHeld = tickets?.find((ticket) => !serverOnly.has(ticket.id))?.id ?? null;
  return (
    <section className="caller-history" aria-labelledby={headingId} data-testid="caller-history" aria-keyshortcuts="Alt+H">
      <h3 id={headingId}>{t('history.title')}</h3>
      {!hasQuery ? (
        <p className="muted">{t('history.hint')}</p>
      ) : tickets === undefined ? null : tickets.length === 0 ? (
        <p className="muted" role="status">
          {t('history.none')}
        </p>
      ) : (
        <ol className="caller-tickets" aria-label={t('history.title')}>
          {tickets.map((ticket) => {
            const name = ticketName(ticket);
            const isServerOnly = serverOnly.has(ticket.id);
            return (
              <li key={ticket.id} className="caller-ticket" data-ticket-id={ticket.id} data-server-only={isServerOnly}>
                <div className="caller-ticket-line">
                  <span className="caller-ticket-name">{name}</span>
                  <span className="mono muted">{ticket.code}</span>
                  <span className={`badge status-${ticket.status}`}>{statusLabel(tTicket, ticket.status)}</span>
                  <time dateTime={ticket.createdAt}>{formatTimeToday(ticket.createdAt, locale)}</time>
                  {isServerOnly && <NotHeldMark />}
                </div>
                <div className="caller-ticket-title">{ticket.title}</div>
                <div className="caller-ticket-requester muted">
                  {ticket.requester.contact === null ? ticket.requester.name : `${ticket.requester.name} · ${ticket.requester.contact}`}
                </div>
                {!isServerOnly && (
                  <div className="caller-ticket-actions">
                    {callerLinkKinds(ticket).map((kind, column) => {
                      const isPicked = picked?.ticketId === ticket.id && picked.kind === kind;
                      return (
                        <button
                          key={kind}
                          ref={ticket.id === firstHeld && column === 0 ? firstButton : undefined}
                          type="button"
                          className="button small"
                          aria-pressed={isPicked}
                          onClick={() => onPick(isPicked ? null : { ticketId: ticket.id, name, kind })}
                        >
                          {t(`history.${kind}`, { name })}
                        </button>
                      );
                    })}
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {picked !== null && (
        <p className="caller-link-summary" role="status" data-testid="caller-link-summary">
          {t(`history.willLink.${picked.kind}`, { name: picked.name })}
        </p>
      )}
    </section>
  );
};
