import type { Kysely, Migration } from 'kysely';
import { forEachStoredTicketPage } from '../storedTickets';
import type { Schema } from '../schema';

/**
 * Links made before this table existed are on the tickets' records in the change feed (the
 * records the rules wrote): copied from there once, in the migration's transaction.
 */
const copyStoredLinks = (db: Kysely<Schema>): Promise<void> =>
  forEachStoredTicketPage(db, async (rows) => {
    const links = rows.flatMap((row) => linkRows(row.entity_id, row.data));
    if (links.length > 0) await db.insertInto('ticket_links').values(links).execute();
  });

const linkRows = (ticketId: string, json: string | null): Array<Schema['ticket_links']> => {
  if (json === null || !json.includes('"links"')) return [];
  const ticket = JSON.parse(json) as { links?: Array<{ otherId: string; kind: string }> };
  return (ticket.links ?? []).map((link) => ({ ticket_id: ticketId, other_id: link.otherId, kind: link.kind }));
};

export const ticketLinksMigration: Migration = {
  up: async (db: Kysely<unknown>) => {
    // Tickets' links, one row each, written with the ticket (writeRecordRows). The key serves the
    // statistics' join from an incident to its problem; the index, a problem's incidents.
    await db.schema
      .createTable('ticket_links')
      .addColumn('ticket_id', 'text', (c) => c.notNull())
      .addColumn('other_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('ticket_links_pk', ['ticket_id', 'other_id'])
      .execute();
    await db.schema.createIndex('ticket_links_other').on('ticket_links').columns(['other_id', 'kind']).execute();
    await copyStoredLinks(db as Kysely<Schema>);
  },
};
