import { isOpenStatus, linkedIdsOf } from './links';
import { makeEvent, ruleNoteId, ticketWrite, type MutationContext, type StateReader, type Write } from './mutatorKit';
import type { Note } from './records';
import { DEFAULT_SLA_POLICY, pauseClock, resumeClock } from './sla';
import type { Status, Ticket } from './ticket';

/**
 * The fields one status change sets, as `ticket:transition` makes it: leaving new is the first
 * response; pending pauses the resolution clock and leaving it resumes it; resolving stamps the
 * time and the text; closing stamps the time; a reopen counts and clears the resolution.
 */
export const moveStatus = (current: Ticket, to: Status, resolution: string | null, isReopen: boolean, ctx: MutationContext): Ticket => {
  const policy = ctx.slaPolicy ?? DEFAULT_SLA_POLICY;
  const from = current.status;
  let ticket: Ticket = { ...current, status: to, updatedAt: ctx.now };
  if (from === 'new' && ticket.firstRespondedAt === null) ticket.firstRespondedAt = ctx.now;
  if (to === 'pending') ticket = pauseClock(ticket, ctx.now);
  if (from === 'pending') ticket = resumeClock(ticket, ctx.now, policy);
  if (to === 'resolved') ticket = { ...ticket, resolvedAt: ctx.now, resolution: (resolution ?? '').trim() };
  if (to === 'closed') ticket = { ...ticket, closedAt: ctx.now };
  if (isReopen) ticket = { ...ticket, reopenCount: ticket.reopenCount + 1, resolvedAt: null, closedAt: null, resolution: null };
  return ticket;
};

/** Hands out the event and note indexes of one mutation, so every record it writes has its own id. */
export type IdCounter = { event: () => number; note: () => number };

export const idCounter = (firstEvent: number): IdCounter => {
  let event = firstEvent;
  let note = 0;
  return { event: () => event++, note: () => note++ };
};

/**
 * Resolves an open ticket with the resolution of the ticket it depends on (its problem, or its
 * original), in the change that resolved that one: the same resolution text, a public note with that text for its caller, and, as any resolution, the
 * resolver as assignee when nobody had it. A pending ticket is resumed first (pending cannot be
 * resolved directly). Nothing for a ticket already resolved or closed, or without words to give
 * the caller.
 */
export const resolveWith = (target: Ticket, source: Ticket, ctx: MutationContext, ids: IdCounter): Write[] => {
  const text = (source.resolution ?? '').trim();
  if (!isOpenStatus(target.status) || text === '') return [];
  const via = source.id;
  const writes: Write[] = [];
  let ticket = target;
  if (ticket.status === 'pending') {
    writes.push(
      makeEvent(ctx, ticket.id, ids.event(), { type: 'status_changed', data: { from: 'pending', to: 'open', resolution: null, isReopen: false, via } }),
    );
    ticket = moveStatus(ticket, 'open', null, false, ctx);
  }
  writes.push(
    makeEvent(ctx, ticket.id, ids.event(), { type: 'status_changed', data: { from: ticket.status, to: 'resolved', resolution: text, isReopen: false, via } }),
  );
  ticket = moveStatus(ticket, 'resolved', text, false, ctx);
  if (ticket.assigneeId === null) {
    writes.push(makeEvent(ctx, ticket.id, ids.event(), { type: 'assigned', data: { from: null, to: ctx.actorId } }));
    ticket = { ...ticket, assigneeId: ctx.actorId };
  }
  const note: Note = {
    id: ruleNoteId(ctx.mutationId, ids.note()),
    ticketId: ticket.id,
    authorId: ctx.actorId,
    body: text,
    visibility: 'public',
    createdAt: ctx.now,
  };
  writes.push({ entity: 'note', id: note.id, data: note });
  writes.push(makeEvent(ctx, ticket.id, ids.event(), { type: 'note_added', data: { noteId: note.id, visibility: 'public' } }));
  // A public note is a first response too; resolving from new already set it.
  ticket = { ...ticket, firstRespondedAt: ticket.firstRespondedAt ?? ctx.now };
  return [ticketWrite(ticket), ...writes];
};

/** The tickets resolved with this one: its incidents if it is a problem, and its duplicates. */
export const dependentsOf = (ticket: Ticket): string[] => [...linkedIdsOf(ticket, 'incident'), ...linkedIdsOf(ticket, 'duplicate')];

/**
 * Resolves the open dependents of a ticket just resolved, in the order they were linked. A
 * dependent the reader does not hold is left alone (a console that has not synced it yet; the
 * server always holds it).
 */
export const resolveDependents = (resolved: Ticket, read: StateReader, ctx: MutationContext, ids: IdCounter): Write[] =>
  dependentsOf(resolved).flatMap((id) => {
    const dependent = read('ticket', id);
    return dependent === undefined ? [] : resolveWith(dependent, resolved, ctx, ids);
  });
