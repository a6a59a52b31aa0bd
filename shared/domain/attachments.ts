import { fail, ok } from '../result';
import type { MutationArgsMap } from './mutationArgs';
import { makeEvent, requireTicket, ticketRef, ticketWrite, type EntityRef, type Mutator } from './mutatorKit';
import { LIMITS, type Ticket, type TicketAttachment } from './ticket';

/** A ticket's attachments: a record written before attachments existed has none. */
export const attachmentsOf = (ticket: Pick<Ticket, 'attachments'>): readonly TicketAttachment[] => ticket.attachments ?? [];

/** The attachments of one note, in the order they were attached. */
export const noteAttachments = (ticket: Pick<Ticket, 'attachments'>, noteId: string): TicketAttachment[] =>
  attachmentsOf(ticket).filter((attachment) => attachment.noteId === noteId);

/**
 * `attachment:add`: the file joins the ticket's `attachments` (so it travels with the ticket to every
 * console holding it) with an `attachment_added` event. The same attachment again writes nothing.
 * The upload's own checks (it exists, is the pusher's, is attached nowhere else) are the server's:
 * only it knows the uploads (server/attachments/attachUpload.ts).
 */
export const attachmentAdd: Mutator<MutationArgsMap['attachment:add']> = {
  reads: (a) => {
    const refs: EntityRef[] = [ticketRef(a.ticketId)];
    if (a.noteId !== undefined) refs.push({ entity: 'note', id: a.noteId });
    return refs;
  },
  apply: (a, read, ctx) => {
    const found = requireTicket(read, a.ticketId);
    if (!found.ok) return found;
    const ticket = found.value;
    const noteId = a.noteId ?? null;
    if (noteId !== null && read('note', noteId)?.ticketId !== a.ticketId) return fail('not_found', `No note with id ${noteId} on this ticket.`);
    const attached = attachmentsOf(ticket);
    const same = attached.find((attachment) => attachment.id === a.id);
    if (same !== undefined) return same.noteId === noteId ? ok([]) : fail('already_attached', 'This file is attached elsewhere already.', ticket);
    if (attached.length >= LIMITS.attachments) return fail('too_many_attachments', `A ticket may carry at most ${LIMITS.attachments} attachments.`, ticket);
    const attachment: TicketAttachment = {
      id: a.id,
      attachmentId: a.attachmentId,
      name: a.name.trim(),
      noteId,
      addedBy: ctx.actorId,
      addedAt: ctx.now,
      size: null,
      contentType: null,
    };
    return ok([
      ticketWrite({ ...ticket, attachments: [...attached, attachment], updatedAt: ctx.now }),
      makeEvent(ctx, a.ticketId, 0, { type: 'attachment_added', data: { attachmentId: a.id, name: attachment.name, noteId } }),
    ]);
  },
};
