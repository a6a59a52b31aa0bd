import { sql, type Transaction } from 'kysely';
import type { PublicUser, Role } from '../../shared/domain/records';
import type { Tier } from '../../shared/domain/ticket';
import type { DatabaseKind } from '../config';
import { recordChanges } from '../db/changeFeed';
import type { Db } from '../db/connect';
import type { Schema } from '../db/schema';
import { HttpError } from '../http';
import { PUBLIC_USER_COLUMNS, toPublicUser } from './users';

/** What `PATCH /api/users/:id` may change; absent fields stay as they are. */
export type UserChanges = { role?: Role; tier?: Tier | null; active?: boolean; displayName?: string };

export type UserUpdate = {
  before: PublicUser;
  after: PublicUser;
  /** Sessions ended by a deactivation (0 otherwise). */
  sessionsRevoked: number;
};

/**
 * The tier after a change: technicians have one, nobody else does. A technician keeps theirs
 * unless a new one is given; someone becoming a technician without one gets tier 1, as a new
 * technician does (POST /api/users).
 */
const tierAfter = (before: PublicUser, role: Role, tier: Tier | null | undefined): Tier | null => {
  if (role !== 'technician') {
    if (tier !== undefined && tier !== null)
      throw new HttpError(400, 'invalid_request', `Invalid user: tier: only technicians have a tier (the role would be ${role}).`);
    return null;
  }
  if (tier === null) throw new HttpError(400, 'invalid_request', 'Invalid user: tier: a technician needs a tier 1, 2 or 3.');
  return tier ?? before.tier ?? 1;
};

const isActiveAdmin = (user: PublicUser): boolean => user.role === 'admin' && user.active;

const isSame = (a: PublicUser, b: PublicUser): boolean => a.role === b.role && a.tier === b.tier && a.active === b.active && a.displayName === b.displayName;

/** Checks that would leave nobody able to manage accounts; throws the 409 that says why. */
const refuseLockOut = async (trx: Transaction<Schema>, actorId: string, before: PublicUser, after: PublicUser): Promise<void> => {
  if (before.id === actorId && before.active && !after.active) {
    throw new HttpError(409, 'self_deactivation', 'You cannot deactivate your own account; another admin can.');
  }
  if (!isActiveAdmin(before) || isActiveAdmin(after)) return;
  const others = await trx.selectFrom('users').select('id').where('role', '=', 'admin').where('active', '=', 1).where('id', '!=', before.id).limit(1).execute();
  if (others.length === 0) throw new HttpError(409, 'last_admin', `${before.username} is the last active admin: make another user an admin first.`);
};

/**
 * Changes a member of staff in one transaction: the row, its record in the change feed (so every
 * console's cache gets it in its next pull) and, on deactivation, every session of the account
 * (so its tokens stop working at once; reactivating does not bring them back). Role changes keep
 * the sessions: the guard reads the role from the database on every request.
 */
export const updateUser = async (db: Db, kind: DatabaseKind, actorId: string, id: string, changes: UserChanges): Promise<UserUpdate> =>
  db.transaction().execute(async (trx) => {
    // One user update at a time across instances: two admins demoting each other at once must not
    // both pass the last-admin check (SQLite serializes writers anyway).
    if (kind === 'postgres') await sql`select pg_advisory_xact_lock(hashtext('meja:users'))`.execute(trx);
    const row = await trx
      .selectFrom('users')
      .select([...PUBLIC_USER_COLUMNS])
      .where('id', '=', id)
      .executeTakeFirst();
    if (row === undefined) throw new HttpError(404, 'not_found', 'There is no user with this id.');
    const before = toPublicUser(row);
    const role = changes.role ?? before.role;
    const after: PublicUser = {
      ...before,
      role,
      tier: tierAfter(before, role, changes.tier),
      active: changes.active ?? before.active,
      displayName: changes.displayName ?? before.displayName,
    };
    await refuseLockOut(trx, actorId, before, after);
    // Nothing to change: no write, no feed entry, no audit entry.
    if (isSame(before, after)) return { before, after, sessionsRevoked: 0 };
    await trx
      .updateTable('users')
      .set({ role: after.role, tier: after.tier, active: after.active ? 1 : 0, display_name: after.displayName, updated_at: Date.now() })
      .where('id', '=', id)
      .execute();
    await recordChanges(trx, kind, [{ entity: 'user', id, data: after }]);
    let sessionsRevoked = 0;
    if (before.active && !after.active) {
      const revoked = await trx
        .updateTable('auth_tokens')
        .set({ revoked_at: Date.now() })
        .where('user_id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      sessionsRevoked = Number(revoked.numUpdatedRows);
    }
    return { before, after, sessionsRevoked };
  });
