import { CALLER_HISTORY_LIMIT, callerHistory, callerTerms, isCallersTicket, type CallerQuery, type CallerTicket } from '../domain/callerHistory';
import type { Ticket } from '../domain/ticket';

/**
 * A console holds its working set; the server's answers add the tickets it does not hold. These
 * rules decide which of the server's tickets a console shows beside its own, and in what order.
 */

/**
 * The tickets of the server's search pages that the console does not hold, in the server's order
 * (newest first, page after page), each once: a ticket that moved between two pages (a page is
 * asked for later than the one before it) is shown where it came first.
 */
export const serverOnlyTickets = (pages: ReadonlyArray<readonly Ticket[]>, isHeld: (ticketId: string) => boolean): Ticket[] => {
  const seen = new Set<string>();
  const shown: Ticket[] = [];
  for (const page of pages) {
    for (const ticket of page) {
      if (seen.has(ticket.id) || isHeld(ticket.id)) continue;
      seen.add(ticket.id);
      shown.push(ticket);
    }
  }
  return shown;
};

/**
 * The server-side query that finds a caller's tickets by name, or null when it cannot: the
 * server's search reads the requester's name but not the contact, so a contact alone is looked up
 * in the cache only. The answer still passes `isCallersTicket`, so a title that merely holds the
 * name's words is not taken for the caller's ticket.
 */
export const callerServerQuery = (query: CallerQuery): string | null => callerTerms(query)?.name ?? null;

/** The caller's earlier tickets from the cache and the server together, and which of them only the server has. */
export type MergedCallerHistory = { tickets: CallerTicket[]; serverOnly: ReadonlySet<string> };

/**
 * The caller's tickets newest first, at most `limit`, from the cache's answer (`callerHistory` over
 * the cache, with the same limit) and the server's search: a ticket the cache lists is shown from
 * the cache (its copy may carry local work not sent yet); the server adds only the caller's
 * tickets the cache did not list. Those are the ones the cache does not hold: a caller's ticket it
 * holds but did not list is older than every listed one, which fill the limit, so it is not shown.
 */
export const mergeCallerHistory = (
  local: readonly CallerTicket[],
  server: readonly Ticket[],
  query: CallerQuery,
  limit = CALLER_HISTORY_LIMIT,
): MergedCallerHistory => {
  const terms = callerTerms(query);
  if (terms === null) return { tickets: [], serverOnly: new Set() };
  const localIds = new Set(local.map((ticket) => ticket.id));
  const extra = server.filter((ticket) => !localIds.has(ticket.id) && isCallersTicket(ticket, terms));
  const tickets = callerHistory([...local, ...extra], query, limit);
  const extraIds = new Set(extra.map((ticket) => ticket.id));
  return { tickets, serverOnly: new Set(tickets.filter((ticket) => extraIds.has(ticket.id)).map((ticket) => ticket.id)) };
};
