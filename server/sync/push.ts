import type { Transaction } from 'kysely';
import { applyMutation, mutationFollowReads, mutationReads, parseMutation, type ParsedMutation } from '../../shared/domain/mutate';
import type { Write } from '../../shared/domain/mutators';
import { isServerOnlyMutation } from '../../shared/domain/mutationArgs';
import type { SlaPolicy } from '../../shared/domain/sla';
import type { Ticket } from '../../shared/domain/ticket';
import type { DomainError } from '../../shared/result';
import { entityKey, type AnyEntity, type EntityMap, type EntityName } from '../../shared/sync/protocol';
import type { DatabaseKind } from '../config';
import { attachUpload } from '../attachments/attachUpload';
import { loadRecords } from '../db/changeFeed';
import type { Db } from '../db/connect';
import type { PreviousTicket } from '../db/records';
import { findNul } from '../http';
import type { Schema } from '../db/schema';
import type { OutboxSettings } from '../mail/mailOutbox';

export type IncomingMutation = { id: string; name: string; args: unknown };

/**
 * Ids of the server's own mutations begin with this. A push from a console may not use it: an id
 * the server will use, taken first, would make the server's change a duplicate of someone else's.
 */
export const SERVER_MUTATION_PREFIX = 'server:';
/** `mail`: present when the server mails callers (MEJA_SMTP_URL); a change that owes mail queues it in its own transaction. */
export type Applier = { db: Db; kind: DatabaseKind; slaPolicy?: SlaPolicy; mail?: OutboxSettings };

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

/**
 * The server times of a push's mutations, in order: the i-th is dated as if it arrived i
 * milliseconds after the push (then happenedAt takes its offline age off). A push applies in one
 * transaction, often within one millisecond, and its changes made online must keep their order
 * wherever they are sorted by time (a ticket's history, the statistics' timelines, a caller's
 * public notes), as they did when each took a transaction of its own.
 */
export const datePush = (serverNow: number, mutations: ReadonlyArray<{ at?: string | undefined }>, sentAt?: string): string[] =>
  mutations.map(({ at }, i) => happenedAt(serverNow + i, at, sentAt));

/** What a rule decided: the records to write (and the stored tickets it read, for their unchanged rows), or a refusal. */
export type Decision = { ok: true; writes: Write[]; previous: (ticketId: string) => PreviousTicket } | { ok: false; error: DomainError };

/** Server-only facts of a new ticket: its caller code must be free; it gets the next number. */
const completeCreate = async (
  trx: Transaction<Schema>,
  mutation: ParsedMutation,
  writes: Write[],
): Promise<{ ok: true; writes: Write[] } | { ok: false; error: DomainError }> => {
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

/**
 * Runs a mutation's rule against the database inside the writer's transaction, with the server's
 * clock: reads what the rule names (locked on PostgreSQL), then what those records name, applies
 * the rule and adds the server-only facts. Writes nothing but the ticket number counter of a new ticket
 * and the upload row an attachment marks as attached.
 */
export const decide = async (
  trx: Transaction<Schema>,
  applier: Applier,
  actorId: string,
  mutation: IncomingMutation,
  now: string,
  isServer = false,
): Promise<Decision> => {
  if (!isServer && isServerOnlyMutation(mutation.name)) {
    return { ok: false, error: { code: 'forbidden', message: `${mutation.name} is the server's own change; no console may send it.` } };
  }
  const nulAt = findNul(mutation.args);
  if (nulAt !== null) return { ok: false, error: { code: 'invalid_args', message: `Invalid ${mutation.name}: ${nulAt}: must not contain NUL characters` } };
  const parsed = parseMutation(mutation.name, mutation.args);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const reads = mutationReads(parsed.value, actorId);
  const state = await loadRecords(trx, applier.kind, reads);
  const readKeys = new Set(reads.map((ref) => entityKey(ref.entity, ref.id)));
  const read = <E extends EntityName>(entity: E, id: string) => state.get(entityKey(entity, id)) as EntityMap[E] | undefined;
  // Records only the first ones name (a problem's incidents), read in this transaction under the
  // same row locks: an incident linked by another change is either committed before this read or waits.
  const follow = mutationFollowReads(parsed.value, read).filter((ref) => !state.has(entityKey(ref.entity, ref.id)));
  if (follow.length > 0) {
    for (const [key, record] of await loadRecords(trx, applier.kind, follow)) state.set(key, record);
    for (const ref of follow) readKeys.add(entityKey(ref.entity, ref.id));
  }
  const ticketsRead = [...state].flatMap(([key, record]) => (key.startsWith('ticket/') && record !== undefined && 'createdAt' in record ? [record] : []));
  const dated = notBeforeCreation(now, ticketsRead);
  const result = applyMutation(parsed.value, read, {
    mutationId: mutation.id,
    actorId,
    now: dated,
    ...(applier.slaPolicy ? { slaPolicy: applier.slaPolicy } : {}),
  });
  if (!result.ok) return { ok: false, error: result.error };
  const created = await completeCreate(trx, parsed.value, result.value);
  if (!created.ok) return created;
  const completed = await attachUpload(trx, parsed.value, actorId, created.writes);
  if (!completed.ok) return completed;
  return { ok: true, writes: completed.writes, previous: previousTicketIn(state, readKeys) };
};

const previousTicketIn =
  (state: ReadonlyMap<string, AnyEntity>, readKeys: ReadonlySet<string>) =>
  (ticketId: string): PreviousTicket => {
    const key = entityKey('ticket', ticketId);
    // The loaded state holds tickets only under ticket keys.
    return readKeys.has(key) ? { known: true, record: state.get(key) as Ticket | undefined } : { known: false };
  };
