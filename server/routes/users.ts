import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { userResponseSchema, usersListResponseSchema } from '../../shared/api/users';
import { ROLES } from '../../shared/domain/records';
import { defineRoute } from '../api/contract';
import { route } from '../api/route';
import { auditRequest, type AuditFact } from '../audit/auditLog';
import { currentUser } from '../auth/guard';
import { MIN_PASSWORD_LENGTH } from '../auth/password';
import { resetPassword } from '../auth/passwordReset';
import { updateUser, type UserChanges, type UserUpdate } from '../auth/userUpdate';
import { createUser, PUBLIC_USER_COLUMNS, toPublicUser } from '../auth/users';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { HttpError } from '../http';
import type { Notifier } from '../sync/notifier';
import { rolesWith } from '../../shared/auth/capabilities';

/** The same rule for a new user's password and a reset one. */
const passwordField = z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(1024);

const newUserBody = z
  .strictObject({
    username: z.string().regex(/^[a-z0-9._-]{2,32}$/, '2 to 32 lower-case letters, digits, dots, dashes or underscores'),
    password: passwordField,
    displayName: z.string().trim().min(1, 'must not be blank').max(200),
    role: z.enum(ROLES),
    tier: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullish(),
  })
  .refine((body) => body.role === 'technician' || body.tier === undefined || body.tier === null, {
    message: 'only technicians have a tier',
    path: ['tier'],
  });

const passwordResetBody = z.strictObject({ password: passwordField });

const userChangesBody = z
  .strictObject({
    role: z.enum(ROLES).optional(),
    tier: z.union([z.literal(1), z.literal(2), z.literal(3), z.null()]).optional(),
    active: z.boolean().optional(),
    displayName: z.string().trim().min(1, 'must not be blank').max(200).optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), { message: 'give at least one of role, tier, active, displayName' });

const userIdParams = z.object({ id: z.string().meta({ description: "The user's id." }) });

export const createUserRoute = defineRoute({
  id: 'createUser',
  method: 'POST',
  url: '/api/users',
  access: rolesWith('users:manage'),
  summary: 'Create a member of staff',
  description: 'Published in the change feed (entity `user`); every event stream is poked. Audited as `user_created`.',
  body: { schema: newUserBody, what: 'user' },
  responses: { 201: { description: 'Created.', content: { 'application/json': userResponseSchema } } },
  errors: ['username_taken', 'storage_unavailable'],
});

export const updateUserRoute = defineRoute({
  id: 'updateUser',
  method: 'PATCH',
  url: '/api/users/:id',
  access: rolesWith('users:manage'),
  summary: 'Change the role, tier, active flag or display name of a member of staff',
  description: 'Deactivating revokes every token of the account. Audited per kind of change.',
  params: { schema: userIdParams, what: 'user id' },
  body: { schema: userChangesBody, what: 'user' },
  responses: { 200: { description: 'The user after the change.', content: { 'application/json': userResponseSchema } } },
  errors: ['not_found', 'last_admin', 'self_deactivation', 'storage_unavailable'],
});

export const setPasswordRoute = defineRoute({
  id: 'setPassword',
  method: 'POST',
  url: '/api/users/:id/password',
  access: rolesWith('users:manage'),
  summary: 'Set a new password for a member of staff',
  description: 'Revokes every token of the user but the one this request was sent with. Audited as `user_password_reset`.',
  params: { schema: userIdParams, what: 'user id' },
  body: { schema: passwordResetBody, what: 'password reset' },
  responses: { 200: { description: 'The user (unchanged).', content: { 'application/json': userResponseSchema } } },
  errors: ['not_found', 'storage_unavailable'],
});

export const listUsersRoute = defineRoute({
  id: 'listUsers',
  method: 'GET',
  url: '/api/users',
  access: rolesWith('users:read'),
  summary: 'Every member of staff, by username',
  responses: { 200: { description: 'The users.', content: { 'application/json': usersListResponseSchema } } },
});

