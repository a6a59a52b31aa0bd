import { Dexie } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { randomUuid } from '../../shared/platform';
import type { Result } from '../../shared/result';
import type { Status } from '../../shared/domain/ticket';
import { useApp } from '../app/store';
import { useWorkspace } from '../app/useWorkspace';
import { ticketRejected } from '../db/rejectedRow';
import { replyValues } from '../../shared/domain/replyTemplate';
import { useReplies } from '../replies/useReplies';
import { RemoteSessions } from '../remoteSessions/RemoteSessions';
import { useNow, useUsers } from '../sync/liveData';
import { rejectedBanner, retryArgs } from './rejectedBanner';
import { slaClocks } from './slaClock';
import type { ActionOutcome, Assignable, TicketActionHandlers } from './TicketActions';
import { TICKET_PANEL_ID, TicketDetail } from './TicketDetail';
import { SolvedWithArticle } from '../knowledge/SolvedWithArticle';
import { TicketLinks } from './TicketLinks';
import { TicketTags } from './TicketTags';
import { refusalText } from './ticketLabels';
import { ticketName } from '../../shared/domain/links';
import { groupLinks, referencedTicketIds } from './ticketLinks';
import { buildTimeline } from './timeline';
import { useLinkedTickets } from './useLinkedTickets';
import { useCachedTicket } from './useCachedTicket';
import { OnDemandTicket } from '../onDemand/OnDemandTicket';
import { useOnDemandTickets } from '../onDemand/useOnDemand';

/**
 * The selected ticket from the cache, live; every action goes through the workspace's mutate. A
 * ticket the cache does not hold is read from the server and shown read-only until sync brings it.
 */
export const TicketPanel = ({ ticketId }: { ticketId: string }) => {
  const workspace = useWorkspace();
  const { db, user } = workspace;
  const { t, i18n } = useTranslation('ticket');
  const locale = i18n.language;
  const close = useApp((state) => state.selectTicket);
  // undefined while loading, null when the cache has no such ticket.
  const ticket = useCachedTicket(workspace, ticketId);
  // Held now: the answer read from the server while it was not is no longer shown.
  const onDemand = useOnDemandTickets();
  const isHeld = ticket !== undefined && ticket !== null;
  useEffect(() => {
    if (isHeld) onDemand.forget(ticketId);
  }, [isHeld, onDemand, ticketId]);
  const events = useLiveQuery(() => db.events.where('[ticketId+at]').between([ticketId, Dexie.minKey], [ticketId, Dexie.maxKey]).toArray(), [db, ticketId]);
  const notes = useLiveQuery(() => db.notes.where('ticketId').equals(ticketId).toArray(), [db, ticketId]);
  // Through the index, a refusal about another ticket is neither read here nor wakes this query.
  const rejected = useLiveQuery(() => ticketRejected(db, ticketId), [db, ticketId]);
  const users = useUsers(db);
  // Titles of the articles the timeline names (article_linked).
  const articles = useLiveQuery(() => db.articles.toArray(), [db]);
  const replies = useReplies(db, locale);
  // Every second: the SLA countdowns in the header tick live.
  const now = useNow(1000);
  // The tickets its links and its history name, by number or code.
  const linked = useLinkedTickets(db, ticket === undefined || ticket === null ? [] : referencedTicketIds(ticket, events ?? []));
  const groups = useMemo(() => (ticket === undefined || ticket === null ? null : groupLinks(ticket, linked)), [ticket, linked]);
  const timeline = useMemo(() => {
    const nameOf = (id: string) => {
      const other = linked.get(id);
      return other === undefined ? null : ticketName(other);
    };
    const articleTitle = (id: string) => articles?.find((article) => article.id === id)?.title ?? null;
    return buildTimeline(events ?? [], notes ?? [], { users, t, locale, ticketName: nameOf, articleTitle });
  }, [events, notes, users, t, locale, linked, articles]);
  const banners = useMemo(
    () => (rejected ?? []).map((change) => rejectedBanner(change, { t, locale, users, events: events ?? [] })),
    [rejected, events, users, t, locale],
  );
  const technicians = useMemo(
    (): Assignable[] =>
      [...users.values()]
        .filter((candidate) => candidate.role === 'technician' && candidate.active)
        .map((technician) => ({ id: technician.id, name: technician.displayName }))
        .sort((a, b) => a.name.localeCompare(b.name, locale)),
    [users, locale],
  );

  const actions = useMemo((): TicketActionHandlers | null => {
    if (ticket === undefined || ticket === null) return null;
    const outcome = (result: Result<unknown>, from?: Status): ActionOutcome =>
      result.ok ? null : refusalText(t, result.error, from === undefined ? {} : { from });
    return {
      take: async () => outcome(await workspace.run('ticket:assign', { id: ticket.id, assigneeId: user.id })),
      assign: async (assigneeId) => outcome(await workspace.run('ticket:assign', { id: ticket.id, assigneeId })),
      transition: async (to, resolution) =>
        outcome(await workspace.run('ticket:transition', { id: ticket.id, from: ticket.status, to, resolution }), ticket.status),
      escalate: async (toTier, reason) => outcome(await workspace.run('ticket:escalate', { id: ticket.id, toTier, reason })),
      edit: async (args) => outcome(await workspace.run('ticket:update', args)),
      addNote: async (body, visibility) => outcome(await workspace.run('note:add', { id: randomUuid(), ticketId: ticket.id, body, visibility })),
    };
  }, [ticket, workspace, user.id, t]);

  if (ticket === undefined) return <aside id={TICKET_PANEL_ID} className="detail" aria-busy="true" aria-label={t('panelLoading')} />;
  // Not held offline: read from the server until sync brings it into the cache.
  if (ticket === null) return <OnDemandTicket ticketId={ticketId} onClose={() => close(null)} />;
  if (actions === null || groups === null) {
    return (
      <aside id={TICKET_PANEL_ID} className="detail" aria-label={t('panelLoading')}>
        <p className="empty">{t('notCached')}</p>
        <button type="button" className="button" onClick={() => close(null)}>
          {t('closePanel')}
        </button>
      </aside>
    );
  }
  const retry = async (rejectedId: string): Promise<ActionOutcome> => {
    const change = rejected?.find((candidate) => candidate.id === rejectedId);
    const result = await workspace.retry(rejectedId, change === undefined ? undefined : retryArgs(change, ticket));
    return result.ok ? null : refusalText(t, result.error);
  };
  return (
    <TicketDetail
      ticket={ticket}
      assignee={ticket.assigneeId === null ? null : (users.get(ticket.assigneeId)?.displayName ?? t('unknownUser'))}
      isMine={ticket.assigneeId === user.id}
      sla={slaClocks(ticket, now)}
      timeline={timeline}
      technicians={technicians}
      actions={actions}
      rejected={banners}
      onRetry={retry}
      onDiscard={(rejectedId) => workspace.discard(rejectedId)}
      sessions={<RemoteSessions ticketId={ticket.id} />}
      tags={<TicketTags ticket={ticket} />}
      links={<TicketLinks ticket={ticket} groups={groups} />}
      solvedWithArticle={<SolvedWithArticle ticket={ticket} />}
      resolves={{ isProblem: ticket.isProblem === true, openIncidents: groups.openIncidents, openDuplicates: groups.openDuplicates }}
      replies={{ replies, values: replyValues(ticket, users.get(user.id)?.displayName ?? user.displayName) }}
      onClose={() => close(null)}
    />
  );
};
