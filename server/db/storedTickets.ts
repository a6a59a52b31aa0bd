import type { Kysely } from 'kysely';
import type { Schema } from './schema';

/** Tickets read per page: a migration over a million tickets holds one page in memory, not the desk. */
const PAGE = 500;

export type StoredTicketRow = { entity_id: string; data: string | null };

/**
 * Hands every ticket's stored record (its row in the change feed, the JSON the rules wrote) to
 * `page`, a page at a time in id order: how a migration fills a table derived from the records
 * (links, the search table) for the tickets written before that table existed.
 */
export const forEachStoredTicketPage = async (db: Kysely<Schema>, page: (rows: readonly StoredTicketRow[]) => Promise<void>): Promise<void> => {
  let after = '';
  for (;;) {
    const rows = await db
      .selectFrom('sync_changes')
      .select(['entity_id', 'data'])
      .where('entity', '=', 'ticket')
      .where('op', '=', 'put')
      .where('entity_id', '>', after)
      .orderBy('entity_id')
      .limit(PAGE)
      .execute();
    if (rows.length === 0) return;
    after = rows[rows.length - 1]?.entity_id ?? after;
    await page(rows);
  }
};
