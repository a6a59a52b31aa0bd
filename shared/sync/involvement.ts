import type { Note, RemoteSession, TicketEvent } from '../domain/records';
import type { Ticket } from '../domain/ticket';

/**
 * When one user was last involved with one ticket, per kind of involvement (null: never), read
 * from records every console caches with the ticket, so the server (from its tables) and a console
 * (from its cache) find the same times:
 *
 * - `created`: the ticket's `createdAt`, if the user is its `createdBy`.
 * - `assigned`: the newest `assigned` event whose `data.to` is the user (whoever assigned it: a
 *   take, a supervisor's assignment, a resolution of an unassigned ticket). Being the assignee is
 *   dated by the assignment, not by how long it lasted.
 * - `escalated`: the newest `escalated` event the user made (`actorId`).
 * - `noted`: the newest note the user wrote (`authorId`, `createdAt`), public or internal.
 * - `session`: the newest save of a remote session the user ran (`technicianId`, `updatedAt`:
 *   the server's time of the session's last start, step or end).
 *
 * All of these times are the server's clock (a change's time is set when the server applies it).
 */
export type Involvement = {
  created: string | null;
  assigned: string | null;
  escalated: string | null;
  noted: string | null;
  session: string | null;
};

export const NO_INVOLVEMENT: Involvement = { created: null, assigned: null, escalated: null, noted: null, session: null };

const later = (a: string | null, b: string): string => (a === null || Date.parse(b) > Date.parse(a) ? b : a);

/** The user's involvement with one ticket, from the ticket and its events, notes and sessions (records of other tickets are ignored). */
export const involvementOf = (
  userId: string,
  ticket: Pick<Ticket, 'id' | 'createdBy' | 'createdAt'>,
  events: readonly TicketEvent[],
  notes: readonly Note[],
  sessions: readonly RemoteSession[],
): Involvement => {
  let { assigned, escalated, noted, session } = NO_INVOLVEMENT;
  for (const event of events) {
    if (event.ticketId !== ticket.id) continue;
    if (event.type === 'assigned' && event.data.to === userId) assigned = later(assigned, event.at);
    if (event.type === 'escalated' && event.actorId === userId) escalated = later(escalated, event.at);
  }
  for (const note of notes) if (note.ticketId === ticket.id && note.authorId === userId) noted = later(noted, note.createdAt);
  for (const run of sessions) if (run.ticketId === ticket.id && run.technicianId === userId) session = later(session, run.updatedAt);
  return { created: ticket.createdBy === userId ? ticket.createdAt : null, assigned, escalated, noted, session };
};

/** The latest of the user's involvements, or null when there is none. */
export const lastInvolvedAt = (involvement: Involvement): string | null => {
  let last: string | null = null;
  for (const time of Object.values(involvement)) if (time !== null) last = later(last, time);
  return last;
};
