import type { Ticket } from '../../shared/domain/ticket';
import { EMPTY_FILTER, type QueueFilter } from './queueFilter';
import { DEFAULT_SORT, type QueueSort } from './queueSort';
import { sameFilter } from './savedViews';

/**
 * Rows a restart shows before the queue index holds every ticket: more than any screen shows at
 * once, so the rows in view never wait for the rest.
 */
export const FIRST_SCREEN_ROWS = 100;

/** The query the first screen answers: the queue as it opens, every ticket, latest update first. */
export const isFirstScreenQuery = (filter: QueueFilter, sort: QueueSort): boolean =>
  sort.column === DEFAULT_SORT.column && sort.direction === DEFAULT_SORT.direction && sameFilter(filter, EMPTY_FILTER);

type Ranked = { ticket: Ticket; updatedMs: number };

const ranked = (ticket: Ticket): Ranked => ({ ticket, updatedMs: Date.parse(ticket.updatedAt) });

/**
 * Descending as the queue's default order is (queueSort.ts: by update time, ties by code, then
 * id, read backwards): negative when `a` comes first.
 */
const firstFirst = (a: Ranked, b: Ranked): number =>
  b.updatedMs - a.updatedMs ||
  (a.ticket.code < b.ticket.code ? 1 : a.ticket.code > b.ticket.code ? -1 : a.ticket.id < b.ticket.id ? 1 : a.ticket.id > b.ticket.id ? -1 : 0);

/**
 * Keeps the first `rows` tickets of the queue's default order among every ticket offered, reading
 * only the update time of each: a restart draws them before it makes a queue entry of every held
 * ticket. Every other ticket sorts after all of them, so an index holding these first answers the
 * default query's first `rows` rows exactly as the full index will.
 */
export type FirstScreen = {
  offer(tickets: readonly Ticket[]): void;
  /** The kept tickets, in the default order. */
  tickets(): Ticket[];
};

export const createFirstScreen = (rows: number = FIRST_SCREEN_ROWS): FirstScreen => {
  let kept: Ranked[] = [];
  const trim = () => {
    kept.sort(firstFirst);
    kept = kept.slice(0, rows);
  };
  return {
    offer: (tickets) => {
      for (const ticket of tickets) {
        kept.push(ranked(ticket));
        // Sorted and cut again only once it holds twice the rows: one small sort per `rows` tickets.
        if (kept.length > 2 * rows) trim();
      }
    },
    tickets: () => {
      trim();
      return kept.map((ranked) => ranked.ticket);
    },
  };
};

/**
 * The first rows of the default order in the cache as committed, kept up to date from its commits
 * so a restart can draw them without reading every ticket. Invariant: `tickets` are the first
 * `tickets.length` tickets of the cache in the default order (at most FIRST_SCREEN_ROWS);
 * `isAll`: they are every ticket it holds.
 */
export type FirstRows = { tickets: readonly Ticket[]; isAll: boolean };

/** The first rows of every ticket read. */
export const firstRowsOf = (tickets: readonly Ticket[], rows: number = FIRST_SCREEN_ROWS): FirstRows => {
  const first = createFirstScreen(rows);
  first.offer(tickets);
  return { tickets: first.tickets(), isAll: tickets.length <= rows };
};

/**
 * The first rows once a transaction wrote `written` (null: deleted) or cleared the cache. A kept
 * ticket written again leaves and comes back only if it sorts before the last kept one: tickets not
 * kept may sort anywhere after it, so the rows shrink rather than guess (a deletion too); a
 * restart with fewer rows draws fewer before the rest arrives.
 */
export const nextFirstRows = (
  current: FirstRows,
  change: { isCleared: boolean; written: ReadonlyMap<string, Ticket | null> },
  rows: number = FIRST_SCREEN_ROWS,
): FirstRows => {
  if (change.isCleared) return { tickets: [], isAll: true };
  let kept = current.tickets.filter((ticket) => !change.written.has(ticket.id)).map(ranked);
  const last = kept.at(-1);
  let isAll = current.isAll;
  for (const ticket of change.written.values()) {
    if (ticket === null) continue;
    const candidate = ranked(ticket);
    if (isAll || (last !== undefined && firstFirst(candidate, last) < 0)) kept.push(candidate);
  }
  kept.sort(firstFirst);
  if (kept.length > rows) {
    kept = kept.slice(0, rows);
    isAll = false;
  }
  return { tickets: kept.map((entry) => entry.ticket), isAll };
};

/**
 * The first rows of the default order from what the cache's `updatedAt` index gave, read newest
 * first (firstScreenRead.ts): `newest`, its first `rows` tickets, and `tied`, every ticket whose
 * update time is that of the last of them. Every ticket not read has an older update time than
 * every ticket of `newest` but the tied, so all it lacks sorts after them; the tied are read whole
 * because the index orders them by id, the queue by code first. Both orders agree on the update
 * time because every `updatedAt` is written by `toISOString` (the server's clock, or the console's
 * for its own changes), whose text sorts as its time does. What the update time says (when the
 * server dated a change, which may be long before it arrived; a console's own clock for its unsent
 * edits) does not matter here: the index holds the time each ticket has now, whoever wrote it.
 */
export const firstRowsRead = (newest: readonly Ticket[], tied: readonly Ticket[], rows: number = FIRST_SCREEN_ROWS): FirstRows => {
  const read = new Map<string, Ticket>();
  for (const ticket of [...newest, ...tied]) read.set(ticket.id, ticket);
  const first = createFirstScreen(rows);
  first.offer([...read.values()]);
  return { tickets: first.tickets(), isAll: newest.length < rows };
};
