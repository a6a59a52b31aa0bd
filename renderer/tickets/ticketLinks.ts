import { isOpenStatus, isProblem, linkedIdOf, linksOf } from '../../shared/domain/links';
import type { TicketEvent } from '../../shared/domain/records';
import type { LinkRole, Ticket } from '../../shared/domain/ticket';

/** What the panel shows of a linked ticket. */
export type LinkedTicket = Pick<Ticket, 'id' | 'code' | 'number' | 'title' | 'status'>;

/** One link as shown: the other ticket from the cache, or null while this console has not synced it. */
export type LinkRow = { id: string; kind: LinkRole; ticket: LinkedTicket | null };

export type LinkGroups = {
  problem: LinkRow | null;
  original: LinkRow | null;
  incidents: LinkRow[];
  duplicates: LinkRow[];
  related: LinkRow[];
  /** Incidents and duplicates still open: what resolving this ticket resolves with it. */
  openIncidents: number;
  openDuplicates: number;
};

const isStillOpen = (row: LinkRow): boolean => row.ticket !== null && isOpenStatus(row.ticket.status);

/** A ticket's links, grouped by what the other ticket is to it, in the order they were made. */
export const groupLinks = (ticket: Pick<Ticket, 'links'>, linked: ReadonlyMap<string, LinkedTicket>): LinkGroups => {
  const rows = linksOf(ticket).map((link): LinkRow => ({ id: link.otherId, kind: link.kind, ticket: linked.get(link.otherId) ?? null }));
  const of = (kind: LinkRole) => rows.filter((row) => row.kind === kind);
  const incidents = of('incident');
  const duplicates = of('duplicate');
  return {
    problem: of('problem')[0] ?? null,
    original: of('original')[0] ?? null,
    incidents,
    duplicates,
    related: of('related'),
    openIncidents: incidents.filter(isStillOpen).length,
    openDuplicates: duplicates.filter(isStillOpen).length,
  };
};

/**
 * Every ticket the panel names besides this one: its links, and the tickets its history mentions
 * (links since removed, the problem or original that resolved it), sorted so the list is stable.
 */
export const referencedTicketIds = (ticket: Pick<Ticket, 'links'>, events: readonly TicketEvent[]): string[] => {
  const ids = new Set(linksOf(ticket).map((link) => link.otherId));
  for (const event of events) {
    if (event.type === 'linked' || event.type === 'unlinked') ids.add(event.data.otherId);
    if (event.type === 'status_changed' && event.data.via !== undefined) ids.add(event.data.via);
  }
  return [...ids].sort();
};

/** What the ticket may be offered: marking it a problem (not an incident or a duplicate), unmarking it (no incidents left). */
export const problemMarkOffer = (ticket: Pick<Ticket, 'links' | 'isProblem'>): 'mark' | 'unmark' | null => {
  if (isProblem(ticket)) return linkedIdOf(ticket, 'incident') === null ? 'unmark' : null;
  return linkedIdOf(ticket, 'problem') === null && linkedIdOf(ticket, 'original') === null ? 'mark' : null;
};
