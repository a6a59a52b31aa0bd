import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type DbHandle } from '../../server/db/connect';
import { migrateToLatest } from '../../server/db/migrations';
import { createDatabase, type DatabaseKind, type TestDatabase } from './databases';

export type MigratedDatabase = { readonly database: TestDatabase; readonly handle: DbHandle };

/**
 * A database of the `describe`'s own, migrated to the latest schema in its beforeAll and dropped in
 * its afterAll. Read its fields inside tests and in hooks registered after this call.
 */
export const useMigratedDatabase = (kind: DatabaseKind): MigratedDatabase => {
  let database: TestDatabase | undefined;
  let handle: DbHandle | undefined;
  beforeAll(async () => {
    database = await createDatabase(kind);
    handle = openDatabase(database.url);
    await migrateToLatest(handle.db, handle.kind);
  });
  afterAll(async () => {
    await handle?.close();
    await database?.drop();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the database exists once beforeAll has run');
    return value;
  };
  return {
    get database() {
      return ready(database);
    },
    get handle() {
      return ready(handle);
    },
  };
};
