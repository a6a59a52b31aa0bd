import type { Status, Tier, Ticket } from '../../shared/domain/ticket';

/** Statuses in which a ticket still waits for someone; resolved and closed tickets are done. */
export const TAKEABLE_STATUSES = ['new', 'open', 'pending'] as const satisfies readonly Status[];

const isTakeableStatus = (status: Status): boolean => TAKEABLE_STATUSES.some((takeable) => takeable === status);

/** Whether "Take next" may give this ticket to a technician of `tier`. */
export const isTakeable = (ticket: Ticket, tier: Tier): boolean => ticket.tier === tier && ticket.assigneeId === null && isTakeableStatus(ticket.status);

/**
 * The ticket "Take next" gives a technician of `tier`: the one waiting longest (oldest
 * `createdAt`), ties broken by id so every console picks the same one; null when none waits.
 */
export const pickNextTicket = (tickets: Iterable<Ticket>, tier: Tier): Ticket | null => {
  let best: Ticket | null = null;
  for (const ticket of tickets) {
    if (!isTakeable(ticket, tier)) continue;
    if (best === null || ticket.createdAt < best.createdAt || (ticket.createdAt === best.createdAt && ticket.id < best.id)) best = ticket;
  }
  return best;
};
