import { normalizeTicketCode } from '../../shared/domain/ticketCode';
import { EMPTY_FILTER } from './queueFilter';
import type { QueueEntry } from './queueEntry';
import type { QueueIndex } from './queueIndex';
import type { AssigneeKey } from './queueSort';

/** What the link picker asks: the words typed, whether only problems count, and which tickets to leave out. */
export type FindRequest = { text: string; problemsOnly: boolean; exclude: ReadonlySet<string>; limit: number };

export type TicketFinder = (request: FindRequest) => QueueEntry[];

/** The ticket the text names exactly, as a caller code (typed any way a caller may) or a number (`12`, `#12`), if any. */
const exactly = (index: QueueIndex, text: string): QueueEntry | undefined => {
  const digits = /^#?(\d+)$/.exec(text)?.[1];
  const code = digits === undefined ? normalizeTicketCode(text) : null;
  if (digits === undefined && code === null) return undefined;
  for (const entry of index.values()) if (digits === undefined ? entry.code === code : entry.number === Number(digits)) return entry;
  return undefined;
};

/**
 * Finds tickets in the queue's in-memory index, as the queue's search does (every word a part of
 * a word of its code, number, title, requester…), most recently updated first, after the ticket
 * the text names exactly (code or number), however old. With no text, only problems are offered
 * (when asked for): the handful a desk has.
 */
export const findTickets = (index: QueueIndex, assigneeKey: AssigneeKey, { text, problemsOnly, exclude, limit }: FindRequest): QueueEntry[] => {
  const search = text.trim();
  if (search === '' && !problemsOnly) return [];
  const wanted = (entry: QueueEntry) => !exclude.has(entry.id) && (!problemsOnly || entry.isProblem);
  const exact = search === '' ? undefined : exactly(index, search);
  const found: QueueEntry[] = exact !== undefined && wanted(exact) ? [exact] : [];
  const test = search === '' ? null : index.compile({ ...EMPTY_FILTER, search }, { meId: '', nowMs: 0 });
  const slots = index.ascending('updated', assigneeKey);
  for (let i = slots.length - 1; i >= 0 && found.length < limit; i -= 1) {
    const slot = slots[i];
    if (slot === undefined || (test !== null && !test(slot))) continue;
    const entry = index.entryAt(slot);
    if (entry !== exact && wanted(entry)) found.push(entry);
  }
  return found;
};

let current: TicketFinder | null = null;

/** The queue on screen registers its finder while mounted (it is, whenever a ticket is open beside it). */
export const setTicketFinder = (finder: TicketFinder | null): void => {
  current = finder;
};

export const ticketFinder = (): TicketFinder | null => current;
