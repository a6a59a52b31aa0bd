import { randomUUID } from 'node:crypto';
import type { PublicUser, Role } from '../../shared/domain/records';
import type { Tier } from '../../shared/domain/ticket';
import type { DatabaseKind } from '../config';
import { recordChanges } from '../db/changeFeed';
import type { Db } from '../db/connect';
import type { Schema } from '../db/schema';
import { HttpError } from '../http';
import { hashPassword, MIN_PASSWORD_LENGTH } from './password';

/** The columns `toPublicUser` reads: what anyone but the password check needs of a user. */
export const PUBLIC_USER_COLUMNS = ['id', 'username', 'display_name', 'role', 'tier', 'active'] as const;

export const toPublicUser = (row: Pick<Schema['users'], (typeof PUBLIC_USER_COLUMNS)[number]>): PublicUser => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  // Only values of these unions are ever written.
  role: row.role as Role,
  tier: row.tier as Tier | null,
  active: row.active === 1,
});

export type NewUser = { username: string; password: string; displayName: string; role: Role; tier: Tier | null };

/** Creates a member of staff and publishes their public record to every console. */
export const createUser = async (db: Db, kind: DatabaseKind, input: NewUser): Promise<PublicUser> => {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new HttpError(400, 'invalid_request', `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  const passwordHash = await hashPassword(input.password);
  const now = Date.now();
  const row: Schema['users'] = {
    id: randomUUID(),
    username: input.username,
    display_name: input.displayName.trim(),
    role: input.role,
    tier: input.role === 'technician' ? (input.tier ?? 1) : null,
    active: 1,
    password_hash: passwordHash,
    created_at: now,
    updated_at: now,
  };
  const user = toPublicUser(row);
  await db.transaction().execute(async (trx) => {
    const taken = await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
    if (taken !== undefined) throw new HttpError(409, 'username_taken', `The username ${input.username} is already taken.`);
    await trx.insertInto('users').values(row).execute();
    await recordChanges(trx, kind, [{ entity: 'user', id: user.id, data: user }]);
  });
  return user;
};
