import { moveStatus } from './resolveWith';
import { makeEvent, requireTicket, ruleNoteId, ticketRef, ticketWrite, type Mutator, type Write } from './mutatorKit';
import type { MutationArgsMap } from './mutationArgs';
import type { Note } from './records';
import { fail, ok } from '../result';
import type { Ticket } from './ticket';

/**
 * The actor of what a caller does on /track: not a member of staff, so no user record has this id
 * (ids of users are UUIDs). Consoles name it "Caller".
 */
export const CALLER_ACTOR_ID = 'caller';

/** The actor of what the server does by itself (the automatic close). Consoles name it "Meja". */
export const SYSTEM_ACTOR_ID = 'system';

/** Days a resolved ticket waits for its caller's No before it closes by itself (MEJA_AUTO_CLOSE_DAYS). */
export const DEFAULT_AUTO_CLOSE_DAYS = 7;

const DAY_MS = 24 * 3_600_000;

/**
 * Whether a resolved ticket is due to close by itself at `now`: resolved at least `days` whole
 * days ago, or confirmed by its caller when a confirmation closes at once. A reopen clears
 * `resolvedAt`, so a caller's No (which reopens) always stops it.
 */
export const isDueToClose = (ticket: Pick<Ticket, 'status' | 'resolvedAt'>, now: string, days: number): boolean =>
  ticket.status === 'resolved' && ticket.resolvedAt !== null && Date.parse(now) - Date.parse(ticket.resolvedAt) >= days * DAY_MS;

/** The resolution the caller answered must still be the ticket's: resolved, with the same `resolvedAt`. */
const requireResolution = (ticket: Ticket, resolvedAt: string) =>
  ticket.status === 'resolved' && ticket.resolvedAt !== null && Date.parse(ticket.resolvedAt) === Date.parse(resolvedAt)
    ? ok(ticket)
    : fail('conflict', ticket.status === 'resolved' ? 'This ticket was resolved again since.' : `The ticket is ${ticket.status}, not resolved.`, ticket);

/**
 * The caller's answer to a resolution (server only: POST /api/track/<code>/answer). Yes: a
 * `caller_answered` event, and a close when a confirmation closes at once. No: the same event, the
 * ticket reopened with `source: 'caller'` (counted as any reopen), and the caller's words as a public
 * note from the caller, so the assigned technician reads them in the ticket's history.
 */
export const ticketCallerAnswer: Mutator<MutationArgsMap['ticket:callerAnswer']> = {
  reads: (a) => [ticketRef(a.id)],
  apply: (a, read, ctx) => {
    const found = requireTicket(read, a.id);
    if (!found.ok) return found;
    const resolved = requireResolution(found.value, a.resolvedAt);
    if (!resolved.ok) return resolved;
    const ticket = resolved.value;
    const comment = a.comment === undefined || a.comment === null || a.comment.trim() === '' ? null : a.comment.trim();
    const answer = makeEvent(ctx, a.id, 0, {
      type: 'caller_answered',
      data: {
        resolvedAt: ticket.resolvedAt ?? a.resolvedAt,
        solved: a.solved,
        rating: a.solved ? (a.rating ?? null) : null,
        comment,
        technicianId: ticket.assigneeId,
      },
    });
    if (a.solved) {
      if (a.closeOnConfirm !== true) return ok([answer]);
      const closed = moveStatus(ticket, 'closed', null, false, ctx);
      return ok([
        ticketWrite(closed),
        answer,
        makeEvent(ctx, a.id, 1, { type: 'status_changed', data: { from: 'resolved', to: 'closed', resolution: null, isReopen: false, source: 'auto-close' } }),
      ]);
    }
    const note: Note = {
      id: ruleNoteId(ctx.mutationId, 0),
      ticketId: a.id,
      authorId: ctx.actorId,
      body: comment ?? '',
      visibility: 'public',
      createdAt: ctx.now,
    };
    const reopened = moveStatus(ticket, 'open', null, true, ctx);
    const writes: Write[] = [
      ticketWrite(reopened),
      answer,
      makeEvent(ctx, a.id, 1, { type: 'status_changed', data: { from: 'resolved', to: 'open', resolution: null, isReopen: true, source: 'caller' } }),
      { entity: 'note', id: note.id, data: note },
      makeEvent(ctx, a.id, 2, { type: 'note_added', data: { noteId: note.id, visibility: 'public' } }),
    ];
    return ok(writes);
  },
};

/** Closes the resolution of `resolvedAt` (server only: the automatic close); anything else about the ticket since refuses it. */
export const ticketAutoClose: Mutator<MutationArgsMap['ticket:autoClose']> = {
  reads: (a) => [ticketRef(a.id)],
  apply: (a, read, ctx) => {
    const found = requireTicket(read, a.id);
    if (!found.ok) return found;
    const resolved = requireResolution(found.value, a.resolvedAt);
    if (!resolved.ok) return resolved;
    return ok([
      ticketWrite(moveStatus(resolved.value, 'closed', null, false, ctx)),
      makeEvent(ctx, a.id, 0, { type: 'status_changed', data: { from: 'resolved', to: 'closed', resolution: null, isReopen: false, source: 'auto-close' } }),
    ]);
  },
};

/**
 * A caller's mail about their ticket (server only: server/mail/). A public note from the caller,
 * marked as come by mail; on a resolved ticket it reopens it with `source: 'caller'` as a No on
 * /track does (counted as any reopen). A closed ticket is refused (`conflict`): closed is final for
 * the caller, so the listener opens a new ticket for the mail instead.
 */
export const ticketCallerMail: Mutator<MutationArgsMap['ticket:callerMail']> = {
  reads: (a) => [ticketRef(a.id), { entity: 'note', id: a.noteId }],
  apply: (a, read, ctx) => {
    const found = requireTicket(read, a.id);
    if (!found.ok) return found;
    if (read('note', a.noteId) !== undefined) return fail('already_exists', `Note ${a.noteId} already exists.`);
    const ticket = found.value;
    if (ticket.status === 'closed') return fail('conflict', 'The ticket is closed.', ticket);
    const note: Note = { id: a.noteId, ticketId: a.id, authorId: ctx.actorId, body: a.body.trim(), visibility: 'public', createdAt: ctx.now };
    const noted: Write[] = [
      { entity: 'note', id: note.id, data: note },
      makeEvent(ctx, a.id, 0, { type: 'note_added', data: { noteId: note.id, visibility: 'public', via: 'email' } }),
    ];
    if (ticket.status !== 'resolved') return ok([ticketWrite({ ...ticket, updatedAt: ctx.now }), ...noted]);
    return ok([
      ticketWrite(moveStatus(ticket, 'open', null, true, ctx)),
      makeEvent(ctx, a.id, 1, { type: 'status_changed', data: { from: 'resolved', to: 'open', resolution: null, isReopen: true, source: 'caller' } }),
      ...noted,
    ]);
  },
};
