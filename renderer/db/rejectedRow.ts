import { Dexie } from 'dexie';
import type { RejectedChange } from '../../shared/sync/localStore';
import type { MejaDb } from './database';

/**
 * A refused change as the cache stores it. `ticketId` is always `rejectedTicketId` of the row and
 * absent when the change is about no ticket, so the `[ticketId+rejectedAt]` index leaves such
 * rows out. Change the rule only with a cache version that fills `ticketId` in again.
 */
export type RejectedRow = RejectedChange & { ticketId?: string };

/**
 * The id of the ticket a change was about, from its arguments (`id` for ticket:*, `ticketId` for
 * `ticket:linkArticle`, whose `id`-less arguments name a ticket and an article, and for the rest).
 */
export const rejectedTicketId = (change: RejectedChange): string | null => {
  if (typeof change.args !== 'object' || change.args === null) return null;
  const args: Record<string, unknown> = { ...change.args };
  const id = change.name.startsWith('ticket:') && change.name !== 'ticket:linkArticle' ? args.id : args.ticketId;
  return typeof id === 'string' ? id : null;
};

export const toRejectedRow = (change: RejectedChange): RejectedRow => {
  const ticketId = rejectedTicketId(change);
  return ticketId === null ? change : { ...change, ticketId };
};

/** A ticket's refused changes, newest first, read through the index: other tickets' are never read. */
export const ticketRejected = (db: MejaDb, ticketId: string): Promise<RejectedRow[]> =>
  db.rejected.where('[ticketId+rejectedAt]').between([ticketId, Dexie.minKey], [ticketId, Dexie.maxKey]).reverse().toArray();
