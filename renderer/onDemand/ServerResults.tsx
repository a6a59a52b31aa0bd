import './onDemand.css';
import { useTranslation } from 'react-i18next';
import type { Ticket } from '../../shared/domain/ticket';
import { formatTimeToday } from '../../shared/format/dates';
import { formatNumber } from '../../shared/format/numbers';
import { statusLabel } from '../tickets/ticketLabels';
import type { ServerSearch } from './useServerSearch';

export type ServerResultsProps = {
  /** Whether words are typed in the search at all. */
  hasQuery: boolean;
  isOnline: boolean;
  /** How many tickets the console holds: what an offline search searched. */
  held: number;
  search: ServerSearch;
  onOpen(ticket: Ticket): void;
};

/** The mark of a ticket this console does not hold: said in words, not by colour alone. */
export const NotHeldMark = () => {
  const { t } = useTranslation('queue');
  return (
    <span className="badge not-held" title={t('server.notHeldTitle')} data-testid="not-held">
      {t('server.notHeld')}
    </span>
  );
};

/**
 * Under the queue while searching: the server's matching tickets that this console does not hold,
 * each marked so, newest first, a page at a time; offline, what the search could not cover.
 */
export const ServerResults = ({ hasQuery, isOnline, held, search, onOpen }: ServerResultsProps) => {
  const { t, i18n } = useTranslation('queue');
  const { t: tTicket } = useTranslation('ticket');
  const locale = i18n.language;
  if (!hasQuery) return null;
  const shown = formatNumber(held, locale);
  if (!isOnline) {
    return (
      <p className="server-note" role="status" data-testid="server-search-offline">
        {t('server.offline', { count: held, shown })}
      </p>
    );
  }
  const { status, rows, failure } = search;
  return (
    <section className="server-results" aria-labelledby="server-results-heading" data-testid="server-results" data-status={status}>
      {rows.length > 0 && (
        <>
          <h3 id="server-results-heading">{t('server.heading')}</h3>
          <ul className="server-rows">
            {rows.map((ticket) => (
              <li key={ticket.id}>
                <button
                  type="button"
                  className="server-row"
                  data-ticket-id={ticket.id}
                  data-code={ticket.code}
                  aria-label={`${t('server.open', { code: ticket.code })}: ${ticket.title}`}
                  onClick={() => onOpen(ticket)}
                >
                  <span className="mono">{ticket.code}</span>
                  <span className="server-row-number">{ticket.number === null ? '' : `#${ticket.number}`}</span>
                  <span className="server-row-title">{ticket.title}</span>
                  <span className="server-row-requester muted">{ticket.requester.name}</span>
                  <span className={`badge status-${ticket.status}`}>{statusLabel(tTicket, ticket.status)}</span>
                  <time dateTime={ticket.updatedAt}>{formatTimeToday(ticket.updatedAt, locale)}</time>
                  <NotHeldMark />
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="server-note muted" role="status">
        {status === 'searching'
          ? t('server.searching')
          : status === 'more'
            ? t('server.loadingMore')
            : status === 'failed' && failure !== null
              ? failure.kind === 'offline'
                ? t('server.unreachable', { count: held, shown })
                : t('server.failed', { message: failure.kind === 'refused' ? failure.message : failure.kind })
              : status === 'done' && rows.length === 0
                ? t('server.none')
                : ''}
      </p>
      {search.hasMore && status === 'done' && (
        <button type="button" className="button small" onClick={search.loadMore}>
          {t('server.more')}
        </button>
      )}
    </section>
  );
};
