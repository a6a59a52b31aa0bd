import { Dexie } from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TicketEvent } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';
import type { RejectedChange } from '../../shared/sync/localStore';
import { useApp } from '../app/store';
import { useWorkspace } from '../app/useWorkspace';
import { rejectedTicketId } from '../db/rejectedRow';
import { useUsers } from '../sync/liveData';
import { retryArgs } from '../tickets/rejectedBanner';
import { refusalText } from '../tickets/ticketLabels';
import { RejectedDialog } from './RejectedDialog';
import { rejectedItems } from './rejectedItems';

type RejectedData = { changes: RejectedChange[]; tickets: Map<string, Ticket>; events: TicketEvent[] };

const NOTHING: RejectedData = { changes: [], tickets: new Map(), events: [] };

/** The rejected list over the cache and the workspace: Retry and Discard go through the workspace, the ticket opens in the panel. */
export const RejectedChanges = ({ onClose }: { onClose(): void }) => {
  const workspace = useWorkspace();
  const { db } = workspace;
  // The reasons and what was refused are the ticket banner's words, so both places read alike.
  const { t, i18n } = useTranslation('ticket');
  const locale = i18n.language;
  const users = useUsers(db);
  const selectTicket = useApp((state) => state.selectTicket);
  const data = useLiveQuery(
    async (): Promise<RejectedData> => {
      // Refused changes are few (each one waits for a person), so reading all of them is cheap.
      const changes = await db.rejected.orderBy('rejectedAt').reverse().toArray();
      const ids = [...new Set(changes.map(rejectedTicketId).filter((id) => id !== null))];
      const tickets = (await db.tickets.bulkGet(ids)).filter((ticket) => ticket !== undefined);
      const events = (await Promise.all(ids.map((id) => db.events.where('[ticketId+at]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray()))).flat();
      return { changes, tickets: new Map(tickets.map((ticket) => [ticket.id, ticket])), events };
    },
    [db],
    NOTHING,
  );
  const items = useMemo(() => rejectedItems(data.changes, { t, locale, users, tickets: data.tickets, events: data.events }), [data, t, locale, users]);

  const retry = async (rejectedId: string): Promise<string | null> => {
    const change = data.changes.find((candidate) => candidate.id === rejectedId);
    const ticketId = change === undefined ? null : rejectedTicketId(change);
    const ticket = ticketId === null ? undefined : data.tickets.get(ticketId);
    const result = await workspace.retry(rejectedId, change === undefined || ticket === undefined ? undefined : retryArgs(change, ticket));
    return result.ok ? null : refusalText(t, result.error);
  };

  return (
    <RejectedDialog
      items={items}
      onRetry={retry}
      onDiscard={(rejectedId) => workspace.discard(rejectedId)}
      onOpenTicket={(ticketId) => {
        selectTicket(ticketId);
        onClose();
      }}
      onClose={onClose}
    />
  );
};
