import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useRef, useState } from 'react';
import type { Ticket } from '../../shared/domain/ticket';
import type { Workspace } from '../sync/workspace';
import { shownTicket, type HeardWrite } from './cachedTicket';

/**
 * A ticket from the cache, live: undefined while loading, null when the cache has no such
 * ticket. A committed write shows as soon as the change feed reports it (a technician's own
 * edit among them), before the live query has read it back (see shownTicket).
 */
export const useCachedTicket = (workspace: Workspace, ticketId: string): Ticket | null | undefined => {
  const { db, ticketChanges, held } = workspace;
  const read = useLiveQuery(async () => (await db.tickets.get(ticketId)) ?? null, [db, ticketId]);
  // Held in memory from the read, so a change to it shows before the cache stores it (shownFirst.ts).
  useEffect(() => {
    if (read !== undefined && read !== null) held.remember(read);
  }, [held, read]);
  const [heard, setHeard] = useState<HeardWrite | null>(null);
  // The feed's listener runs outside React; it needs the read that is on screen when a write comes.
  const lastRead = useRef(read);
  useEffect(() => {
    lastRead.current = read;
  }, [read]);
  useEffect(
    () =>
      ticketChanges.subscribe((change) => {
        if (change.kind !== 'some' || !change.written.has(ticketId)) return;
        setHeard({ ticketId, ticket: change.written.get(ticketId) ?? null, readBefore: lastRead.current });
      }),
    [ticketChanges, ticketId],
  );
  return shownTicket(ticketId, read, heard);
};
