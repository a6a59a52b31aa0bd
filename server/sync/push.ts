import type { Transaction } from 'kysely';
import { applyMutation, mutationFollowReads, mutationReads, parseMutation, type ParsedMutation } from '../../shared/domain/mutate';
import type { Write } from '../../shared/domain/mutators';
import type { SlaPolicy } from '../../shared/domain/sla';
import type { DomainError } from '../../shared/result';
import type { PushResult } from '../../shared/sync/protocol';
import { entityKey, type EntityMap, type EntityName } from '../../shared/sync/protocol';
import type { DatabaseKind } from '../config';
import { loadRecords, recordChanges } from '../db/changeFeed';
import type { Db } from '../db/connect';
import type { Ticket } from '../../shared/domain/ticket';
import { writeRecords } from '../db/records';
import { findNul } from '../http';
import type { Schema } from '../db/schema';

export type IncomingMutation = { id: string; name: string; args: unknown };
export type Applier = { db: Db; kind: DatabaseKind; slaPolicy?: SlaPolicy };

/** How far back a change made offline may be dated (happenedAt); older ones are dated this far back. */
export const MAX_OFFLINE_AGE_MS = 30 * 24 * 3_600_000;

/**
 * When a change happened, by the server's clock: a change made offline an hour ago is dated an
 * hour ago, whatever the client's clock says (only the difference between two client readings is
 * used, so a client clock a day off does not matter).
 */
export const happenedAt = (serverNow: number, at?: string, sentAt?: string): string => {
  if (at === undefined || sentAt === undefined) return new Date(serverNow).toISOString();
  const age = Date.parse(sentAt) - Date.parse(at);
  const clamped = Number.isFinite(age) ? Math.min(Math.max(age, 0), MAX_OFFLINE_AGE_MS) : 0;
  return new Date(serverNow - clamped).toISOString();
};

/**
 * A change is dated no earlier than the creation of the tickets it reads. A console offline for
 * days dates its changes when they happened (happenedAt), but its clock readings may put a change
 * to a ticket before the ticket itself (a resolution "two hours before" it was created). Besides
 * being nonsense on a timeline, that would let a ticket have ended before it began, and consoles
 * rely on a ticket that ended having ended after its creation to know a new one arrives whole
 * (shared/sync/catchUp.ts, NEW_TICKET_SLACK_MS).
 */
export const notBeforeCreation = (now: string, tickets: ReadonlyArray<Pick<Ticket, 'createdAt'>>): string => {
  const created = Math.max(...tickets.map((ticket) => Date.parse(ticket.createdAt)).filter(Number.isFinite));
  return created > Date.parse(now) ? new Date(created).toISOString() : now;
};

type Outcome = { ok: true; writes: Write[] } | { ok: false; error: DomainError };

/** Server-only facts of a new ticket: its caller code must be free; it gets the next number. */
const completeCreate = async (trx: Transaction<Schema>, mutation: ParsedMutation, writes: Write[]): Promise<Outcome> => {
  if (mutation.name !== 'ticket:create') return { ok: true, writes };
  const taken = await trx.selectFrom('tickets').select('id').where('code', '=', mutation.args.code).where('id', '!=', mutation.args.id).executeTakeFirst();
  if (taken !== undefined)
    return { ok: false, error: { code: 'code_taken', message: `The caller code ${mutation.args.code} is already used by another ticket.` } };
  const counter = await trx
    .updateTable('counters')
    .set((eb) => ({ value: eb('value', '+', 1) }))
    .where('name', '=', 'ticket_number')
    .returning('value')
    .executeTakeFirstOrThrow();
  return {
    ok: true,
    writes: writes.map((write): Write => {
      if (write.entity === 'ticket') return { ...write, data: { ...write.data, number: counter.value } };
      if (write.entity === 'event' && write.data.type === 'created') return { ...write, data: { ...write.data, data: { number: counter.value } } };
      return write;
    }),
  };
};

