import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ROLES } from '../../shared/domain/records';
import { auditRequest } from '../audit/auditLog';
import { currentUser } from '../auth/guard';
import { MIN_PASSWORD_LENGTH } from '../auth/password';
import { createUser, toPublicUser } from '../auth/users';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { HttpError, parseInput } from '../http';
import type { Notifier } from '../sync/notifier';

const newUserBody = z
  .strictObject({
    username: z.string().regex(/^[a-z0-9._-]{2,32}$/, '2 to 32 lower-case letters, digits, dots, dashes or underscores'),
    password: z.string().min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`).max(1024),
    displayName: z.string().trim().min(1, 'must not be blank').max(200),
    role: z.enum(ROLES),
    tier: z.union([z.literal(1), z.literal(2), z.literal(3)]).nullish(),
  })
  .refine((body) => body.role === 'technician' || body.tier === undefined || body.tier === null, {
    message: 'only technicians have a tier',
    path: ['tier'],
  });

export const userRoutes = (app: FastifyInstance, db: Db, kind: DatabaseKind, notifier: Notifier): void => {
  app.post('/api/users', { config: { access: ['admin'] } }, async (request, reply) => {
    const body = parseInput(newUserBody, request.body, 'user');
    try {
      const user = await createUser(db, kind, { ...body, tier: body.tier ?? null });
      notifier.poke();
      await auditRequest(db, request, { action: 'user_created', actorId: currentUser(request).id, subject: user.id, detail: { username: user.username, role: user.role, tier: user.tier } });
      return reply.status(201).send({ user });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      // Two admins creating the same name at once: the database's unique index decides.
      if (code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE') throw new HttpError(409, 'username_taken', `The username ${body.username} is already taken.`);
      throw error;
    }
  });

  app.get('/api/users', { config: { access: ['admin', 'supervisor'] } }, async () => {
    const rows = await db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'tier', 'active']).orderBy('username').execute();
    return { users: rows.map(toPublicUser) };
  });
};
