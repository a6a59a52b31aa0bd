import { sql, type Expression, type ExpressionBuilder, type SqlBool, type OnConflictBuilder, type SelectQueryBuilder, type Transaction } from 'kysely';
import type { DatabaseKind } from '../config';
import type { AnyEntity, Change, EntityName } from '../../shared/sync/protocol';
import { ENTITY_NAMES } from '../../shared/sync/protocol';
import type { Db } from './connect';
import type { Schema } from './schema';
import { runAtOnce, type WriteRunner } from './writeBatch';

export type Position = { tx: number; seq: number };
export type FeedRecord = { entity: EntityName; id: string; data: AnyEntity | null };

const replaceRow = (withTicket: boolean) => (oc: OnConflictBuilder<Schema, 'sync_changes'>) =>
  oc.columns(['entity', 'entity_id']).doUpdateSet((eb) => ({
    op: eb.ref('excluded.op'),
    data: eb.ref('excluded.data'),
    ...(withTicket ? { ticket_id: eb.ref('excluded.ticket_id') } : {}),
    tx: eb.ref('excluded.tx'),
    seq: eb.ref('excluded.seq'),
  }));

/** The ticket a record belongs to, for scoped pulls: the ticket itself, or the ticket of an event, note or session; null for the rest and for deletions. */
export const ticketOfRecord = (record: FeedRecord): string | null => {
  if (record.data === null) return null;
  if (record.entity === 'ticket') return record.id;
  if (record.entity === 'event' || record.entity === 'note' || record.entity === 'session') {
    const { ticketId } = record.data as { ticketId?: unknown };
    return typeof ticketId === 'string' ? ticketId : null;
  }
  return null;
};

/**
 * SQLite: gives `count` consecutive feed sequence numbers and returns the first. The default takes
 * them from the `sync_seq` counter, one statement each time; a push group counts in memory and
 * stores the counter once (server/sync/pushGroup.ts).
 */
export type SeqAllocator = (count: number) => Promise<number>;

/**
 * Upserts each record's newest state into the feed at a new position, inside the writer's
 * transaction. PostgreSQL: tx is the writing transaction's id and seq comes from a sequence.
 * SQLite: writers are serialized, so tx is 0 and seq comes from a counter.
 */
export const recordChanges = (
  trx: Transaction<Schema>,
  kind: DatabaseKind,
  records: readonly FeedRecord[],
  allocate?: SeqAllocator,
  run: WriteRunner = runAtOnce,
): Promise<void> => insertFeedRows(trx, kind, records.map(feedRow), allocate, run);

/** Takes sequence numbers from the `sync_seq` counter (SQLite). */
const counterSeqs =
  (trx: Transaction<Schema>): SeqAllocator =>
  async (count) => {
    const counter = await trx
      .updateTable('counters')
      .set((eb) => ({ value: eb('value', '+', count) }))
      .where('name', '=', 'sync_seq')
      .returning('value')
      .executeTakeFirstOrThrow();
    return counter.value - count + 1;
  };

/** A feed row before its position is given. */
export type FeedRow = { entity: EntityName; entity_id: string; op: 'put' | 'delete'; data: string | null; ticket_id?: string | null };

export const feedRow = (record: FeedRecord): FeedRow => ({
  entity: record.entity,
  entity_id: record.id,
  op: record.data === null ? 'delete' : 'put',
  data: record.data === null ? null : JSON.stringify(record.data),
  ticket_id: ticketOfRecord(record),
});

/**
 * Writes feed rows at new positions (see recordChanges). Rows without `ticket_id` write the feed as
 * a schema before migration 0013_feed_ticket holds it: the upgrade tests build older databases so.
 */
export const insertFeedRows = async (
  trx: Transaction<Schema>,
  kind: DatabaseKind,
  rows: FeedRow[],
  allocate?: SeqAllocator,
  run: WriteRunner = runAtOnce,
): Promise<void> => {
  if (rows.length === 0) return;
  const onConflict = replaceRow(rows.every((row) => row.ticket_id !== undefined));
  if (kind === 'postgres') {
    await run(
      trx
        .insertInto('sync_changes')
        .values(rows.map((row) => ({ ...row, tx: sql<number>`pg_current_xact_id()::text::bigint`, seq: sql<number>`nextval('sync_seq')` })))
        .onConflict(onConflict),
    );
    return;
  }
  const first = await (allocate ?? counterSeqs(trx))(rows.length);
  await run(
    trx
      .insertInto('sync_changes')
      .values(rows.map((row, i) => ({ ...row, tx: 0, seq: first + i })))
      .onConflict(onConflict),
  );
};

