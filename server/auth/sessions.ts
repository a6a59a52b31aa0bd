import { createHash, randomBytes } from 'node:crypto';
import type { PublicUser } from '../../shared/domain/records';
import type { Db } from '../db/connect';
import { toPublicUser } from './users';

// Only a hash of each token is stored: a copy of the database does not let anyone sign in.
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const issueToken = async (db: Db, userId: string, hours: number): Promise<string> => {
  const token = randomBytes(32).toString('base64url');
  const now = Date.now();
  await db
    .insertInto('auth_tokens')
    .values({ token_hash: hashToken(token), user_id: userId, created_at: now, expires_at: now + hours * 3_600_000, revoked_at: null })
    .execute();
  return token;
};

/** The signed-in user for a token: unknown, expired, revoked tokens and deactivated users get null. */
export const authenticate = async (db: Db, token: string): Promise<PublicUser | null> => {
  if (token.length === 0 || token.length > 200) return null;
  const row = await db
    .selectFrom('auth_tokens')
    .innerJoin('users', 'users.id', 'auth_tokens.user_id')
    .select([
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.tier',
      'users.active',
      'auth_tokens.expires_at',
      'auth_tokens.revoked_at',
    ])
    .where('auth_tokens.token_hash', '=', hashToken(token))
    .executeTakeFirst();
  if (row === undefined || row.revoked_at !== null || row.expires_at <= Date.now() || row.active !== 1) return null;
  return toPublicUser(row);
};

export const revokeToken = async (db: Db, token: string): Promise<void> => {
  await db.updateTable('auth_tokens').set({ revoked_at: Date.now() }).where('token_hash', '=', hashToken(token)).where('revoked_at', 'is', null).execute();
};
