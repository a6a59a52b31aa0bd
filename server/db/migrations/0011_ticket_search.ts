import type { Kysely, Migration } from 'kysely';
import { createTicketSearch, fillTicketSearch, indexTicketSearch } from '../../search/ticketSearchTable';
import type { Schema } from '../schema';
import type { DatabaseKind } from '../../config';

export const ticketSearchMigration = (kind: DatabaseKind): Migration => ({
  up: async (db: Kysely<unknown>) => {
    // Search over the whole desk on the server (GET /api/tickets?q=): every ticket's haystack, indexed by trigrams.
    await createTicketSearch(db, kind);
    await fillTicketSearch(db as Kysely<Schema>);
    await indexTicketSearch(db, kind);
  },
});
