import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Note, RemoteSession, TicketEvent } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';
import { normalizeTicketCode } from '../../shared/domain/ticketCode';
import type { TicketWithTimeline } from '../../shared/tickets/api';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import type { Schema } from '../db/schema';
import { parseChange, readTicketRecords } from '../db/changeFeed';

/** Words this long or longer are looked up in the trigram index; shorter ones have no trigram. */
export const INDEXED_WORD_CHARACTERS = 3;

/** Characters as the trigram tokenizer counts them: code points, not UTF-16 units. */
const isIndexable = (word: string): boolean => [...word].length >= INDEXED_WORD_CHARACTERS;

/** A word as an FTS5 phrase: the trigram tokenizer makes a phrase match exactly where the word is a substring. */
const ftsPhrase = (word: string): string => `"${word.replaceAll('"', '""')}"`;

/** A word as a LIKE pattern "contains", its wildcards taken literally. */
export const likeContains = (word: string): string => `%${word.replace(/[\\%_]/g, '\\$&')}%`;

/**
 * Numbers a page reads at most when a word of one or two characters must be tested on the
 * haystacks themselves (it has no trigram to look up): without a bound, a short word that few
 * tickets hold read every ticket of the desk for one page (half a second at a million tickets;
 * docs/BENCHMARKS.md, "Million-ticket desk"). Such a page ends where its stretch ends, full or
 * not, even empty, and `next` goes on below it.
 */
export const SHORT_WORD_STRETCH = 50_000;

/** Numbers below `below` (none: all) and at or above `from` (none: all). */
type Range = { below: number | null; from: number | null };

const inRange = (column: 'number' | 'rowid', range: Range) =>
  sql`${range.below === null ? sql`` : sql`and ${sql.raw(column)} < ${range.below}`} ${range.from === null ? sql`` : sql`and ${sql.raw(column)} >= ${range.from}`}`;

const sqliteNumbers = (words: readonly string[], range: Range, take: number): RawBuilder<{ number: number }> => {
  const indexed = words.filter(isIndexable);
  const short = words.filter((word) => !isIndexable(word));
  const shortTests = short.map((word) => sql`and instr(haystack, ${word}) > 0`);
  if (indexed.length === 0) {
    // No trigram to look up: the table newest first, each haystack tested, until a page is full or its stretch ends.
    return sql<{ number: number }>`select number from ticket_search where 1 = 1 ${inRange('number', range)}
      ${sql.join(shortTests, sql` `)} order by number desc limit ${take}`;
  }
  // The index answers in rowid (number) order, newest first, so a page stops early; short words are tested on what it finds.
  return sql<{ number: number }>`select rowid as number from ticket_search_fts where ticket_search_fts match ${indexed.map(ftsPhrase).join(' AND ')}
    ${inRange('rowid', range)} ${sql.join(shortTests, sql` `)} order by rowid desc limit ${take}`;
};

const postgresNumbers = (words: readonly string[], range: Range, take: number): RawBuilder<{ number: number }> => {
  // A word of one or two characters has no trigram, and a LIKE without one makes the GIN index read every entry: strpos tests it on what the others find.
  const tests = words.map((word) => (isIndexable(word) ? sql`and haystack like ${likeContains(word)} escape '\\'` : sql`and strpos(haystack, ${word}) > 0`));
  return sql<{ number: number }>`select number from ticket_search where true ${inRange('number', range)}
    ${sql.join(tests, sql` `)} order by number desc limit ${take}`;
};

/** `last`: the number the next page starts below (its last ticket's, or where its stretch ended); null when there is none. */
export type SearchPage = { tickets: Ticket[]; last: number | null; hasMore: boolean };

/** Where a page's stretch starts when a short word bounds it: none when no ticket is below `below`. */
const stretchFrom = async (db: Db, below: number | null, stretch: number): Promise<number | null> => {
  if (below !== null) return below - stretch;
  const newest = await db
    .selectFrom('ticket_search')
    .select((eb) => eb.fn.max('number').as('n'))
    .executeTakeFirst();
  return newest?.n === undefined || newest.n === null ? null : Number(newest.n) + 1 - stretch;
};

/**
 * The tickets whose haystack holds every word (lower case, as searchWords makes them), newest
 * first (number descending), below `before` when given: at most `limit` of them, and whether more
 * may follow. With a word of one or two characters a page reads at most `stretch` numbers, so it
 * may hold fewer than `limit`, even none, while more follow.
 */