const decide = async (trx: Transaction<Schema>, applier: Applier, actorId: string, mutation: IncomingMutation, now: string): Promise<Outcome> => {
  const nulAt = findNul(mutation.args);
  if (nulAt !== null) return { ok: false, error: { code: 'invalid_args', message: `Invalid ${mutation.name}: ${nulAt}: must not contain NUL characters` } };
  const parsed = parseMutation(mutation.name, mutation.args);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const state = await loadRecords(trx, applier.kind, mutationReads(parsed.value, actorId));
  const read = <E extends EntityName>(entity: E, id: string) => state.get(entityKey(entity, id)) as EntityMap[E] | undefined;
  // Records only the first ones name (a problem's incidents), read in this transaction under the
  // same row locks: an incident linked by another change is either committed before this read or waits.
  const follow = mutationFollowReads(parsed.value, read).filter((ref) => !state.has(entityKey(ref.entity, ref.id)));
  if (follow.length > 0) for (const [key, record] of await loadRecords(trx, applier.kind, follow)) state.set(key, record);
  const ticketsRead = [...state].flatMap(([key, record]) => (key.startsWith('ticket/') && record !== undefined && 'createdAt' in record ? [record] : []));
  const dated = notBeforeCreation(now, ticketsRead);
  const result = applyMutation(parsed.value, read, {
    mutationId: mutation.id,
    actorId,
    now: dated,
    ...(applier.slaPolicy ? { slaPolicy: applier.slaPolicy } : {}),
  });
  if (!result.ok) return { ok: false, error: result.error };
  return completeCreate(trx, parsed.value, result.value);
};

const applyOnce = (applier: Applier, clientId: string, actorId: string, mutation: IncomingMutation, now: string): Promise<PushResult> =>
  applier.db.transaction().execute(async (trx) => {
    const seen = await trx.selectFrom('applied_mutations').select(['status', 'error']).where('id', '=', mutation.id).executeTakeFirst();
    if (seen !== undefined) {
      // Ids are single-use: a retry gets the first answer again and changes nothing.
      return seen.status === 'applied'
        ? { id: mutation.id, status: 'duplicate' }
        : { id: mutation.id, status: 'rejected', error: JSON.parse(seen.error ?? '{}') as DomainError };
    }
    const outcome = await decide(trx, applier, actorId, mutation, now);
    const record = { id: mutation.id, client_id: clientId, actor_id: actorId, name: mutation.name.slice(0, 64), applied_at: Date.now() };
    if (!outcome.ok) {
      await trx
        .insertInto('applied_mutations')
        .values({ ...record, status: 'rejected', error: JSON.stringify(outcome.error) })
        .execute();
      return { id: mutation.id, status: 'rejected', error: outcome.error };
    }
    await writeRecords(trx, outcome.writes);
    await recordChanges(trx, applier.kind, outcome.writes);
    await trx
      .insertInto('applied_mutations')
      .values({ ...record, status: 'applied', error: null })
      .execute();
    return { id: mutation.id, status: 'applied' };
  });

const isRetryable = (error: unknown): boolean => {
  const code = (error as { code?: unknown }).code;
  // PostgreSQL unique violation / serialization failure / deadlock; SQLite constraint or busy.
  return (
    code === '23505' ||
    code === '40001' ||
    code === '40P01' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_BUSY'
  );
};

/**
 * Applies one mutation in its own transaction. A race with another instance (same mutation id,
 * same caller code) surfaces as a constraint error: the one retry then sees the winner's state
 * and answers duplicate or code_taken.
 */
export const applyMutationAs = async (applier: Applier, clientId: string, actorId: string, mutation: IncomingMutation, now: string): Promise<PushResult> => {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await applyOnce(applier, clientId, actorId, mutation, now);
    } catch (error) {
      if (attempt >= 2 || !isRetryable(error)) throw error;
    }
  }
};
