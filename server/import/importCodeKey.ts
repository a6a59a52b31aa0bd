import type { Db } from '../db/connect';

/** The `meta` row that holds the secret imported tickets' codes are keyed with. */
export const IMPORT_CODE_KEY = 'import_code_key';

/**
 * The secret that keys imported tickets' caller codes. A migration generates it once per
 * database, so every instance importing into that database uses the same one; it is never sent
 * to a client (readMeta reads only the feed's own keys).
 */
export const importCodeKey = async (db: Db): Promise<string> => {
  const row = await db.selectFrom('meta').select('value').where('key', '=', IMPORT_CODE_KEY).executeTakeFirst();
  if (row === undefined) throw new Error(`The database has no ${IMPORT_CODE_KEY}: run the migrations first.`);
  return row.value;
};
