import { randomBytes } from 'node:crypto';
import { sql, type Kysely, type Migration } from 'kysely';

export const importCodeKeyMigration: Migration = {
  up: async (db: Kysely<unknown>) => {
    // Keys imported tickets' caller codes (server/import/importCodeKey.ts). Made here, once per
    // database under the migrator's lock, so every instance shares it. Tickets imported before
    // keep the codes they have: a caller may already hold one.
    await sql`insert into meta (key, value) values ('import_code_key', ${randomBytes(32).toString('hex')})`.execute(db);
  },
};
