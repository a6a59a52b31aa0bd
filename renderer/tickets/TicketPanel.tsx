import { Dexie } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { randomUuid } from '../../shared/platform';
import type { Result } from '../../shared/result';
import { useApp } from '../app/store';
import { RemoteSessions } from '../sessions/RemoteSessions';
import { useWorkspace } from '../app/useWorkspace';
import { useNow, useUsers } from '../sync/liveData';
import { userName } from './format';
import type { ActionOutcome, TicketActionHandlers } from './TicketActions';
import { TicketDetail } from './TicketDetail';
import { slaClocks } from './slaClock';
import { buildTimeline } from './timeline';

const outcome = (result: Result<unknown>): ActionOutcome => (result.ok ? null : result.error.message);

/** The selected ticket from the cache, live; every action goes through the workspace's mutate. */
export const TicketPanel = ({ ticketId }: { ticketId: string }) => {
  const workspace = useWorkspace();
  const { db, user } = workspace;
  const close = useApp((state) => state.selectTicket);
  // undefined while loading, null when the cache has no such ticket.
  const ticket = useLiveQuery(async () => (await db.tickets.get(ticketId)) ?? null, [db, ticketId]);
  const events = useLiveQuery(
    () => db.events.where('[ticketId+at]').between([ticketId, Dexie.minKey], [ticketId, Dexie.maxKey]).toArray(),
    [db, ticketId],
  );
  const notes = useLiveQuery(() => db.notes.where('ticketId').equals(ticketId).toArray(), [db, ticketId]);
  const users = useUsers(db);
  // Every second: the SLA countdowns in the header tick live.
  const now = useNow(1000);
  const timeline = useMemo(() => buildTimeline(events ?? [], notes ?? [], users), [events, notes, users]);

  const actions = useMemo((): TicketActionHandlers | null => {
    if (ticket === undefined || ticket === null) return null;
    return {
      take: async () => outcome(await workspace.run('ticket:assign', { id: ticket.id, assigneeId: user.id })),
      transition: async (to, resolution) =>
        outcome(await workspace.run('ticket:transition', { id: ticket.id, from: ticket.status, to, resolution })),
      escalate: async (toTier, reason) => outcome(await workspace.run('ticket:escalate', { id: ticket.id, toTier, reason })),
      addNote: async (body, visibility) => outcome(await workspace.run('note:add', { id: randomUuid(), ticketId: ticket.id, body, visibility })),
    };
  }, [ticket, workspace, user.id]);

  if (ticket === undefined) return <aside className="detail" aria-busy="true" aria-label="Ticket" />;
  if (ticket === null || actions === null) {
    return (
      <aside className="detail" aria-label="Ticket">
        <p className="empty">This ticket is not in the local cache.</p>
        <button type="button" className="button" onClick={() => close(null)}>
          Close
        </button>
      </aside>
    );
  }
  return (
    <TicketDetail
      ticket={ticket}
      assignee={userName(users, ticket.assigneeId)}
      isMine={ticket.assigneeId === user.id}
      sla={slaClocks(ticket, now)}
      timeline={timeline}
      actions={actions}
      sessions={<RemoteSessions ticketId={ticket.id} />}
      onClose={() => close(null)}
    />
  );
};