const entityName = (value: string): EntityName => {
  const found = ENTITY_NAMES.find((name) => name === value);
  if (found === undefined) throw new Error(`Unknown entity in the change feed: ${value}`);
  return found;
};

/**
 * A feed row as stored: the record's JSON exactly as `recordChanges` wrote it. A read of the feed in
 * order (`readChanges`) also gives its ticket (`FeedRow.ticket_id`) and its position.
 */
export type FeedChange = { entity: EntityName; id: string; op: 'put' | 'delete'; json: string | null; ticketId?: string | null; at?: Position };

export type FeedPage = {
  changes: FeedChange[];
  /** Position of the last returned change (or `after` when none was returned). */
  last: Position;
  /**
   * Up to where every row was read and tested against the scope: `last`, or further when the page is
   * the last and its rows were tested ticket by ticket (the rows after `last` were all left out).
   * A live batch that starts at or before it follows this page (server/sync/liveFeed.ts).
   */
  scanned: Position;
  hasMore: boolean;
  /**
   * Feed rows after `last` when the page was read (same visibility boundary as the page), so a
   * client can show how far a long catch-up has come. Counted only when `hasMore`; otherwise 0.
   * Exact for that moment: commits after the read add to what the next page reports. Null when
   * the reader asked not to count.
   */
  remaining: number | null;
  /**
   * PostgreSQL: the newest transaction whose committed changes this read held back because an
   * older transaction was still running; null when nothing was held back (always on SQLite).
   */
  heldBackTx: number | null;
};

/** Transactions below this id have all finished: their positions can never be overtaken. */
export const visibleBelow = async (db: Db): Promise<number> => {
  const { rows } = await sql<{ xmin: number }>`select pg_snapshot_xmin(pg_current_snapshot())::text::bigint as xmin`.execute(db);
  const xmin = rows[0]?.xmin;
  if (xmin === undefined) throw new Error('PostgreSQL returned no snapshot.');
  return xmin;
};

const toFeedChange = (row: { entity: string; entity_id: string; op: string; data: string | null }): FeedChange =>
  row.op === 'delete' || row.data === null
    ? { entity: entityName(row.entity), id: row.entity_id, op: 'delete', json: null }
    : { entity: entityName(row.entity), id: row.entity_id, op: 'put', json: row.data };

const toPlacedChange = (row: StoredRow): FeedChange => ({ ...toFeedChange(row), ticketId: row.ticket_id, at: { tx: row.tx, seq: row.seq } });

/**
 * Where the visible feed ends: the position of its last row below the PostgreSQL visibility
 * boundary (every later commit lands after it), or the start of an empty feed.
 */
export const feedEnd = async (db: Db, kind: DatabaseKind): Promise<Position> => {
  let query = db.selectFrom('sync_changes').select(['tx', 'seq']);
  if (kind === 'postgres') query = query.where('tx', '<', await visibleBelow(db));
  const row = await query.orderBy('tx', 'desc').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row === undefined ? { tx: 0, seq: 0 } : { tx: Number(row.tx), seq: Number(row.seq) };
};

/** A feed row as a protocol change. The feed stores exactly the records the rules wrote, so the JSON has the entity's shape. */
export const parseChange = (change: FeedChange): Change =>
  change.op === 'delete' || change.json === null
    ? { entity: change.entity, id: change.id, op: 'delete', data: null }
    : ({ entity: change.entity, id: change.id, op: 'put', data: JSON.parse(change.json) as AnyEntity } as Change);

/**
 * The changes as the JSON array a pull answers with, spliced from the stored JSON text: parsing
 * every record only to serialize it again would be about half the server's time for a first sync
 * (docs/BENCHMARKS.md, "First sync: where the time goes").
 */
export const changesJson = (changes: readonly FeedChange[]): string =>
  `[${changes.map((c) => `{"entity":"${c.entity}","id":${JSON.stringify(c.id)},"op":"${c.op}","data":${c.json ?? 'null'}}`).join(',')}]`;

/**
 * Which part of the feed a read covers: some entities only or all but some, and at most up to a
 * position. A pull from scratch reads in such parts (see server/sync/bootstrap.ts).
 */
