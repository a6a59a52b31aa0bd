import type { Transaction } from 'kysely';
import type { Ticket } from '../../shared/domain/ticket';
import type { DomainError } from '../../shared/result';
import type { PushResult } from '../../shared/sync/protocol';
import { recordChanges, type SeqAllocator } from '../db/changeFeed';
import { refreshDerivedRows, ticketsOf, writeRecordRows } from '../db/records';
import type { Schema } from '../db/schema';
import { createWriteBatch, unbatched, type WriteBatch } from '../db/writeBatch';
import { createSavepoint, type Savepoint } from './savepoint';
import { decide, type Applier, type IncomingMutation } from './push';

/** A mutation of a push and the server time it is dated (server/sync/push.ts, happenedAt). */
export type GroupMutation = { mutation: IncomingMutation; now: string };
export type GroupPush = { clientId: string; actorId: string; mutations: readonly GroupMutation[] };
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

/** What the group knows while it runs; a mutation's share is added only once its savepoint is released. */
type GroupState = {
  /** The answer a mutation id already seen gets: stored before the group, or applied or refused in it. */
  ledger: Map<string, PushResult>;
  touched: Set<string>;
  /** The newest record of each ticket written, for its search row. */
  tickets: Map<string, Ticket>;
  /** SQLite: the `sync_seq` counter as stored, and as this group has counted it on (null until first needed). */
  seq: { stored: number | null; next: number | null };
};

const LEDGER_READ_BATCH = 500;

/** The answers a retry of each already-seen id gets: ids are single-use, a retry gets the first answer again and changes nothing. */
const readLedger = async (trx: Transaction<Schema>, ids: readonly string[]): Promise<Map<string, PushResult>> => {
  const ledger = new Map<string, PushResult>();
  const unique = [...new Set(ids)];
  for (let start = 0; start < unique.length; start += LEDGER_READ_BATCH) {
    const rows = await trx
      .selectFrom('applied_mutations')
      .select(['id', 'status', 'error'])
      .where('id', 'in', unique.slice(start, start + LEDGER_READ_BATCH))
      .execute();
    for (const row of rows) {
      ledger.set(
        row.id,
        row.status === 'applied'
          ? { id: row.id, status: 'duplicate' }
          : { id: row.id, status: 'rejected', error: JSON.parse(row.error ?? '{}') as DomainError },
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
  const seen = state.ledger.get(mutation.id);
  if (seen !== undefined) return { result: seen, effects: NO_EFFECTS };
  const decision = await decide(trx, applier, push.actorId, mutation, now);
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
  await writes.run(trx.insertInto('applied_mutations').values({ ...record, status: 'applied', error: null }));
  await writes.flush();
  return { result: { id: mutation.id, status: 'applied' }, effects: { touched, tickets: ticketsOf(decision.writes) } };
};

/** What a retry of this mutation id gets, once its outcome is part of the group. */
const ledgerAnswer = (result: PushResult): PushResult =>
  result.status === 'rejected' ? result : { id: result.id, status: result.status === 'applied' ? 'duplicate' : result.status };

const keep = (state: GroupState, result: PushResult, effects: Effects): void => {
  state.ledger.set(result.id, ledgerAnswer(result));
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
      keep(state, result, effects);
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
 * Applies the slices' mutations in order in one transaction, each in a savepoint of its own: a
 * mutation that is refused or throws changes nothing, and the others apply. The derived rows
 * (statistics, search) and SQLite's feed counter are written once, at the end. Resolves once the
 * commit is durable; rejects, with nothing stored, when the transaction as a whole fails.
 */
export const applyGroup = (applier: Applier, slices: readonly GroupSlice[]): Promise<SliceOutcome[]> =>
  applier.db.transaction().execute(async (trx) => {
    const ids = slices.flatMap((slice) => slice.push.mutations.slice(slice.from, slice.to).map((item) => item.mutation.id));
    const state: GroupState = { ledger: await readLedger(trx, ids), touched: new Set(), tickets: new Map(), seq: { stored: null, next: null } };
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
    return outcomes;
  });
