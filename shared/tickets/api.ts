import type { Note, RemoteSession, TicketEvent } from '../domain/records';
import type { Ticket } from '../domain/ticket';

/**
 * The server's ticket lookups (docs/API.md, "Tickets"): any ticket of the desk, also one a
 * console does not hold. Records are as sync sends them.
 */

/** `GET /api/tickets?q=&cursor=&limit=`: matches newest first (by number, descending). */
export type TicketPage = {
  tickets: Ticket[];
  /** Send back as `cursor` for the next page; null on the last page. A page before the last may hold fewer tickets than asked, even none. */
  next: string | null;
};

/** `GET /api/tickets/<id, code or number>`: the ticket and its timeline. */
export type TicketWithTimeline = { ticket: Ticket; events: TicketEvent[]; notes: Note[]; sessions: RemoteSession[] };

/** Bounds of a search request: query characters, tickets per page and the page when none is asked for. */
export const TICKET_SEARCH_LIMITS = { query: 200, page: 200, defaultPage: 50 } as const;