export type FeedScope = {
  only?: readonly EntityName[];
  except?: readonly EntityName[];
  until?: Position;
  /**
   * Only rows of these tickets (a user's working set), and the rows of no ticket (users, replies,
   * deletions). Absent: every row.
   */
  tickets?: TicketSet;
  /** With `tickets`: up to how many rows after the cursor are tested ticket by ticket (`FEW_ROWS` when absent). */
  fewRows?: number;
  /**
   * Leaves out what a pull from scratch's live pass sent: rows up to `until` that are users or
   * belong to `tickets` (the live tickets now). Such a row is unchanged since the live pass read
   * (a change moves a record to a new position), so its ticket was live then and the pass sent it.
   */
  sentLive?: { tickets: TicketSet; until: Position };
};

/** A select of ticket ids, as `workingSetQuery` builds it (server/sync/workingSet.ts). */
export type TicketIdSelect = SelectQueryBuilder<Schema, keyof Schema, { ticket_id: string }>;

/**
 * A set of tickets given by a rule (a user's working set): called without `among`, the select of
 * all its ticket ids; with `among` (never empty), of those of these tickets that are in it, which
 * a read asks when it has only a few rows to test (`readChanges`).
 */
export type TicketSet = (among?: readonly string[]) => TicketIdSelect;

/** Both sets' tickets. */
export const unionOf =
  (a: TicketSet, b: TicketSet): TicketSet =>
  (among) =>
    a(among).unionAll(b(among));

/**
 * How many rows after a scoped page's cursor are read and tested ticket by ticket (the rule asked of
 * their tickets only) rather than against the whole set inside the query: a catch-up after a few
 * changes, what every console pulls after every poke, then costs those rows, not the working set.
 */
export const FEW_ROWS = 256;

/**
 * The entity column as an expression, so a scoped read walks the position index and filters:
 * given `entity in (…)`, SQLite chooses the primary key (entity, entity_id) and sorts every ticket
 * for each page (docs/BENCHMARKS.md, "First sync: where the time goes").
 */
const entityOnly = sql<string>`${sql.ref('entity')} || ''`;

/**
 * The ticket column as an expression, for a page on SQLite: it walks the position index from its
 * cursor and tests each row. Given `ticket_id in (…)` and no statistics, SQLite read every record
 * of every ticket of the working set through the ticket index and sorted them all, for each page:
 * a third of a second a page at a million tickets, for the pages of a first sync and for the
 * catch-up of a single change alike (docs/BENCHMARKS.md, "Million-ticket desk"). PostgreSQL weighs
 * the two ways by its statistics (it walks for a catch-up) and is left to choose; a count is
 * better served by the ticket index on both.
 */
const ticketOnly = sql<string>`${sql.ref('ticket_id')} || ''`;

/** The conditions of a scope (none: every row); `walk`: a page on SQLite, read in position order. */
const inScope = (eb: ExpressionBuilder<Schema, 'sync_changes'>, scope: FeedScope, walk = false) => {
  const conditions = [];
  if (scope.only !== undefined) conditions.push(eb(entityOnly, 'in', [...scope.only]));
  if (scope.except !== undefined) conditions.push(eb(entityOnly, 'not in', [...scope.except]));
  if (scope.until !== undefined) conditions.push(eb(eb.refTuple('tx', 'seq'), '<=', eb.tuple(scope.until.tx, scope.until.seq)));
  if (scope.tickets !== undefined) conditions.push(eb.or([eb('ticket_id', 'is', null), eb(walk ? ticketOnly : eb.ref('ticket_id'), 'in', scope.tickets())]));
  if (scope.sentLive !== undefined) {
    const { tickets, until } = scope.sentLive;
    const sent = eb.and([
      eb(eb.refTuple('tx', 'seq'), '<=', eb.tuple(until.tx, until.seq)),
      eb.or([eb(entityOnly, '=', 'user'), eb(walk ? ticketOnly : eb.ref('ticket_id'), 'in', tickets())]),
    ]);
    conditions.push(eb.not(sent));
  }
  return eb.and(conditions);
};

/**
 * Feed rows after a position within a scope, below the PostgreSQL visibility boundary when there is
 * one. A scope of tickets is counted in two parts, the rows of no ticket and the rows of the set's
 * tickets, each through the ticket index: as one condition (`ticket_id is null or ticket_id in
 * (…)`) PostgreSQL read the whole feed, twice for a first page (docs/BENCHMARKS.md, "Million-ticket
 * desk: where the time goes").
 */
