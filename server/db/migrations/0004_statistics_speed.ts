import type { Kysely, Migration } from 'kysely';
import { rebuildAllTicketFacts } from '../../stats/ticketFactsTable';
import type { Schema } from '../schema';
import type { DatabaseKind } from '../../config';

export const statisticsSpeedMigration = (kind: DatabaseKind): Migration => ({
  up: async (db: Kysely<unknown>) => {
    // Tier stays fold into per-tier columns (summed in one pass instead of a join with count distinct).
    for (const tier of [1, 2, 3]) {
      await db.schema
        .alterTable('ticket_facts')
        .addColumn(`reached_t${tier}`, 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('ticket_facts')
        .addColumn(`escalated_t${tier}`, 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .alterTable('ticket_facts')
        .addColumn(`settled_ms_t${tier}`, 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('ticket_facts').addColumn(`open_since_t${tier}`, 'bigint').execute();
    }
    await db.schema.alterTable('ticket_facts').addColumn('resolution_ms', 'bigint').execute();
    await db.schema.alterTable('ticket_facts').addColumn('first_contact_ms', 'bigint').execute();
    await db.schema.dropTable('ticket_tier_stays').execute();
    if (kind === 'sqlite') {
      // SQLite reads nearest-rank percentiles as the k-th resolution time in order from one of
      // these (no sort): overall, per priority and per credited technician. The period and the
      // tier and category filters ride along, so the walk never looks up the table; the
      // per-technician one also carries what the technicians table counts, so that whole pass
      // reads only this index, already in technician order. PostgreSQL sorts instead
      // (percentile_disc) and does not need them.
      const along = ['resolution_ms', 'resolved_at', 'tier', 'category'];
      await db.schema.createIndex('ticket_facts_resolution').on('ticket_facts').columns(along).execute();
      await db.schema
        .createIndex('ticket_facts_resolution_priority')
        .on('ticket_facts')
        .columns(['priority', ...along])
        .execute();
      await db.schema
        .createIndex('ticket_facts_resolution_credited')
        .on('ticket_facts')
        .columns(['credited_to', ...along, 'is_reopened', 'next_contact_at'])
        .execute();
    }
    await rebuildAllTicketFacts(db as Kysely<Schema>);
  },
});
