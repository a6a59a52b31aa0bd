import { fail, ok, type Result } from '../result';
import type { EntityMap, EntityName } from '../sync/protocol';
import type { EventPayload, TicketEvent } from './records';
import type { SlaPolicy } from './sla';
import type { Ticket } from './ticket';

/**
 * Who applies a mutation, and when. `now` is the time the change happened: on the server the
 * server's clock (corrected for offline age), on a client its own clock at the time of the edit.
 */
export type MutationContext = {
  mutationId: string;
  actorId: string;
  now: string;
  slaPolicy?: SlaPolicy;
};

export type EntityRef = { entity: EntityName; id: string };

/** Read access to the records a mutation declared in `reads` (and `follow`). */
export type StateReader = <E extends EntityName>(entity: E, id: string) => EntityMap[E] | undefined;

export type Write = { [E in EntityName]: { entity: E; id: string; data: EntityMap[E] } }[EntityName] | Removal;

/** A record a rule deletes (a tombstone in the change feed). Only canned replies are ever deleted: a ticket's history is kept. */
export type Removal = { entity: 'reply'; id: string; data: null };

export type Mutator<A> = {
  /**
   * Records the rule needs to see; the caller loads them (server: in its transaction; client: from
   * its cache). `actorId` is who makes the change, for rules that depend on the actor's role.
   */
  reads: (args: A, actorId: string) => EntityRef[];
  /**
   * Records the rule needs that only the first reads can name (a problem's incidents, listed on the
   * problem). The caller loads `reads`, asks this with them, and loads these too before `apply`, so
   * the server decides the set from its own state at the moment it applies the change.
   */
  follow?: (args: A, read: StateReader) => EntityRef[];
  /** The pure rule: the records to write, or why not. Deterministic for the same args, state and context. */
  apply: (args: A, read: StateReader, ctx: MutationContext) => Result<Write[]>;
};

/** Event ids derive from the mutation id, so a client's optimistic event and the server's are one record. */
export const eventId = (mutationId: string, index: number): string => `${mutationId}:${index}`;

/** Notes a rule writes by itself (not `note:add`'s, whose id the client gives) derive from the mutation id too. */
export const ruleNoteId = (mutationId: string, index: number): string => `${mutationId}:note:${index}`;

export const makeEvent = (ctx: MutationContext, ticketId: string, index: number, payload: EventPayload): Write => {
  const event = { id: eventId(ctx.mutationId, index), ticketId, actorId: ctx.actorId, at: ctx.now, ...payload } satisfies TicketEvent;
  return { entity: 'event', id: event.id, data: event };
};

export const ticketWrite = (ticket: Ticket): Write => ({ entity: 'ticket', id: ticket.id, data: ticket });

export const requireTicket = (read: StateReader, id: string): Result<Ticket> => {
  const ticket = read('ticket', id);
  return ticket === undefined ? fail('not_found', `No ticket with id ${id}.`) : ok(ticket);
};

export const ticketRef = (id: string): EntityRef => ({ entity: 'ticket', id });

export const userRef = (id: string): EntityRef => ({ entity: 'user', id });
