import { sql, type Transaction } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Ticket } from '../../shared/domain/ticket';
import type { DomainError } from '../../shared/result';
import type { PushResult } from '../../shared/sync/protocol';
import { recordChanges, type SeqAllocator } from '../db/changeFeed';
import { databaseUnreachableOf } from '../db/databaseUnreachable';
import { refreshDerivedRows, ticketsOf, writeRecordRows } from '../db/records';
import type { Schema } from '../db/schema';
import { createWriteBatch, unbatched, type WriteBatch } from '../db/writeBatch';
import { createSavepoint, type Savepoint } from './savepoint';
import { outboxRowsOf, type OutboxSettings } from '../mail/mailOutbox';
import { decide, type Applier, type Decision, type IncomingMutation } from './push';

/** A mutation of a push and the server time it is dated (server/sync/push.ts, datePush). */
export type GroupMutation = { mutation: IncomingMutation; now: string };
/** `isServer`: the server's own changes (server/sync/serverChanges.ts), the only ones that may name a server-only mutation. */
export type GroupPush = { clientId: string; actorId: string; mutations: readonly GroupMutation[]; isServer?: boolean };
/** The part of a push that one group applies: its mutations from `from` up to `to` (excluded), in order. */
export type GroupSlice = { push: GroupPush; from: number; to: number };

/**
 * How a slice went once its group committed: the outcomes of its first mutations, in order, and
 * why it stopped before `to` if it did. The mutation it stopped at changed nothing (its savepoint
 * was rolled back), and the push's later mutations were not tried: `conflict`, it raced another
 * transaction (another instance) and may go through in a later group; `failed`, it threw.
 */
export type SliceOutcome = { results: PushResult[]; stopped: null | { kind: 'conflict' | 'failed'; error: unknown } };

/**
 * A race with another transaction, which a new attempt resolves: PostgreSQL unique violation,
 * serialization failure, deadlock; SQLite constraint or busy. A retry then sees the winner's
 * state and answers duplicate or code_taken.
 */
export const isRetryable = (error: unknown): boolean => {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === '23505' ||
    code === '40001' ||
    code === '40P01' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_BUSY'
  );
};

/** What one applied mutation leaves for the group's end: the derived rows to refresh. */
type Effects = { touched: ReadonlySet<string>; tickets: readonly Ticket[] };
const NO_EFFECTS: Effects = { touched: new Set(), tickets: [] };

/** What a mutation id seen before stands for: a retry of it gets the first answer again and changes nothing. */
type Seen = { status: 'applied' } | { status: 'rejected'; error: NonNullable<PushResult['error']> };

/**
 * The key under which the ledger knows an id, with the database's own equality: pg sends text as
 * UTF-8 with an unpaired surrogate made U+FFFD, so ids that differ only there are one id to
 * PostgreSQL; better-sqlite3 keeps every UTF-16 unit, so SQLite compares them as JavaScript does.
 */
const ledgerKey = (kind: DatabaseKind, id: string): string => (kind === 'postgres' ? Buffer.from(id, 'utf8').toString('utf8') : id);

/** The answer a retry of a seen id gets, under the id it was sent with. */
const answerSeen = (id: string, seen: Seen): PushResult =>
  seen.status === 'applied' ? { id, status: 'duplicate' } : { id, status: 'rejected', error: seen.error };

/** What the group knows while it runs; a mutation's share is added only once its savepoint is released. */
type GroupState = {
  /** Mutation ids seen (by ledgerKey): recorded before the group, or applied or refused in it. */
  ledger: Map<string, Seen>;
  touched: Set<string>;
  /** The newest record of each ticket written, for its search row. */
  tickets: Map<string, Ticket>;
  /** SQLite: the `sync_seq` counter as stored, and as this group has counted it on (null until first needed). */
  seq: { stored: number | null; next: number | null };
};

const LEDGER_READ_BATCH = 500;

/**
 * The ledger's word on each of these ids, read at once. Rows are matched to the ids by position:
 * an id read back from the database need not equal the id sent (see ledgerKey).
 */
