import type { PublicUser } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';
import type { HeldRecords } from '../../shared/sync/predictMutation';
import type { EntityMap, EntityName } from '../../shared/sync/protocol';
import type { TicketChange } from '../queue/ticketChanges';

/** Tickets kept after screens stop showing them: enough for every panel and dialog open at once, small beside the queue's index. */
export const HELD_TICKETS = 500;

/**
 * The records the screens hold in memory, so a technician's change can be shown before the cache
 * stores it (shared/sync/predictMutation.ts): the tickets screens read lately, the staff, and the
 * changes shown but not yet stored, one layer per change, newest on top.
 * Invariant: a held ticket is the cache's latest committed version (every commit passes through
 * `committed`), unless a shown change is on top of it.
 */
export type HeldRecordBook = {
  held: HeldRecords;
  /** A ticket a screen read from the cache. */
  remember(ticket: Ticket): void;
  /** The whole staff list, as the cache has it now. */
  setUsers(users: readonly PublicUser[]): void;
  /** A committed transaction of the cache: held tickets follow it. */
  committed(change: TicketChange): void;
  /** Tickets a change shows before it is stored. */
  show(changeId: string, tickets: readonly Ticket[]): void;
  /** Ends a shown change (stored or not); its tickets as the screen must now show them (the committed version, or a later shown change). */
  settle(changeId: string): Map<string, Ticket | null>;
};

export const createHeldRecordBook = (limit = HELD_TICKETS): HeldRecordBook => {
  // Insertion order is use order: the first key is the least recently used.
  const tickets = new Map<string, Ticket | null>();
  let users = new Map<string, PublicUser>();
  const shown = new Map<string, Map<string, Ticket>>();

  const shownTicket = (id: string): Ticket | undefined => {
    let found: Ticket | undefined;
    for (const layer of shown.values()) found = layer.get(id) ?? found;
    return found;
  };
  const isShown = (id: string) => [...shown.values()].some((layer) => layer.has(id));
  const keep = (id: string, ticket: Ticket | null) => {
    tickets.delete(id);
    tickets.set(id, ticket);
    for (const oldest of tickets.keys()) {
      if (tickets.size <= limit) break;
      // A ticket a shown change stands on stays: its stored version is what the screen goes back to.
      if (!isShown(oldest)) tickets.delete(oldest);
    }
  };

  return {
    // A ticket is held under 'ticket', a user under 'user': the casts restate what the branch checked.
    held: <E extends EntityName>(entity: E, id: string): EntityMap[E] | undefined => {
      if (entity === 'ticket') return (shownTicket(id) ?? tickets.get(id) ?? undefined) as EntityMap[E] | undefined;
      if (entity === 'user') return users.get(id) as EntityMap[E] | undefined;
      return undefined;
    },
    remember: (ticket) => keep(ticket.id, ticket),
    setUsers: (list) => {
      users = new Map(list.map((user) => [user.id, user]));
    },
    committed: (change) => {
      if (change.kind === 'all') {
        tickets.clear();
        return;
      }
      for (const [id, ticket] of change.written) if (tickets.has(id)) keep(id, ticket);
    },
    show: (changeId, list) => {
      shown.set(changeId, new Map(list.map((ticket) => [ticket.id, ticket])));
    },
    settle: (changeId) => {
      const layer = shown.get(changeId);
      shown.delete(changeId);
      const now = new Map<string, Ticket | null>();
      for (const id of layer?.keys() ?? []) {
        const current = shownTicket(id) ?? tickets.get(id);
        if (current !== undefined) now.set(id, current);
      }
      return now;
    },
  };
};
