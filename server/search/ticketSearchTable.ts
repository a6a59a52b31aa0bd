import { sql, type Kysely } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Schema } from '../db/schema';
import { forEachStoredTicketPage } from '../db/storedTickets';
import { searchHaystack } from '../../shared/domain/ticketSearch';
import type { Ticket } from '../../shared/domain/ticket';

/**
 * ticket_search holds each ticket's search haystack (shared/domain/ticketSearch.ts), keyed by the
 * ticket's number: the server gives every ticket it accepts one, it never changes, and it orders
 * the answers (newest first) as well as keying the index. Its index: on SQLite the FTS5 table
 * ticket_search_fts (trigram, case-sensitive: the haystack is lower-cased already, by the same
 * `toLowerCase` as the query), kept by triggers on ticket_search; on PostgreSQL a pg_trgm GIN
 * index on the column. Both serve "is this word a substring" for words of three characters or more.
 */

/** Creates the table and its index, for the engine at hand (the migration that introduces search). */
export const createTicketSearch = async (db: Kysely<unknown>, kind: DatabaseKind): Promise<void> => {
  if (kind === 'postgres') {
    // A trusted extension since PostgreSQL 13: any role that may create in the database may add it.
    await sql`create extension if not exists pg_trgm`.execute(db);
    await sql`create table ticket_search (number bigint primary key, ticket_id text not null unique, haystack text not null)`.execute(db);
    return;
  }
  await sql`create table ticket_search (number integer primary key, ticket_id text not null unique, haystack text not null)`.execute(db);
  // External content: the haystack is stored once, in ticket_search; the FTS table holds only its trigrams.
  await sql`create virtual table ticket_search_fts using fts5(haystack, content='ticket_search', content_rowid='number', tokenize='trigram case_sensitive 1')`.execute(
    db,
  );
  await sql`create trigger ticket_search_inserted after insert on ticket_search begin
    insert into ticket_search_fts (rowid, haystack) values (new.number, new.haystack); end`.execute(db);
  await sql`create trigger ticket_search_deleted after delete on ticket_search begin
    insert into ticket_search_fts (ticket_search_fts, rowid, haystack) values ('delete', old.number, old.haystack); end`.execute(db);
  await sql`create trigger ticket_search_updated after update on ticket_search begin
    insert into ticket_search_fts (ticket_search_fts, rowid, haystack) values ('delete', old.number, old.haystack);
    insert into ticket_search_fts (rowid, haystack) values (new.number, new.haystack); end`.execute(db);
};

/** PostgreSQL's trigram index, made after the table is filled (one build instead of a million updates). */
export const indexTicketSearch = async (db: Kysely<unknown>, kind: DatabaseKind): Promise<void> => {
  if (kind === 'postgres') await sql`create index ticket_search_trigrams on ticket_search using gin (haystack gin_trgm_ops)`.execute(db);
};

// Keeps each statement's parameter count well under SQLite's and PostgreSQL's limits.
const BATCH = 300;

/**
 * Rewrites the search rows of these tickets, in the writer's transaction, a few hundred in one
 * statement; of a ticket given twice the last record counts. A ticket without a number (none the
 * server accepted) has no row: it cannot be ordered among the others.
 */
export const writeTicketSearch = async (db: Kysely<Schema>, tickets: readonly Ticket[]): Promise<void> => {
  const newest = new Map(tickets.flatMap((ticket) => (ticket.number === null ? [] : [[ticket.id, ticket] as const])));
  const rows = [...newest.values()].map((ticket) => ({ number: ticket.number ?? 0, ticket_id: ticket.id, haystack: searchHaystack(ticket) }));
  for (let start = 0; start < rows.length; start += BATCH) {
    // Unchanged haystacks (most edits: status, assignee) are not rewritten: an FTS5 update is a delete and an insert.
    await db
      .insertInto('ticket_search')
      .values(rows.slice(start, start + BATCH))
      .onConflict((oc) =>
        oc
          .column('number')
          .doUpdateSet((eb) => ({ ticket_id: eb.ref('excluded.ticket_id'), haystack: eb.ref('excluded.haystack') }))
          .where((eb) =>
            eb.or([eb('ticket_search.haystack', '!=', eb.ref('excluded.haystack')), eb('ticket_search.ticket_id', '!=', eb.ref('excluded.ticket_id'))]),
          ),
      )
      .execute();
  }
};

/** Fills ticket_search from every ticket's stored record (the change feed's newest JSON), a page at a time. */
export const fillTicketSearch = (db: Kysely<Schema>): Promise<void> =>
  forEachStoredTicketPage(db, async (rows) => {
    const tickets = rows.flatMap((row) => (row.data === null ? [] : [JSON.parse(row.data) as Ticket]));
    const values = tickets.flatMap((ticket) =>
      ticket.number === null ? [] : [{ number: ticket.number, ticket_id: ticket.id, haystack: searchHaystack(ticket) }],
    );
    if (values.length > 0) await db.insertInto('ticket_search').values(values).execute();
  });
