import { CALLER_ACTOR_ID } from '../../shared/domain/callerWord';
import { STATUSES, TIERS, type Status, type Tier } from '../../shared/domain/ticket';
import { normalizeTicketCode } from '../../shared/domain/ticketCode';
import { publicResolution, type PublicTicketView } from '../../shared/domain/track';
import type { Db } from '../db/connect';

/**
 * Looked up in place of a malformed code. No ticket can have it (codes are Crockford base32),
 * and looking it up does the same work as a real code, so an answer's timing does not tell a
 * well-formed unknown code from a malformed one, nor either from a known one (see below).
 */
export const IMPOSSIBLE_CODE = '!!!!-!!!!';

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
    .leftJoin('track_answers as a', (join) => join.onRef('a.ticket_id', '=', 't.id').onRef('a.resolved_at', '=', 't.resolved_at'))
    .select([
      't.code',
      't.title',
      't.status',
      't.tier',
      't.updated_at',
      't.resolution',
      'n.body',
      'n.created_at as note_created_at',
      'n.author_id',
      'u.display_name',
      'a.solved',
      'a.rating',
      'a.answered_at',
    ])
    .where('t.code', '=', code)
    .orderBy('n.created_at')
    .orderBy('n.id')
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
    publicNotes: rows.flatMap((row) =>
      row.body === null || row.note_created_at === null
        ? []
        : [{ body: row.body, createdAt: iso(row.note_created_at), author: row.display_name ?? '', fromCaller: row.author_id === CALLER_ACTOR_ID }],
    ),
    callerAnswer:
      first.solved === null || first.answered_at === null || (status !== 'resolved' && status !== 'closed')
        ? null
        : { solved: Number(first.solved) === 1, rating: first.rating === null ? null : Number(first.rating), answeredAt: iso(first.answered_at) },
  };
};
