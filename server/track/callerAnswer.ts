import { CALLER_ACTOR_ID } from '../../shared/domain/callerWord';
import { normalizeTicketCode } from '../../shared/domain/ticketCode';
import type { TrackAnswerBody } from '../../shared/api/track';
import type { Db } from '../db/connect';
import { serverMutationId, type ServerChanges } from '../sync/serverChanges';
import { IMPOSSIBLE_CODE } from './publicView';

/** How a caller's answer went; the route turns each into its status. */
export type AnswerOutcome = 'recorded' | 'not_found' | 'not_resolved' | 'already_answered';

const iso = (ms: number): string => new Date(Number(ms)).toISOString();

/**
 * Records a caller's answer to the current resolution of the ticket with this code, as the
 * server's own change (`ticket:callerAnswer`, by the caller): a Yes is kept, a No reopens the
 * ticket. The change's id names the resolution, so a second answer to it, from this instance or
 * another at the same moment, is a duplicate in the ledger of applied mutations, and never a second write.
 */
export const answerAsCaller = async (db: Db, changes: ServerChanges, typed: string, body: TrackAnswerBody, closeOnConfirm: boolean): Promise<AnswerOutcome> => {
  const code = normalizeTicketCode(typed) ?? IMPOSSIBLE_CODE;
  const ticket = await db
    .selectFrom('tickets as t')
    .leftJoin('track_answers as a', (join) => join.onRef('a.ticket_id', '=', 't.id').onRef('a.resolved_at', '=', 't.resolved_at'))
    .select(['t.id', 't.status', 't.resolved_at', 'a.event_id'])
    .where('t.code', '=', code)
    .executeTakeFirst();
  if (ticket === undefined) return 'not_found';
  if (ticket.status !== 'resolved' || ticket.resolved_at === null) return 'not_resolved';
  if (ticket.event_id !== null) return 'already_answered';
  const resolvedAt = iso(ticket.resolved_at);
  const result = await changes.apply(CALLER_ACTOR_ID, {
    id: serverMutationId('answer', ticket.id, resolvedAt),
    name: 'ticket:callerAnswer',
    args: {
      id: ticket.id,
      resolvedAt,
      solved: body.solved,
      ...(body.rating === undefined || body.rating === null ? {} : { rating: body.rating }),
      ...(body.comment === undefined || body.comment === null ? {} : { comment: body.comment }),
      ...(body.solved && closeOnConfirm ? { closeOnConfirm: true } : {}),
    },
  });
  if (result.status === 'applied') return 'recorded';
  if (result.status === 'duplicate') return 'already_answered';
  // Refused: the ticket changed between the lookup and the change (reopened, closed, resolved again).
  if (result.error?.code === 'conflict' || result.error?.code === 'not_found') return 'not_resolved';
  throw new Error(`A caller's answer was refused: ${result.error?.code ?? 'unknown'}: ${result.error?.message ?? ''}`);
};
