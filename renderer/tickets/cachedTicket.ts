import type { Ticket } from '../../shared/domain/ticket';

/**
 * A ticket's latest committed write, heard from the cache's change feed, with what the live
 * query had read when it came. `ticket` null: the write deleted it.
 */
export type HeardWrite = { ticketId: string; ticket: Ticket | null; readBefore: Ticket | null | undefined };

/**
 * What the panel shows: the write heard from the feed until the live query reads the cache
 * again, then what it read. The feed hears of a commit at once; the live query reads the ticket
 * back in a transaction of its own, which waits its turn behind the queue's re-render and other
 * reads (docs/BENCHMARKS.md, "Local edit: where the time goes"). A read that came after the write is at least
 * as new as it, so a new read always wins. `read` undefined: still loading; null: not cached.
 */
export const shownTicket = (ticketId: string, read: Ticket | null | undefined, heard: HeardWrite | null): Ticket | null | undefined =>
  heard !== null && heard.ticketId === ticketId && heard.readBefore === read ? heard.ticket : read;
