import { ATTACHMENT_TYPES } from '../../shared/attachments/attachmentType';
import { isAttachmentId } from '../../shared/attachments/pendingUpload';
import { CALLER_ACTOR_ID } from '../../shared/domain/callerWord';
import { STATUSES, TIERS, type Status, type Tier } from '../../shared/domain/ticket';
import { normalizeTicketCode } from '../../shared/domain/ticketCode';
import { publicResolution, type PublicNote, type PublicTicketView } from '../../shared/domain/track';
import type { StoredFile } from '../attachments/serveFile';
import type { Db } from '../db/connect';

/**
 * Looked up in place of a malformed code. No ticket can have it (codes are Crockford base32),
 * and looking it up does the same work as a real code, so an answer's timing does not tell a
 * well-formed unknown code from a malformed one, nor either from a known one (see below).
 */
export const IMPOSSIBLE_CODE = '!!!!-!!!!';
/** Matches no stored file (POST /api/attachments makes `att_` ids only). */
const IMPOSSIBLE_FILE_ID = '!';

const statusOf = (value: string): Status => {
  const status = STATUSES.find((known) => known === value);
  if (status === undefined) throw new Error(`Ticket status ${JSON.stringify(value)} is not one this server knows.`);
  return status;
};

const tierOf = (value: number): Tier => {
  const tier = TIERS.find((known) => known === Number(value));
  if (tier === undefined) throw new Error(`Ticket tier ${value} is not one this server knows.`);
  return tier;
};

const iso = (ms: number): string => new Date(Number(ms)).toISOString();

type NoteRow = {
  note_id: string | null;
  body: string | null;
  note_created_at: number | null;
  author_id: string | null;
  display_name: string | null;
  file_id: string | null;
  file_name: string | null;
  file_size: number | null;
  file_type: string | null;
};

/** The public notes of the joined rows (one per note and file, in order), each with its files. */
const publicNotesOf = (rows: readonly NoteRow[]): PublicNote[] => {
  const notes = new Map<string, PublicNote>();
  for (const row of rows) {
    if (row.note_id === null || row.body === null || row.note_created_at === null) continue;
    let note = notes.get(row.note_id);
    if (note === undefined) {
      note = {
        body: row.body,
        createdAt: iso(row.note_created_at),
        author: row.display_name ?? '',
        fromCaller: row.author_id === CALLER_ACTOR_ID,
        attachments: [],
      };
      notes.set(row.note_id, note);
    }
    const contentType = ATTACHMENT_TYPES.find((type) => type === row.file_type);
    if (row.file_id !== null && row.file_name !== null && row.file_size !== null && contentType !== undefined)
      note.attachments.push({ id: row.file_id, name: row.file_name, size: Number(row.file_size), contentType });
  }
  return [...notes.values()];
};

/**
 * The stored file of a public note of the ticket with this code, or null: an unknown code, an
 * unknown file, a file of an internal note or of the ticket itself all look the same.
 */
export const findPublicFile = async (db: Db, typed: string, fileId: string): Promise<StoredFile | null> => {
  const code = normalizeTicketCode(typed) ?? IMPOSSIBLE_CODE;
  // Any text may arrive here (a NUL byte fails a PostgreSQL query): what cannot be an id finds nothing, by the same query.
  const id = isAttachmentId(fileId) ? fileId : IMPOSSIBLE_FILE_ID;
  const row = await db
    .selectFrom('attachments as f')
    .innerJoin('tickets as t', 't.id', 'f.ticket_id')
    .innerJoin('notes as n', (join) => join.onRef('n.id', '=', 'f.note_id').onRef('n.ticket_id', '=', 't.id').on('n.visibility', '=', 'public'))
    .select(['f.sha256', 'f.size', 'f.content_type', 'f.name'])
    .where('t.code', '=', code)
    .where('f.id', '=', id)
    .executeTakeFirst();
  return row === undefined ? null : { ...row, size: Number(row.size) };
};

/**
 * The public view of the ticket a caller typed the code of, or null if there is none (or the
 * input cannot be a code). One query for every input, known or not, so the ticket and its notes
 * come from one snapshot and every lookup costs the same; only public notes are ever selected, and
 * of the ticket only what `PublicTicketView` allows (never its description, requester or assignee).
 */
export const findPublicView = async (db: Db, typed: string): Promise<PublicTicketView | null> => {
  const code = normalizeTicketCode(typed) ?? IMPOSSIBLE_CODE;
  const rows = await db
    .selectFrom('tickets as t')
    .leftJoin('notes as n', (join) => join.onRef('n.ticket_id', '=', 't.id').on('n.visibility', '=', 'public'))
    .leftJoin('users as u', 'u.id', 'n.author_id')
    // A public note's files: one row per file (a note without any keeps its one row).
    .leftJoin('attachments as f', (join) => join.onRef('f.note_id', '=', 'n.id').onRef('f.ticket_id', '=', 't.id'))
    .leftJoin('track_answers as a', (join) => join.onRef('a.ticket_id', '=', 't.id').onRef('a.resolved_at', '=', 't.resolved_at'))
    .select([
      't.code',
      't.title',
      't.status',
      't.tier',
      't.updated_at',
      't.resolution',
      'n.id as note_id',
      'n.body',
      'n.created_at as note_created_at',
      'n.author_id',
      'u.display_name',
      'a.solved',
      'a.rating',
      'a.answered_at',
      'f.id as file_id',
      'f.name as file_name',
      'f.size as file_size',
      'f.content_type as file_type',
      'f.uploaded_at as file_at',
    ])
    .where('t.code', '=', code)
    .orderBy('n.created_at')
    .orderBy('n.id')
    .orderBy('f.uploaded_at')
    .orderBy('f.id')
    .execute();
  const first = rows[0];
  if (first === undefined) return null;
  const status = statusOf(first.status);
  return {
    code: first.code,
    title: first.title,
    status,
    tier: tierOf(first.tier),
    updatedAt: iso(first.updated_at),
    resolution: publicResolution(status, first.resolution),
    publicNotes: publicNotesOf(rows),
    callerAnswer:
      first.solved === null || first.answered_at === null || (status !== 'resolved' && status !== 'closed')
        ? null
        : { solved: Number(first.solved) === 1, rating: first.rating === null ? null : Number(first.rating), answeredAt: iso(first.answered_at) },
  };
};
