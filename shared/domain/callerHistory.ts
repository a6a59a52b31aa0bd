import { normalizeRequesterPart } from '../stats/requester';
import { isOpenStatus, linkedIdOf, type LinkKind } from './links';
import type { Ticket } from './ticket';

/** What the technician has typed about the caller so far. */
export type CallerQuery = { name: string; contact: string };

/** The parts of a query worth looking up, normalised as the statistics compare requesters; null for either part left blank. */
export type CallerTerms = { name: string | null; contact: string | null };

/** An earlier ticket of the caller, as the call form lists it. */
export type CallerTicket = Pick<Ticket, 'id' | 'number' | 'code' | 'title' | 'status' | 'createdAt' | 'requester' | 'links'>;

/**
 * Where the call form finds a caller's earlier tickets. The console's cache holds every ticket of
 * the desk today; a source that also asks the server (for a desk too large to cache whole) fits
 * the same shape and merges its answer with the cache's through `callerHistory`.
 */
export type CallerTicketSource = { findCallerTickets(query: CallerQuery): Promise<CallerTicket[]> };

/** How many earlier tickets the call form lists: the recent ones, which is what a caller's call is about. */
export const CALLER_HISTORY_LIMIT = 8;

/** The normalised parts to look for, or null when nothing has been typed. */
export const callerTerms = (query: CallerQuery): CallerTerms | null => {
  const name = normalizeRequesterPart(query.name);
  const contact = normalizeRequesterPart(query.contact);
  if (name === '' && contact === '') return null;
  return { name: name === '' ? null : name, contact: contact === '' ? null : contact };
};

/**
 * Whether a ticket is the caller's: its requester's name equals the typed name, or its contact the
 * typed contact, compared as the statistics compare requesters (trimmed, A–Z case-folded). Either
 * part is enough, since a caller often gives only one of them, or a new phone number.
 */
export const isCallersTicket = (ticket: Pick<Ticket, 'requester'>, terms: CallerTerms): boolean =>
  (terms.name !== null && normalizeRequesterPart(ticket.requester.name) === terms.name) ||
  (terms.contact !== null && normalizeRequesterPart(ticket.requester.contact) === terms.contact);

const newestFirst = (a: CallerTicket, b: CallerTicket): number =>
  b.createdAt.localeCompare(a.createdAt) || (b.number ?? Number.MAX_SAFE_INTEGER) - (a.number ?? Number.MAX_SAFE_INTEGER) || a.id.localeCompare(b.id);

/**
 * The caller's tickets among `tickets`, newest first, at most `limit`. A ticket listed twice (say,
 * found by name and by contact, or by two sources) counts once, its first copy kept.
 */
export const callerHistory = (tickets: Iterable<Ticket | CallerTicket>, query: CallerQuery, limit = CALLER_HISTORY_LIMIT): CallerTicket[] => {
  const terms = callerTerms(query);
  if (terms === null) return [];
  const found = new Map<string, CallerTicket>();
  for (const ticket of tickets) {
    if (found.has(ticket.id) || !isCallersTicket(ticket, terms)) continue;
    const { id, number, code, title, status, createdAt, requester, links } = ticket;
    found.set(id, { id, number, code, title, status, createdAt, requester, ...(links === undefined ? {} : { links }) });
  }
  return [...found.values()].sort(newestFirst).slice(0, limit);
};

/** The links the call form offers: the new ticket is the same problem as an earlier one (its duplicate), or related to it. */
export type CallerLinkKind = Extract<LinkKind, 'duplicate' | 'related'>;

/**
 * How the call form may link the new ticket to an earlier one of the caller's (`ticket:link`
 * kinds, from the new ticket's side): always `related`; `duplicate` ("the same problem") only while
 * the earlier ticket is open and not itself a duplicate. A duplicate of a resolved ticket is
 * resolved with it at once, which is not what a caller reporting the problem again needs, and a
 * duplicate of a duplicate is refused (link to its original instead).
 */
export const callerLinkKinds = (earlier: Pick<CallerTicket, 'status' | 'links'>): readonly CallerLinkKind[] =>
  isOpenStatus(earlier.status) && linkedIdOf(earlier, 'original') === null ? ['duplicate', 'related'] : ['related'];
