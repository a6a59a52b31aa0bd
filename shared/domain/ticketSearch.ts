import { tagsOf } from './tags';
import type { Ticket } from './ticket';

/**
 * The one rule of ticket search, applied by the console's queue (renderer/queue) and, through the
 * server's index, by `GET /api/tickets?q=`: every word of the query is a substring of the
 * ticket's haystack. Both sides lower-case with `toLowerCase` (locale-free) and nothing else: no
 * accent folding, no Unicode normalisation, so "école" does not find "ecole" anywhere.
 */

/** Description characters kept for search: enough for what a technician remembers, bounded memory at 100k rows. */
export const SEARCH_DESCRIPTION_CHARS = 2_000;

/**
 * What a ticket is searched by, lower case, one field a line: code, `#number`, title, requester,
 * category, status, priority, tags and the start of the description. Status, priority, category
 * and tags are in it too: typing "pending" finds what one expects. A query word holds no white
 * space, so it never matches across two fields.
 */
export const searchHaystack = (ticket: Ticket): string =>
  [
    ticket.code.toLowerCase(),
    ticket.number === null ? '' : `#${ticket.number}`,
    ticket.title.toLowerCase(),
    ticket.requester.name.toLowerCase(),
    ticket.category.toLowerCase(),
    ticket.status,
    ticket.priority,
    tagsOf(ticket).join(' '),
    ticket.description.slice(0, SEARCH_DESCRIPTION_CHARS).toLowerCase(),
  ].join('\n');

/** The query as words: lower-cased as one string, as the haystack's fields are, then split on white space. */
export const searchWords = (search: string): string[] =>
  search
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');

/** Whether every word is a substring of the haystack; no words match every haystack. */
export const matchesWords = (haystack: string, words: readonly string[]): boolean => words.every((word) => haystack.includes(word));

/** The rule on a whole ticket: what the server's search must answer, ticket for ticket. */
export const ticketMatches = (ticket: Ticket, search: string): boolean => matchesWords(searchHaystack(ticket), searchWords(search));