const readLedger = async (trx: Transaction<Schema>, kind: DatabaseKind, ids: readonly string[]): Promise<Map<string, Seen>> => {
  const ledger = new Map<string, Seen>();
  const unique = [...new Map(ids.map((id) => [ledgerKey(kind, id), id])).values()];
  for (let start = 0; start < unique.length; start += LEDGER_READ_BATCH) {
    const part = unique.slice(start, start + LEDGER_READ_BATCH);
    const asked = sql.join(part.map((id, i) => sql`(${sql.lit(i)}, ${id})`));
    const { rows } = await sql<{ i: number; status: string; error: string | null }>`with v (i, id) as (values ${asked})
      select v.i, m.status, m.error from v join applied_mutations m on m.id = v.id`.execute(trx);
    for (const row of rows) {
      const id = part[Number(row.i)];
      if (id === undefined) continue;
      ledger.set(
        ledgerKey(kind, id),
        row.status === 'applied' ? { status: 'applied' } : { status: 'rejected', error: JSON.parse(row.error ?? '{}') as DomainError },
      );
    }
  }
  return ledger;
};

/** SQLite feed positions counted in memory from the stored counter (read once, when first needed). */
const seqAllocator =
  (trx: Transaction<Schema>, seq: GroupState['seq']): SeqAllocator =>
  async (count) => {
    if (seq.next === null) {
      const row = await trx.selectFrom('counters').select('value').where('name', '=', 'sync_seq').executeTakeFirstOrThrow();
      seq.stored = row.value;
      seq.next = row.value;
    }
    const first = seq.next + 1;
    seq.next += count;
    return first;
  };

const storeSeq = async (trx: Transaction<Schema>, seq: GroupState['seq']): Promise<void> => {
  if (seq.next === null || seq.next === seq.stored) return;
  await trx.updateTable('counters').set({ value: seq.next }).where('name', '=', 'sync_seq').execute();
};

/** A group's transaction and what it keeps while it runs. */
type Group = {
  trx: Transaction<Schema>;
  applier: Applier;
  state: GroupState;
  /** SQLite: feed positions counted in memory. */
  allocate: SeqAllocator | undefined;
  /** Where a mutation's writes go: on PostgreSQL gathered into one statement, sent at `flush`. */
  writes: WriteBatch;
  savepoint: Savepoint;
};

/** One mutation inside its savepoint: its ledger row, and when the rule accepts it its records and feed rows. */
const applyOne = async (group: Group, push: GroupPush, { mutation, now }: GroupMutation): Promise<{ result: PushResult; effects: Effects }> => {
  const { trx, applier, state, writes } = group;
  const seen = state.ledger.get(ledgerKey(applier.kind, mutation.id));
  if (seen !== undefined) return { result: answerSeen(mutation.id, seen), effects: NO_EFFECTS };
  const decision = await decide(trx, applier, push.actorId, mutation, now, push.isServer === true);
  const record = { id: mutation.id, client_id: push.clientId, actor_id: push.actorId, name: mutation.name.slice(0, 64), applied_at: Date.now() };
  if (!decision.ok) {
    // Whatever the rule's checks wrote before refusing goes: a refused mutation leaves its ledger row alone.
    await group.savepoint.rollBack();
    await trx
      .insertInto('applied_mutations')
      .values({ ...record, status: 'rejected', error: JSON.stringify(decision.error) })
      .execute();
    return { result: { id: mutation.id, status: 'rejected', error: decision.error }, effects: NO_EFFECTS };
  }
  const touched = await writeRecordRows(trx, decision.writes, decision.previous, writes.run);
  await recordChanges(trx, applier.kind, decision.writes, group.allocate, writes.run);
  if (applier.mail !== undefined) await queueMail(group, applier.mail, decision, now);
  await writes.run(trx.insertInto('applied_mutations').values({ ...record, status: 'applied', error: null }));
  await writes.flush();
  return { result: { id: mutation.id, status: 'applied' }, effects: { touched, tickets: ticketsOf(decision.writes) } };
};

