import type { Note, RemoteSession, TicketEvent } from '../domain/records';
import type { Ticket } from '../domain/ticket';
import { involvementOf } from './involvement';
import { openedIdsOf, type OpenedTicket } from './openedTickets';
import type { Change } from './protocol';
import { DAY_MS, isInWorkingSet, type WorkingSetParams } from './workingSet';

/**
 * What a console knows of its working set, kept in its cache beside the cursor: the time whose set
 * filtered the last page it applied (`at`), the server's parameters and the user's opened list.
 * `at` or `params` are null before the first scoped page.
 */
export type ScopeState = { at: string | null; params: WorkingSetParams | null; opened: OpenedTicket[] };

/** A ticket's records as the cache holds them. */
export type HeldTicket = { ticket: Ticket; events: TicketEvent[]; notes: Note[]; sessions: RemoteSession[] };

/**
 * A ticket created this long before the previous page, or later, cannot have had records the
 * server held back from this console: from its creation it was live, or ended within
 * `recentDays` (at least a day), so in every working set since. An older one that the console
 * does not hold came (back) into the set.
 */
export const NEW_TICKET_SLACK_MS = DAY_MS;

/** The ticket each put of a page belongs to, with the ticket's own record when the page carries it. */
export const ticketsOfChanges = (changes: readonly Change[]): Map<string, Ticket | null> => {
  const found = new Map<string, Ticket | null>();
  for (const change of changes) {
    if (change.op !== 'put') continue;
    if (change.entity === 'ticket') found.set(change.id, change.data);
    else if (change.entity === 'event' || change.entity === 'note' || change.entity === 'session') {
      if (!found.has(change.data.ticketId)) found.set(change.data.ticketId, null);
    }
  }
  return found;
};

/**
 * A judge of whether a held ticket was in the user's working set at `at`, from the cache's records
 * (the rule of workingSet.ts). The opened list is read once per judge, not once per ticket: pruning
 * asks this of every held ticket, and the list holds up to `openedMax` entries.
 */
export const scopeJudge = (userId: string, scope: ScopeState & { at: string; params: WorkingSetParams }): ((held: HeldTicket) => boolean) => {
  const opened = openedIdsOf(scope.opened, scope.at, scope.params);
  return (held) =>
    isInWorkingSet(
      { ticket: held.ticket, involvement: involvementOf(userId, held.ticket, held.events, held.notes, held.sessions), opened },
      scope.at,
      scope.params,
    );
};

/**
 * The tickets whose whole timeline a console must fetch before it applies a page read from the
 * feed in order (not a snapshot). The server filtered every earlier page by the working set of
 * its time; a ticket's records are complete in the cache while the ticket stayed in that set.
 * So a ticket the page (or an opening) brings needs catching up when:
 * - the console does not hold it, unless the page carries its record and it is new
 *   (`NEW_TICKET_SLACK_MS`): it came into the set, and its earlier records were held back;
 * - the console holds it, but by its own records it was out of the set at the previous page's
 *   time: the server has been holding back its changes since.
 * Before any scoped page (`at` null) what the console holds came unfiltered, hence whole.
 */
export const ticketsToCatchUp = (input: {
  userId: string;
  /** The page's tickets (`ticketsOfChanges`) and the ones opened since. */
  referenced: ReadonlyMap<string, Ticket | null>;
  held: ReadonlyMap<string, HeldTicket>;
  scope: ScopeState;
  /** The page's own scope time, when nothing earlier is known. */
  pageAt: string;
}): string[] => {
  const { userId, referenced, held, scope } = input;
  const previous = Date.parse(scope.at ?? input.pageAt);
  const needed: string[] = [];
  const wasInScope = scope.at !== null && scope.params !== null ? scopeJudge(userId, { ...scope, at: scope.at, params: scope.params }) : null;
  for (const [ticketId, inPage] of referenced) {
    const mine = held.get(ticketId);
    if (mine === undefined) {
      const isNew = inPage !== null && Date.parse(inPage.createdAt) >= previous - NEW_TICKET_SLACK_MS;
      if (!isNew) needed.push(ticketId);
      continue;
    }
    if (wasInScope !== null && !wasInScope(mine)) needed.push(ticketId);
  }
  return needed;
};

/**
 * The held tickets to drop: out of the working set at `scope.at` by the cache's records, and
 * without local work (`keep`: tickets with unsent, unsettled or refused changes). Live tickets are
 * always in, so only ended ones are looked at.
 */
export const ticketsToDrop = (userId: string, held: Iterable<HeldTicket>, scope: ScopeState, keep: ReadonlySet<string>): string[] => {
  if (scope.at === null || scope.params === null) return [];
  const wasInScope = scopeJudge(userId, { ...scope, at: scope.at, params: scope.params });
  const dropped: string[] = [];
  for (const ticket of held) if (!keep.has(ticket.ticket.id) && !wasInScope(ticket)) dropped.push(ticket.ticket.id);
  return dropped;
};