export const countAfter = async (db: Db, after: Position, xmin: number | null, scope: FeedScope = {}): Promise<number> => {
  const { tickets, ...rest } = scope;
  const count = async (ofTickets?: (eb: ExpressionBuilder<Schema, 'sync_changes'>) => Expression<SqlBool>): Promise<number> => {
    let query = db
      .selectFrom('sync_changes')
      .select((eb) => eb.fn.countAll().as('n'))
      .where((eb) => eb(eb.refTuple('tx', 'seq'), '>', eb.tuple(after.tx, after.seq)));
    if (xmin !== null) query = query.where('tx', '<', xmin);
    query = query.where((eb) => inScope(eb, rest));
    if (ofTickets !== undefined) query = query.where(ofTickets);
    const row = await query.executeTakeFirst();
    // PostgreSQL answers count(*) as a bigint string, SQLite as a number.
    return Number(row?.n ?? 0);
  };
  if (tickets === undefined) return count();
  return (await count((eb) => eb('ticket_id', 'is', null))) + (await count((eb) => eb('ticket_id', 'in', tickets())));
};

type StoredRow = { entity: string; entity_id: string; op: string; data: string | null; tx: number; seq: number; ticket_id: string | null };

/**
 * Changes after `after`, in feed order. On PostgreSQL only transactions older than the oldest
 * one still running are returned, so no later commit can ever land below a returned position.
 * That boundary (`xmin`) is read once, before the page: every transaction below it has ended,
 * so the page sees all of their changes; the held-back check uses the same boundary, so a
 * committed change is either returned or reported as held back, never silently skipped.
 *
 * A scope of tickets is tested inside the query, against the whole set, unless at most `FEW_ROWS`
 * rows follow the cursor: those are read, and the rule is asked of their tickets only. The rows
 * kept are the same either way, and so is `remaining`: the few rows are every row after the cursor.
 */
export const readChanges = async (
  db: Db,
  kind: DatabaseKind,
  after: Position,
  limit: number,
  options: { count: boolean; scope?: FeedScope } = { count: true },
): Promise<FeedPage> => {
  const scope = options.scope ?? {};
  // Below a position that an earlier read returned, every transaction has ended: nothing to wait for.
  const xmin = kind === 'postgres' && scope.until === undefined ? await visibleBelow(db) : null;
  const rowsAfter = async (within: FeedScope, take: number): Promise<StoredRow[]> => {
    let query = db
      .selectFrom('sync_changes')
      .select(['entity', 'entity_id', 'op', 'data', 'tx', 'seq', 'ticket_id'])
      .where((eb) => eb(eb.refTuple('tx', 'seq'), '>', eb.tuple(after.tx, after.seq)));
    if (xmin !== null) query = query.where('tx', '<', xmin);
    return query
      .where((eb) => inScope(eb, within, kind === 'sqlite'))
      .orderBy('tx')
      .orderBy('seq')
      .limit(take)
      .execute();
  };
  const { tickets, ...rest } = scope;
  let tested: StoredRow[] | null = null;
  let candidatesRead: StoredRow[] = [];
  if (tickets !== undefined) {
    const few = scope.fewRows ?? FEW_ROWS;
    const candidates = few > 0 ? await rowsAfter(rest, few + 1) : [];
    candidatesRead = candidates;
    if (few > 0 && candidates.length <= few) {
      const ids = [...new Set(candidates.flatMap((row) => (row.ticket_id === null ? [] : [row.ticket_id])))];
      const kept = ids.length === 0 ? new Set<string>() : new Set((await tickets(ids).execute()).map((row) => row.ticket_id));
      tested = candidates.filter((row) => row.ticket_id === null || kept.has(row.ticket_id));
    }
  }
  const rows = tested ?? (await rowsAfter(scope, limit + 1));
  const page = rows.slice(0, limit);
  const lastRow = page.at(-1);
  let heldBackTx: number | null = null;
  if (xmin !== null && rows.length <= limit) {
    const held = await db
      .selectFrom('sync_changes')
      .select((eb) => eb.fn.max('tx').as('tx'))
      .where('tx', '>=', xmin)
      .executeTakeFirst();
    heldBackTx = held?.tx ?? null;
  }
  const last = lastRow === undefined ? after : { tx: lastRow.tx, seq: lastRow.seq };
  const hasMore = rows.length > limit;
  const counted = async () => (tested === null ? countAfter(db, last, xmin, scope) : tested.length - limit);
  const remaining = !hasMore ? 0 : options.count ? await counted() : null;
  // Rows tested ticket by ticket were every row after the cursor: the last of them was read too.
  const lastRead = tested === null || hasMore ? undefined : candidatesRead.at(-1);
  const scanned = lastRead === undefined ? last : { tx: lastRead.tx, seq: lastRead.seq };
  return { changes: page.map(toPlacedChange), last, scanned, hasMore, remaining, heldBackTx };
};

