import { z } from 'zod';
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

/**
 * The two lookups as a console asks them: the same request type for the web page's own fetch and
 * for the desktop main process (`tickets:request`), so the two cannot build a different request,
 * and the main process can send nothing but these two GETs.
 */
export const ticketsRequestSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('search'),
    q: z
      .string()
      .max(TICKET_SEARCH_LIMITS.query, `at most ${TICKET_SEARCH_LIMITS.query} characters`)
      .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters'),
    // The server's own bound on a cursor; what it holds is the server's business.
    cursor: z.string().min(1).max(64).optional(),
    limit: z.number().int().min(1).max(TICKET_SEARCH_LIMITS.page).optional(),
  }),
  z.strictObject({
    action: z.literal('open'),
    // Goes into the path: an id, a number (`12`, `#12`) or a caller code; no slash, dot or
    // percent can turn it into another route.
    ref: z.string().regex(/^#?[A-Za-z0-9_-]{1,64}$/, 'an id, number or code'),
  }),
]);

export type TicketsRequest = z.infer<typeof ticketsRequestSchema>;

/** The HTTP request for a lookup; the path is relative to the server's origin. Both are GETs without a body. */
export const ticketsHttpRequest = (request: TicketsRequest): { method: 'GET'; path: string; body: null } => {
  switch (request.action) {
    case 'search': {
      // encodeURIComponent rather than URLSearchParams, which shared/'s runtime types lack.
      const pairs: Array<[string, string]> = [['q', request.q]];
      if (request.cursor !== undefined) pairs.push(['cursor', request.cursor]);
      if (request.limit !== undefined) pairs.push(['limit', String(request.limit)]);
      return { method: 'GET', path: `/api/tickets?${pairs.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&')}`, body: null };
    }
    case 'open':
      return { method: 'GET', path: `/api/tickets/${encodeURIComponent(request.ref)}`, body: null };
  }
};

/** The server's answer as it came, or `unreachable` when it could not be asked. */
export type TicketsAnswer = { kind: 'answered'; status: number; body: string } | { kind: 'unreachable' };