export const searchTickets = async (
  db: Db,
  kind: DatabaseKind,
  words: readonly string[],
  before: number | null,
  limit: number,
  stretch = SHORT_WORD_STRETCH,
): Promise<SearchPage> => {
  const unique = [...new Set(words)];
  const from = unique.every(isIndexable) ? null : await stretchFrom(db, before, stretch);
  const range = { below: before, from };
  const query = kind === 'postgres' ? postgresNumbers(unique, range, limit + 1) : sqliteNumbers(unique, range, limit + 1);
  const { rows } = await query.execute(db);
  const numbers = rows.slice(0, limit).map((row) => Number(row.number));
  // A full page goes on below its last ticket; one that ended with its stretch, below the stretch (numbers start at 1).
  const page =
    rows.length > limit
      ? { last: numbers[numbers.length - 1] ?? null, hasMore: true }
      : from !== null && from > 1
        ? { last: from, hasMore: true }
        : { last: null, hasMore: false };
  if (numbers.length === 0) return { tickets: [], ...page };
  // By primary keys, one step at a time: a join lets SQLite walk every ticket of the feed instead.
  const keys = await db.selectFrom('ticket_search').select(['number', 'ticket_id']).where('number', 'in', numbers).execute();
  const idOf = new Map(keys.map((row) => [Number(row.number), row.ticket_id]));
  const records = await db
    .selectFrom('sync_changes')
    .select(['entity_id', 'data'])
    .where('entity', '=', 'ticket')
    .where(
      'entity_id',
      'in',
      keys.map((row) => row.ticket_id),
    )
    .where('op', '=', 'put')
    .execute();
  const byId = new Map(records.map((row) => [row.entity_id, row.data]));
  const tickets = numbers.flatMap((number) => {
    const id = idOf.get(number);
    const json = id === undefined ? undefined : byId.get(id);
    return json === undefined || json === null ? [] : [JSON.parse(json) as Ticket];
  });
  return { tickets, ...page };
};

/** Ticket ids are at most this long (shared/domain/mutationArgs.ts). */
const MAX_ID_LENGTH = 64;

/**
 * The ticket a reference names: its id, else its number (`12` or `#12`), else its caller code
 * typed as a caller may (any case, with or without the dash: normalizeTicketCode). Null when none.
 */
const findTicketId = async (db: Kysely<Schema>, ref: string): Promise<string | null> => {
  // No id is longer or holds a NUL (which PostgreSQL text cannot hold): such a reference is looked up no further.
  if (ref.length > MAX_ID_LENGTH || ref.includes('\u0000')) return null;
  const byId = await db.selectFrom('tickets').select('id').where('id', '=', ref).executeTakeFirst();
  if (byId !== undefined) return byId.id;
  const digits = /^#?(\d{1,15})$/.exec(ref)?.[1];
  if (digits !== undefined) {
    const byNumber = await db.selectFrom('tickets').select('id').where('number', '=', Number(digits)).executeTakeFirst();
    if (byNumber !== undefined) return byNumber.id;
  }
  const code = normalizeTicketCode(ref);
  if (code === null) return null;
  const byCode = await db.selectFrom('tickets').select('id').where('code', '=', code).executeTakeFirst();
  return byCode?.id ?? null;
};

/** Oldest first by a time in ms (as the tables order them), then by id in code units (SQLite's order of the ids; they are ASCII). */
const inOrder = <T extends { id: string }>(records: T[], timeOf: (record: T) => string): T[] =>
  records.sort((a, b) => Date.parse(timeOf(a)) - Date.parse(timeOf(b)) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

/**
 * The ticket a reference names with its timeline, every record as sync sends it; null when there
 * is none. One snapshot (PostgreSQL: repeatable read), so the timeline is the ticket's own.
 */
export const findTicketWithTimeline = async (db: Db, kind: DatabaseKind, ref: string): Promise<TicketWithTimeline | null> => {
  const read = kind === 'postgres' ? db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only') : db.transaction();
  return read.execute((trx) => readTicketWithTimeline(trx, ref));
};

const readTicketWithTimeline = async (db: Kysely<Schema>, ref: string): Promise<TicketWithTimeline | null> => {
  const id = await findTicketId(db, ref);
  if (id === null) return null;
  // Every record of the ticket through the feed's ticket index (migration 0013_feed_ticket). A join
  // from the timeline tables to the feed had SQLite walk every event of the desk instead: seconds
  // a ticket at 100,000 tickets (docs/BENCHMARKS.md, "Million-ticket desk").
  let ticket: Ticket | undefined;
  const events: TicketEvent[] = [];
  const notes: Note[] = [];
  const sessions: RemoteSession[] = [];
  for (const change of await readTicketRecords(db, [id])) {
    const record = parseChange(change);
    if (record.op !== 'put') continue;
    if (record.entity === 'ticket' && record.id === id) ticket = record.data;
    else if (record.entity === 'event') events.push(record.data);
    else if (record.entity === 'note') notes.push(record.data);
    else if (record.entity === 'session') sessions.push(record.data);
  }
  if (ticket === undefined) return null;
  return {
    ticket,
    events: inOrder(events, (event) => event.at),
    notes: inOrder(notes, (note) => note.createdAt),
    sessions: inOrder(sessions, (session) => session.startedAt),
  };
};
