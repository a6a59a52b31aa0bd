import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ticketPageSchema, ticketWithTimelineSchema } from '../../shared/api/tickets';
import { searchWords } from '../../shared/domain/ticketSearch';
import type { WorkingSetParams } from '../../shared/sync/workingSet';
import { TICKET_SEARCH_LIMITS, type TicketPage } from '../../shared/tickets/api';
import { defineRoute } from '../api/contract';
import { route } from '../api/route';
import { currentUser } from '../auth/guard';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { storageFaultOf } from '../db/storageFault';
import { HttpError } from '../http';
import { findTicketWithTimeline, INDEXED_WORD_CHARACTERS, searchTickets, SHORT_WORD_STRETCH } from '../search/searchTickets';
import { recordTicketOpen } from '../sync/ticketOpens';

const { query: MAX_QUERY, page: MAX_PAGE, defaultPage: DEFAULT_PAGE } = TICKET_SEARCH_LIMITS;

// One body for an unknown reference and one that cannot name a ticket.
const NOT_FOUND_MESSAGE = 'No ticket has this id, number or code.';

/** A page's cursor: the number of its last ticket, wrapped so that clients hand it back rather than build one. */
const encodeCursor = (last: number): string => Buffer.from(`tickets-before:${last}`).toString('base64url');

const decodeCursor = (cursor: string): number | null => {
  const match = /^tickets-before:([1-9]\d{0,14})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match?.[1] === undefined ? null : Number(match[1]);
};

const ticketsQuery = z.strictObject({
  q: z
    .string()
    .max(MAX_QUERY, `at most ${MAX_QUERY} characters`)
    .refine((value) => !value.includes('\u0000'), 'must not contain NUL characters')
    .optional()
    .meta({
      description: `Words separated by white space, at most ${MAX_QUERY} characters; a ticket matches when every word is part of its code, #number, title, requester, category, status, priority, tags or the start of its description, in any case. None: every ticket.`,
    }),
  cursor: z.string().max(64).optional().meta({ description: 'The `next` of the previous page, exactly as received; none for the first page.' }),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, `a whole number from 1 to ${MAX_PAGE}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_PAGE, `a whole number from 1 to ${MAX_PAGE}`)
    .optional()
    .meta({ description: `Tickets per page: a whole number from 1 to ${MAX_PAGE} (default ${DEFAULT_PAGE}).` }),
});

export const searchTicketsRoute = defineRoute({
  id: 'searchTickets',
  method: 'GET',
  url: '/api/tickets',
  access: 'signed-in',
  summary: 'Tickets of the whole desk matching every query word, newest first, a page at a time',
  description: `The same rule as the console's own search (every word a substring, lower-cased), over every ticket the server holds. Words of ${INDEXED_WORD_CHARACTERS} characters or more are looked up in a trigram index; shorter words only narrow what those found, and a query with a short word reads the tickets newest first until a page is full or it has read ${SHORT_WORD_STRETCH.toLocaleString('en')} ticket numbers, so a page may hold fewer than \`limit\`, even none, with \`next\` set (docs/API.md, Tickets).`,
  query: { schema: ticketsQuery, what: 'ticket search' },
  responses: { 200: { description: 'A page of matching tickets, as sync sends them.', content: { 'application/json': ticketPageSchema } } },
  errors: ['invalid_cursor'],
});

export const ticketRoute = defineRoute({
  id: 'readTicket',
  method: 'GET',
  url: '/api/tickets/:ref',
  access: 'signed-in',
  summary: 'One ticket of the desk with its timeline, by id, number or caller code',
  description:
    'The reference is tried as a ticket id, then as a number (`12`, or `#12` written `%2312`), then as a caller code in any case, with or without the dash. An unknown reference and one that cannot name a ticket get the same 404. Reading a ticket records that the signed-in user opened it: it joins their working set for `openedDays` days (GET /api/sync/scope); a 404 records nothing.',
  params: { schema: z.object({ ref: z.string().meta({ description: 'A ticket id, number or caller code.' }) }), what: 'ticket reference' },
  responses: {
    200: {
      description: 'The ticket and its events, notes and remote sessions, as sync sends them.',
      content: { 'application/json': ticketWithTimelineSchema },
    },
  },
  errors: ['not_found'],
});

/**
 * `GET /api/tickets?q=` and `GET /api/tickets/<ref>`: any ticket of the desk, for any member of
 * staff (docs/API.md, Tickets). Reading one is opening it on demand: it joins the reader's working
 * set (`scope`'s `openedDays` and `openedMax`), dated by `now`.
 */
export const ticketRoutes = (app: FastifyInstance, db: Db, kind: DatabaseKind, scope: WorkingSetParams, now: () => number = Date.now): void => {
  route(app, searchTicketsRoute, async ({ query }): Promise<TicketPage> => {
    let before: number | null = null;
    if (query.cursor !== undefined && query.cursor !== '') {
      before = decodeCursor(query.cursor);
      if (before === null)
        throw new HttpError(400, 'invalid_cursor', 'The cursor is malformed; send back the next of the previous page exactly as received, or none.');
    }
    const page = await searchTickets(db, kind, searchWords(query.q ?? ''), before, query.limit ?? DEFAULT_PAGE);
    return { tickets: page.tickets, next: page.hasMore && page.last !== null ? encodeCursor(page.last) : null };
  });

  route(app, ticketRoute, async ({ params }, request) => {
    const found = await findTicketWithTimeline(db, kind, params.ref);
    if (found === null) throw new HttpError(404, 'not_found', NOT_FOUND_MESSAGE);
    try {
      await recordTicketOpen(db, kind, currentUser(request).id, found.ticket.id, now(), scope);
    } catch (error) {
      // A database that cannot store anything for now (disk full, read-only) still serves reads;
      // the ticket just does not join the working set this time.
      const storage = storageFaultOf(error);
      if (storage === null) throw error;
      request.log.warn({ storageFault: storage.fault, dbCode: storage.code }, 'ticket read, its opening not recorded');
    }
    return found;
  });
};
