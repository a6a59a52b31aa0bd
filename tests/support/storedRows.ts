import type { Db } from '../../server/db/connect';
import { rebuildAllTicketFacts } from '../../server/stats/ticketFactsTable';
import { searchHaystack } from '../../shared/domain/ticketSearch';
import type { Ticket } from '../../shared/domain/ticket';

/** What the server stored, read straight from its database by a test. */

/** Every statistics facts row, by ticket id. */
export const factsRows = async (db: Db): Promise<Array<Record<string, unknown>>> => db.selectFrom('ticket_facts').selectAll().orderBy('ticket_id').execute();

class RolledBack extends Error {}

/**
 * The facts rows as a rebuild from the stored records makes them (the migration's way: every
 * ticket at once), read inside a transaction that is then rolled back, so the database stays as it was.
 */
export const rebuiltFactsRows = async (db: Db): Promise<Array<Record<string, unknown>>> => {
  let rows: Array<Record<string, unknown>> = [];
  try {
    await db.transaction().execute(async (trx) => {
      await trx.deleteFrom('ticket_facts').execute();
      await rebuildAllTicketFacts(trx);
      rows = await factsRows(trx);
      throw new RolledBack();
    });
  } catch (error) {
    if (!(error instanceof RolledBack)) throw error;
  }
  return rows;
};

/** Every ticket's newest record, as the change feed holds it. */
export const storedTickets = async (db: Db): Promise<Ticket[]> => {
  const rows = await db.selectFrom('sync_changes').select('data').where('entity', '=', 'ticket').where('op', '=', 'put').execute();
  return rows.flatMap((row) => (row.data === null ? [] : [JSON.parse(row.data) as Ticket]));
};

/** The search rows, and what they should hold: one per numbered ticket, its haystack from its newest record. */
export const searchRows = async (db: Db): Promise<{ stored: Array<[number, string, string]>; expected: Array<[number, string, string]> }> => {
  const rows = await db.selectFrom('ticket_search').select(['number', 'ticket_id', 'haystack']).execute();
  const tickets = await storedTickets(db);
  const byNumber = (a: [number, string, string], b: [number, string, string]) => a[0] - b[0];
  return {
    stored: rows.map((row): [number, string, string] => [Number(row.number), row.ticket_id, row.haystack]).sort(byNumber),
    expected: tickets.flatMap((t): Array<[number, string, string]> => (t.number === null ? [] : [[t.number, t.id, searchHaystack(t)]])).sort(byNumber),
  };
};

/** How many events of each type a ticket has. */
export const eventCounts = async (db: Db, ticketId: string): Promise<Record<string, number>> => {
  const rows = await db.selectFrom('ticket_events').select('type').where('ticket_id', '=', ticketId).execute();
  const counts: Record<string, number> = {};
  for (const row of rows) counts[row.type] = (counts[row.type] ?? 0) + 1;
  return counts;
};

/** The ledger: each mutation id the server recorded and its status. */
export const ledger = async (db: Db): Promise<Map<string, string>> =>
  new Map((await db.selectFrom('applied_mutations').select(['id', 'status']).execute()).map((row) => [row.id, row.status]));

/** The feed rows of one record (the feed holds one per record: more would be a duplicate). */
export const feedRowsOf = async (db: Db, entity: string, id: string): Promise<Array<{ tx: number; seq: number }>> =>
  db.selectFrom('sync_changes').select(['tx', 'seq']).where('entity', '=', entity).where('entity_id', '=', id).execute();
