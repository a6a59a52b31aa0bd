import { randomBytes } from 'node:crypto';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { createUser } from '../auth/users';

/**
 * Creates the `admin` account on first start. Returns the password only when it was generated
 * here, so the caller can print it once; it is never stored in clear or shown again.
 */
export const ensureAdmin = async (
  db: Db,
  kind: DatabaseKind,
  password: string | undefined,
): Promise<{ created: boolean; generatedPassword: string | null }> => {
  const exists = async () => (await db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirst()) !== undefined;
  if (await exists()) return { created: false, generatedPassword: null };
  const chosen = password ?? randomBytes(12).toString('base64url');
  try {
    await createUser(db, kind, { username: 'admin', password: chosen, displayName: 'Administrator', role: 'admin', tier: null });
  } catch (error) {
    // Another instance starting on the same database at the same moment created it first.
    if (await exists()) return { created: false, generatedPassword: null };
    throw error;
  }
  return { created: true, generatedPassword: password === undefined ? chosen : null };
};
