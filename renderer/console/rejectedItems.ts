import type { PublicUser, TicketEvent } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';
import type { RejectedChange } from '../../shared/sync/localStore';
import { rejectedTicketId } from '../db/rejectedRow';
import { rejectedBanner, type RejectedBanner } from '../tickets/rejectedBanner';
import type { TicketT } from '../tickets/ticketLabels';

/** One refused change in the console-wide list: the ticket's banner texts plus which ticket it was. */
export type RejectedItem = RejectedBanner & {
  /** The ticket when it is in the cache (a ticket this console created and the server refused is). */
  ticket: Pick<Ticket, 'id' | 'code' | 'title'> | null;
};

export type RejectedItemsContext = {
  t: TicketT;
  locale: string;
  users: ReadonlyMap<string, PublicUser>;
  tickets: ReadonlyMap<string, Ticket>;
  /** Events of the tickets involved, to name who made the server's status. */
  events: readonly TicketEvent[];
};

/**
 * The list's rows, in the order given. Worded exactly as the ticket's own banner, so the
 * technician reads the same sentence in both places; a change about no known ticket still shows.
 */
export const rejectedItems = (changes: readonly RejectedChange[], ctx: RejectedItemsContext): RejectedItem[] =>
  changes.map((change) => {
    const ticketId = rejectedTicketId(change);
    const ticket = ticketId === null ? undefined : ctx.tickets.get(ticketId);
    const events = ticketId === null ? [] : ctx.events.filter((event) => event.ticketId === ticketId);
    return {
      ...rejectedBanner(change, { t: ctx.t, locale: ctx.locale, users: ctx.users, events }),
      ticket: ticket === undefined ? null : { id: ticket.id, code: ticket.code, title: ticket.title },
    };
  });