/** The mail a change owes its callers, in its savepoint: a refused or failed change queues none (server/mail/mailOutbox.ts). */
const queueMail = async (group: Group, settings: OutboxSettings, decision: Extract<Decision, { ok: true }>, now: string): Promise<void> => {
  const rows = outboxRowsOf(
    settings,
    decision.writes,
    (id) => {
      const previous = decision.previous(id);
      return previous.known ? previous.record : undefined;
    },
    Date.parse(now),
  );
  if (rows.length === 0) return;
  await group.writes.run(group.trx.insertInto('mail_outbox').values(rows));
  settings.queued?.();
};

const keep = (group: Group, result: PushResult, effects: Effects): void => {
  const { state } = group;
  const key = ledgerKey(group.applier.kind, result.id);
  if (result.status === 'applied') state.ledger.set(key, { status: 'applied' });
  else if (result.status === 'rejected' && result.error !== undefined) state.ledger.set(key, { status: 'rejected', error: result.error });
  for (const id of effects.touched) state.touched.add(id);
  for (const ticket of effects.tickets) state.tickets.set(ticket.id, ticket);
};

const applySlice = async (group: Group, slice: GroupSlice): Promise<SliceOutcome> => {
  const { state } = group;
  const results: PushResult[] = [];
  for (let i = slice.from; i < slice.to; i += 1) {
    const item = slice.push.mutations[i];
    if (item === undefined) break;
    const seqMark = state.seq.next;
    await group.savepoint.open();
    try {
      const { result, effects } = await applyOne(group, slice.push, item);
      group.savepoint.keep();
      keep(group, result, effects);
      results.push(result);
    } catch (error) {
      group.writes.discard();
      await group.savepoint.undo(error);
      state.seq.next = seqMark ?? state.seq.stored;
      return { results, stopped: { kind: isRetryable(error) ? 'conflict' : 'failed', error } };
    }
  }
  return { results, stopped: null };
};

/**
 * The connection to the database broke after the group asked it to commit (PostgreSQL restarting,
 * the network cut): it may be stored or not. Its pushes fail (503) all the same; their mutations
 * sent again find their ids in the ledger if it was stored and answer `duplicate`, or apply now.
 */
export class CommitOutcomeUnknown extends Error {
  override readonly name = 'CommitOutcomeUnknown';
  constructor(cause: unknown) {
    super('The connection to the database broke while a push group committed: whether it was stored is not known.', { cause });
  }
}

/**
 * Applies the slices' mutations in order in one transaction, each in a savepoint of its own: a
 * mutation that is refused or throws changes nothing, and the others apply. The derived rows
 * (statistics, search) and SQLite's feed counter are written once, at the end. Resolves once the
 * commit is durable; rejects, with nothing stored, when the transaction as a whole fails, or with
 * CommitOutcomeUnknown when the database went away during the commit itself.
 */
export const applyGroup = async (applier: Applier, slices: readonly GroupSlice[]): Promise<SliceOutcome[]> => {
  let isCommitting = false;
  try {
    return await applyInTransaction(applier, slices, () => (isCommitting = true));
  } catch (error) {
    // Before the commit was asked for, a broken connection means the database rolled it back.
    if (isCommitting && databaseUnreachableOf(error) !== null) throw new CommitOutcomeUnknown(error);
    throw error;
  }
};

const applyInTransaction = (applier: Applier, slices: readonly GroupSlice[], committing: () => void): Promise<SliceOutcome[]> =>
  applier.db.transaction().execute(async (trx) => {
    const ids = slices.flatMap((slice) => slice.push.mutations.slice(slice.from, slice.to).map((item) => item.mutation.id));
    const state: GroupState = { ledger: await readLedger(trx, applier.kind, ids), touched: new Set(), tickets: new Map(), seq: { stored: null, next: null } };
    const isPostgres = applier.kind === 'postgres';
    const group: Group = {
      trx,
      applier,
      state,
      allocate: isPostgres ? undefined : seqAllocator(trx, state.seq),
      writes: isPostgres ? createWriteBatch(trx) : unbatched,
      savepoint: createSavepoint(trx, applier.kind),
    };
    const outcomes: SliceOutcome[] = [];
    for (const slice of slices) outcomes.push(await applySlice(group, slice));
    await group.savepoint.close();
    await refreshDerivedRows(trx, state.touched, [...state.tickets.values()]);
    await storeSeq(trx, state.seq);
    // Kysely commits as soon as this returns.
    committing();
    return outcomes;
  });
