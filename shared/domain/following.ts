import type { Change } from '../sync/protocol';
import type { TicketEvent } from './records';
import type { Ticket } from './ticket';

/**
 * Following is derived, not recorded: a technician follows the tickets they created (a call they
 * answered, a ticket they typed in) and the tickets they escalated, because those are the ones a
 * caller will ask them about again. Both facts are on the ticket and its timeline, which every
 * console caches, so following works offline and needs no mutation of its own.
 */

/** Whether this timeline shows `meId` escalating the ticket. */
export const hasEscalated = (meId: string, events: readonly Pick<TicketEvent, 'type' | 'actorId'>[]): boolean =>
  events.some((event) => event.type === 'escalated' && event.actorId === meId);

/** Whether `meId` follows the ticket: created it, or escalated it (`escalatedByMe`, from its timeline). */
export const isFollower = (meId: string, ticket: Pick<Ticket, 'createdBy'>, escalatedByMe: boolean): boolean => ticket.createdBy === meId || escalatedByMe;

/**
 * Whether the ticket belongs in my Following list: I follow it and it is not mine (anyone else's
 * or nobody's), and not yet closed. Resolved ones stay until they are closed, so the outcome of a
 * ticket I handed on can still be read there.
 */
export const isFollowing = (meId: string, ticket: Pick<Ticket, 'createdBy' | 'assigneeId' | 'status'>, escalatedByMe: boolean): boolean =>
  ticket.assigneeId !== meId && ticket.status !== 'closed' && isFollower(meId, ticket, escalatedByMe);

/** A resolution someone else made, read from a `status_changed` event. */
export type Resolution = { eventId: string; ticketId: string; actorId: string; at: string };

/**
 * The resolutions in a page of changes that someone other than `meId` made, in feed order, once
 * per event: what "a ticket you follow was resolved" is decided from (my own resolutions are no
 * news to me). Whether I follow each ticket is decided with its record and timeline.
 */
export const resolutionsByOthers = (changes: readonly Change[], meId: string): Resolution[] => {
  const seen = new Set<string>();
  const found: Resolution[] = [];
  for (const change of changes) {
    if (change.entity !== 'event' || change.op !== 'put') continue;
    const event = change.data;
    if (event.type !== 'status_changed' || event.data.to !== 'resolved' || event.actorId === meId || seen.has(event.id)) continue;
    seen.add(event.id);
    found.push({ eventId: event.id, ticketId: event.ticketId, actorId: event.actorId, at: event.at });
  }
  return found;
};
