import type { PublicUser } from '../../shared/domain/records';
import type { Db } from '../db/connect';
import { HttpError } from '../http';
import { hashPassword } from './password';
import { hashToken } from './sessions';
import { PUBLIC_USER_COLUMNS, toPublicUser } from './users';

export type PasswordReset = {
  user: PublicUser;
  /** Tokens of the user this reset revoked (those revoked before are not counted; expired ones are, as a deactivation counts them). */
  sessionsRevoked: number;
};

/**
 * Gives a user a new password (`POST /api/users/:id/password`) and, in the same transaction, ends
 * every session of theirs: whoever held the old password or a token made with it must sign in
 * with the new one. `keepToken` (the token of the request) survives: when an admin resets their own
 * password, revoking it would protect nothing, since its holder is an admin who could set the
 * password again, and would only throw the admin out of the console that just did it.
 * The public record does not change, so nothing goes to the change feed.
 */
export const resetPassword = async (db: Db, id: string, password: string, keepToken: string | null): Promise<PasswordReset> => {
  // Hashed before the transaction: scrypt is slow on purpose (password.ts), and a SQLite writer lock should not wait for it.
  const passwordHash = await hashPassword(password);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('users')
      .select([...PUBLIC_USER_COLUMNS])
      .where('id', '=', id)
      .executeTakeFirst();
    if (row === undefined) throw new HttpError(404, 'not_found', 'There is no user with this id.');
    await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: Date.now() }).where('id', '=', id).execute();
    let revoke = trx.updateTable('auth_tokens').set({ revoked_at: Date.now() }).where('user_id', '=', id).where('revoked_at', 'is', null);
    if (keepToken !== null) revoke = revoke.where('token_hash', '!=', hashToken(keepToken));
    const revoked = await revoke.executeTakeFirst();
    return { user: toPublicUser(row), sessionsRevoked: Number(revoked.numUpdatedRows) };
  });
};
