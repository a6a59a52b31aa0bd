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
const likeContains = (word: string): string => `%${word.replace(/[\\%_]/g, '\\$&')}%`;

const sqliteNumbers = (words: readonly string[], before: number | null, take: number): RawBuilder<{ number: number }> => {
  const indexed = words.filter(isIndexable);
  const short = words.filter((word) => !isIndexable(word));
  const shortTests = short.map((word) => sql`and instr(haystack, ${word}) > 0`);
  if (indexed.length === 0) {
    // No trigram to look up: the table newest first, each haystack tested, until a page is full.
    return sql<{ number: number }>`select number from ticket_search where 1 = 1 ${before === null ? sql`` : sql`and number < ${before}`}
      ${sql.join(shortTests, sql` `)} order by number desc limit ${take}`;
  }
  // The index answers in rowid (number) order, newest first, so a page stops early; short words are tested on what it finds.
  return sql<{ number: number }>`select rowid as number from ticket_search_fts where ticket_search_fts match ${indexed.map(ftsPhrase).join(' AND ')}
    ${before === null ? sql`` : sql`and rowid < ${before}`} ${sql.join(shortTests, sql` `)} order by rowid desc limit ${take}`;
};

const postgresNumbers = (words: readonly string[], before: number | null, take: number): RawBuilder<{ number: number }> => {
  // A word of one or two characters has no trigram, and a LIKE without one makes the GIN index read every entry: strpos tests it on what the others find.
  const tests = words.map((word) => (isIndexable(word) ? sql`and haystack like ${likeContains(word)} escape '\\'` : sql`and strpos(haystack, ${word}) > 0`));
  return sql<{ number: number }>`select number from ticket_search where true ${before === null ? sql`` : sql`and number < ${before}`}
    ${sql.join(tests, sql` `)} order by number desc limit ${take}`;
};

export type SearchPage = { tickets: Ticket[]; last: number | null; hasMore: boolean };

/**
 * The tickets whose haystack holds every word (lower case, as searchWords makes them), newest
 * first (number descending), below `before` when given: `limit` of them, and whether more follow.
 */
export const searchTickets = async (db: Db, kind: DatabaseKind, words: readonly string[], before: number | null, limit: number): Promise<SearchPage> => {
  const unique = [...new Set(words)];
  const query = kind === 'postgres' ? postgresNumbers(unique, before, limit + 1) : sqliteNumbers(unique, before, limit + 1);
  const { rows } = await query.execute(db);
  const numbers = rows.slice(0, limit).map((row) => Number(row.number));
  if (numbers.length === 0) return { tickets: [], last: null, hasMore: false };
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
  return { tickets, last: numbers[numbers.length - 1] ?? null, hasMore: rows.length > limit };
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
