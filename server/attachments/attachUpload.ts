import type { Transaction } from 'kysely';
import { ATTACHMENT_TYPES } from '../../shared/attachments/attachmentType';
import { PENDING_UPLOAD } from '../../shared/attachments/pendingUpload';
import type { ParsedMutation } from '../../shared/domain/mutate';
import type { Write } from '../../shared/domain/mutators';
import type { DomainError } from '../../shared/result';
import type { Schema } from '../db/schema';

type Completed = { ok: true; writes: Write[] } | { ok: false; error: DomainError };

// One answer for an upload that does not exist and one of someone else's: a pusher learns nothing of others' uploads.
const NOT_YOURS: DomainError = { code: 'not_found', message: 'No upload of yours has this id: upload the file first (POST /api/attachments).' };

/**
 * The server-only facts of `attachment:add`: the upload exists, is the pusher's, and is attached
 * nowhere yet; it is then marked as this ticket's (and note's), which opens it to everyone who may
 * read the ticket, and the ticket's entry gets the size and type the server found. Runs inside the
 * mutation's savepoint: a refusal later in the change rolls the marking back with it.
 */
export const attachUpload = async (trx: Transaction<Schema>, mutation: ParsedMutation, actorId: string, writes: Write[]): Promise<Completed> => {
  // Nothing written: the same attachment again, which changes nothing.
  if (mutation.name !== 'attachment:add' || writes.length === 0) return { ok: true, writes };
  const args = mutation.args;
  if (args.attachmentId === PENDING_UPLOAD) return { ok: false, error: NOT_YOURS };
  const row = await trx
    .selectFrom('attachments')
    .select(['size', 'content_type', 'uploaded_by', 'ticket_id'])
    .where('id', '=', args.attachmentId)
    .executeTakeFirst();
  if (row === undefined || row.uploaded_by !== actorId) return { ok: false, error: NOT_YOURS };
  if (row.ticket_id !== null)
    return {
      ok: false,
      error: { code: 'already_attached', message: 'This upload is attached to a ticket already; upload the file again to attach it here too.' },
    };
  await trx
    .updateTable('attachments')
    .set({ ticket_id: args.ticketId, note_id: args.noteId ?? null })
    .where('id', '=', args.attachmentId)
    .execute();
  const contentType = ATTACHMENT_TYPES.find((type) => type === row.content_type) ?? null;
  return {
    ok: true,
    writes: writes.map((write): Write => {
      if (write.entity !== 'ticket' || write.id !== args.ticketId) return write;
      const attachments = (write.data.attachments ?? []).map((entry) => (entry.id === args.id ? { ...entry, size: Number(row.size), contentType } : entry));
      return { ...write, data: { ...write.data, attachments } };
    }),
  };
};
