import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import type { TicketWithTimeline } from '../../shared/tickets/api';
import { useWorkspace } from '../app/useWorkspace';
import { useNow, useUsers } from '../sync/liveData';
import { slaClocks } from '../tickets/slaClock';
import type { Assignable, ResolveReach } from '../tickets/TicketActions';
import { TICKET_PANEL_ID, TicketDetail, type TicketDetailProps } from '../tickets/TicketDetail';
import { buildTimeline } from '../tickets/timeline';
import type { LookupFailure } from './ticketsClient';
import { useCanAskServer, useOnDemandTickets } from './useOnDemand';

// What only an editable panel uses: a read-only one has no actions and no note form.
const NO_TECHNICIANS: readonly Assignable[] = [];
const NO_REPLIES = {
  replies: [],
  values: { 'caller.name': '', 'ticket.code': '', 'ticket.title': '', 'technician.name': '' },
} satisfies TicketDetailProps['replies'];
const NO_REACH: ResolveReach = { isProblem: false, openIncidents: 0, openDuplicates: 0 };

/**
 * The ticket as the server answered, with its timeline, read-only. Changes wait until sync has
 * brought the ticket into the cache: the local rules check each change against the cached ticket
 * and its records, and a change queued against records the cache lacks could be refused or
 * rebased on a state nobody saw; once cached, the panel is the usual one and every action works.
 */
const FetchedTicket = ({ answer, onClose }: { answer: TicketWithTimeline; onClose(): void }) => {
  const { db } = useWorkspace();
  const { t, i18n } = useTranslation('ticket');
  const locale = i18n.language;
  const users = useUsers(db);
  const now = useNow(1000);
  const { ticket } = answer;
  const timeline = useMemo(() => buildTimeline(answer.events, answer.notes, { users, t, locale }), [answer, users, t, locale]);
  return (
    <TicketDetail
      ticket={ticket}
      assignee={ticket.assigneeId === null ? null : (users.get(ticket.assigneeId)?.displayName ?? t('unknownUser'))}
      isMine={false}
      sla={slaClocks(ticket, now)}
      timeline={timeline}
      technicians={NO_TECHNICIANS}
      actions={null}
      notice={
        <p className="on-demand-note" role="status" data-testid="on-demand-note">
          {t('onDemand.fetched')}
        </p>
      }
      rejected={[]}
      onRetry={async () => null}
      onDiscard={async () => undefined}
      sessions={null}
      tags={null}
      links={null}
      resolves={NO_REACH}
      replies={NO_REPLIES}
      source="server"
      onClose={onClose}
    />
  );
};

const failureText = (t: ReturnType<typeof useTranslation<'ticket'>>['t'], failure: LookupFailure): string => {
  switch (failure.kind) {
    case 'offline':
    case 'cancelled':
      return t('onDemand.offline');
    case 'notFound':
      return t('onDemand.notFound');
    case 'refused':
      return t('onDemand.failed', { message: failure.message });
  }
};

/**
 * The panel of a ticket the cache does not hold: read from the server when it was opened from the
 * server's search (or, online, when nothing has read it yet), shown from that answer until the
 * cache has it; a clear word while it is read, when it cannot be, and offline.
 */
export const OnDemandTicket = ({ ticketId, onClose }: { ticketId: string; onClose(): void }) => {
  const { t } = useTranslation('ticket');
  const onDemand = useOnDemandTickets();
  const entry = useStore(onDemand.store, (state) => state.tickets.get(ticketId));
  const canAsk = useCanAskServer();
  // A ticket opened some other way (a link in a history, a notice) is read once, when online.
  useEffect(() => {
    if (entry === undefined && canAsk) void onDemand.open(ticketId);
  }, [entry, canAsk, onDemand, ticketId]);

  if (entry?.state === 'fetched') return <FetchedTicket answer={entry.answer} onClose={onClose} />;
  const isBusy = entry?.state === 'fetching' || (entry === undefined && canAsk);
  return (
    <aside id={TICKET_PANEL_ID} className="detail" aria-busy={isBusy} aria-label={t('panelLoading')} data-testid="on-demand-panel">
      <p className={entry?.state === 'failed' ? 'empty on-demand-failed' : 'empty'} role={entry?.state === 'failed' ? 'alert' : 'status'}>
        {entry?.state === 'failed' ? failureText(t, entry.failure) : isBusy ? t('onDemand.fetching') : t('onDemand.offline')}
      </p>
      <div className="on-demand-buttons">
        {entry?.state === 'failed' && canAsk && (
          <button type="button" className="button" onClick={() => void onDemand.open(ticketId)}>
            {t('onDemand.retry')}
          </button>
        )}
        <button type="button" className="button" onClick={onClose}>
          {t('closePanel')}
        </button>
      </div>
    </aside>
  );
};