/** Ids are UUIDs; anything else (a NUL, which PostgreSQL cannot even compare, a huge segment) is simply unknown. */
const isPlausibleId = (id: string): boolean => id.length > 0 && id.length <= 100 && !id.includes('\u0000');

/** The audit entries of one change, one per kind of change made (docs/API.md, Audit log). */
const changeFacts = (actorId: string, { before, after, sessionsRevoked }: UserUpdate): AuditFact[] => {
  const facts: AuditFact[] = [];
  const base = { actorId, subject: after.id };
  const { username } = after;
  if (after.displayName !== before.displayName)
    facts.push({ ...base, action: 'user_renamed', detail: { username, from: before.displayName, to: after.displayName } });
  if (after.role !== before.role || after.tier !== before.tier) {
    facts.push({
      ...base,
      action: 'user_role_changed',
      detail: { username, from: { role: before.role, tier: before.tier }, to: { role: after.role, tier: after.tier } },
    });
  }
  if (before.active && !after.active) facts.push({ ...base, action: 'user_deactivated', detail: { username, sessionsRevoked } });
  if (!before.active && after.active) facts.push({ ...base, action: 'user_reactivated', detail: { username } });
  return facts;
};

export const userRoutes = (app: FastifyInstance, db: Db, kind: DatabaseKind, notifier: Notifier): void => {
  route(app, createUserRoute, async ({ body }, request, reply) => {
    try {
      const user = await createUser(db, kind, { ...body, tier: body.tier ?? null });
      notifier.announceCommit();
      await auditRequest(db, request, {
        action: 'user_created',
        actorId: currentUser(request).id,
        subject: user.id,
        detail: { username: user.username, role: user.role, tier: user.tier },
      });
      return reply.status(201).send({ user });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      // Two admins creating the same name at once: the database's unique index decides.
      if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE')
        throw new HttpError(409, 'username_taken', `The username ${body.username} is already taken.`);
      throw error;
    }
  });

  route(app, updateUserRoute, async ({ params: { id }, body }, request) => {
    if (!isPlausibleId(id)) throw new HttpError(404, 'not_found', 'There is no user with this id.');
    const actor = currentUser(request);
    const changes: UserChanges = {
      ...(body.role === undefined ? {} : { role: body.role }),
      ...(body.tier === undefined ? {} : { tier: body.tier }),
      ...(body.active === undefined ? {} : { active: body.active }),
      ...(body.displayName === undefined ? {} : { displayName: body.displayName }),
    };
    const update = await updateUser(db, kind, actor.id, id, changes);
    const facts = changeFacts(actor.id, update);
    if (facts.length > 0) {
      notifier.announceCommit();
      // The account's open event streams end, on every instance.
      if (update.before.active && !update.after.active) notifier.accessChanged(id);
    }
    for (const fact of facts) await auditRequest(db, request, fact);
    return { user: update.after };
  });

  route(app, setPasswordRoute, async ({ params: { id }, body: { password } }, request) => {
    if (!isPlausibleId(id)) throw new HttpError(404, 'not_found', 'There is no user with this id.');
    const actor = currentUser(request);
    // The admin's own request token stays valid (server/auth/passwordReset.ts says why).
    const { user, sessionsRevoked } = await resetPassword(db, id, password, request.token);
    // The user's open event streams end, on every instance.
    if (sessionsRevoked > 0) notifier.accessChanged(id);
    await auditRequest(db, request, { action: 'user_password_reset', actorId: actor.id, subject: id, detail: { username: user.username, sessionsRevoked } });
    return { user };
  });

  route(app, listUsersRoute, async () => {
    const rows = await db
      .selectFrom('users')
      .select([...PUBLIC_USER_COLUMNS])
      .orderBy('username')
      .execute();
    return { users: rows.map(toPublicUser) };
  });
};