/** Every stored record of these tickets (the tickets, their events, notes and sessions), through the feed's ticket index. */
export const readTicketRecords = async (db: Db, ticketIds: readonly string[]): Promise<FeedChange[]> => {
  if (ticketIds.length === 0) return [];
  const rows = await db
    .selectFrom('sync_changes')
    .select(['entity', 'entity_id', 'op', 'data'])
    .where('ticket_id', 'in', [...ticketIds])
    .where('op', '=', 'put')
    .execute();
  return rows.map(toFeedChange);
};

/** Current state of records, from the feed (one query), optionally locking them for this transaction. */
export const loadRecords = async (
  trx: Transaction<Schema>,
  kind: DatabaseKind,
  refs: Array<{ entity: EntityName; id: string }>,
): Promise<Map<string, AnyEntity>> => {
  const found = new Map<string, AnyEntity>();
  if (refs.length === 0) return found;
  let query = trx
    .selectFrom('sync_changes')
    .select(['entity', 'entity_id', 'data'])
    .where((eb) => eb.or(refs.map((ref) => eb.and([eb('entity', '=', ref.entity), eb('entity_id', '=', ref.id)]))))
    .where('op', '=', 'put');
  // Row locks serialize concurrent changes to the same ticket across server instances.
  if (kind === 'postgres') query = query.forUpdate();
  for (const row of await query.execute()) {
    if (row.data !== null) found.set(`${row.entity}/${row.entity_id}`, JSON.parse(row.data) as AnyEntity);
  }
  return found;
};

const parsePosition = (value: string): Position => {
  const [tx, seq] = value.split(':').map(Number);
  return { tx: tx ?? 0, seq: seq ?? 0 };
};

/** The feed's identity and what it has forgotten: epoch, newest purged tombstone, number of purges. */
export type FeedMeta = { epoch: string; horizon: Position; purges: number };

export const readMeta = async (db: Db): Promise<FeedMeta> => {
  const rows = await db.selectFrom('meta').select(['key', 'value']).execute();
  const get = (key: string) => rows.find((row) => row.key === key)?.value;
  return { epoch: get('epoch') ?? '', horizon: parsePosition(get('horizon') ?? '0:0'), purges: Number(get('purges') ?? '0') };
};

/**
 * Forgets deletions: removes tombstones, raises the horizon to the newest one removed and counts
 * the purge. A cursor issued before this purge and below the horizon could have missed a
 * deletion, so its client must re-sync (410, see isTooOld).
 */
export const purgeTombstones = async (db: Db): Promise<number> =>
  db.transaction().execute(async (trx) => {
    const newest = await trx
      .selectFrom('sync_changes')
      .select(['tx', 'seq'])
      .where('op', '=', 'delete')
      .orderBy('tx', 'desc')
      .orderBy('seq', 'desc')
      .executeTakeFirst();
    if (newest === undefined) return 0;
    const meta = await trx.selectFrom('meta').select(['key', 'value']).where('key', 'in', ['horizon', 'purges']).execute();
    const previous = parsePosition(meta.find((row) => row.key === 'horizon')?.value ?? '0:0');
    const purges = Number(meta.find((row) => row.key === 'purges')?.value ?? '0') + 1;
    // A late commit can leave a tombstone below an earlier horizon; the horizon never moves back.
    const horizon = previous.tx > newest.tx || (previous.tx === newest.tx && previous.seq > newest.seq) ? previous : newest;
    const result = await trx.deleteFrom('sync_changes').where('op', '=', 'delete').executeTakeFirst();
    for (const [key, value] of [
      ['horizon', `${horizon.tx}:${horizon.seq}`],
      ['purges', String(purges)],
    ] as const) {
      await trx
        .insertInto('meta')
        .values({ key, value })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
        .execute();
    }
    return Number(result.numDeletedRows);
  });
