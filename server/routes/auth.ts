import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { loginResponseSchema, okResponseSchema, userResponseSchema } from '../../shared/api/users';
import { defineRoute } from '../api/contract';
import { route } from '../api/route';
import { auditRequest, loginFailure } from '../audit/auditLog';
import { currentUser } from '../auth/guard';
import type { LoginLimits } from '../auth/loginLimits';
import { DUMMY_HASH, verifyPassword } from '../auth/password';
import { issueToken, revokeToken } from '../auth/sessions';
import { toPublicUser } from '../auth/users';
import type { Db } from '../db/connect';
import { HttpError } from '../http';
import type { Notifier } from '../sync/notifier';

const loginBody = z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) });

export const loginRoute = defineRoute({
  id: 'login',
  method: 'POST',
  url: '/api/auth/login',
  access: 'public',
  summary: 'Sign in: a Bearer token for every other call',
  description:
    'Failed sign-ins are limited per username and per client address (MEJA_LOGIN_ACCOUNT_RATE, MEJA_LOGIN_ADDRESS_RATE); past either, 429 even for the right password.',
  body: { schema: loginBody, what: 'login' },
  responses: { 200: { description: 'Signed in.', content: { 'application/json': loginResponseSchema } } },
  errors: ['login_failed', 'rate_limited', 'storage_unavailable', 'database_unavailable'],
});

export const logoutRoute = defineRoute({
  id: 'logout',
  method: 'POST',
  url: '/api/auth/logout',
  access: 'signed-in',
  summary: 'Revoke the token this request was sent with',
  responses: { 200: { description: "Signed out; the token's event streams end.", content: { 'application/json': okResponseSchema } } },
  errors: ['storage_unavailable'],
});

export const meRoute = defineRoute({
  id: 'me',
  method: 'GET',
  url: '/api/auth/me',
  access: 'signed-in',
  summary: 'The signed-in user',
  responses: { 200: { description: 'The user the token signs in.', content: { 'application/json': userResponseSchema } } },
});

// One message whether the name or the password is wrong: no telling which usernames exist.
const LOGIN_FAILED = 'Wrong username or password.';

export const authRoutes = (app: FastifyInstance, db: Db, sessionHours: number, limits: LoginLimits, notifier: Notifier): void => {
  route(app, loginRoute, async ({ body: { username, password } }, request, reply) => {
    const account = username.trim().toLowerCase();
    // Before any lookup or password check: a refused guess costs the server nothing and is
    // answered alike for every name, known or not.
    const attempt = limits.attempt(account, request.ip);
    if (!attempt.ok) {
      // Once per spell of refusals, not per refusal: a flood of guesses must not fill the log.
      for (const limit of attempt.newlyThrottled)
        await auditRequest(db, request, { action: 'login_throttled', actorId: null, subject: account, detail: { limit } });
      reply.header('retry-after', String(attempt.retryAfterSeconds));
      throw new HttpError(429, 'rate_limited', `Too many failed sign-ins for this username or from this address: try again in ${attempt.retryAfterSeconds} s.`);
    }
    const row = await db.selectFrom('users').selectAll().where('username', '=', account).executeTakeFirst();
    const isValid = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (row === undefined || !isValid || row.active !== 1) {
      await auditRequest(db, request, { action: 'login_failed', actorId: null, subject: account, detail: { reason: loginFailure(row, isValid) } });
      throw new HttpError(401, 'login_failed', LOGIN_FAILED);
    }
    attempt.succeeded();
    const token = await issueToken(db, row.id, sessionHours);
    await auditRequest(db, request, { action: 'login', actorId: row.id, subject: row.username, detail: null });
    return { token, user: toPublicUser(row) };
  });

  route(app, logoutRoute, async (_input, request): Promise<z.output<typeof okResponseSchema>> => {
    const user = currentUser(request);
    if (request.token !== null) await revokeToken(db, request.token);
    // Ends this token's event streams on every instance (server/sync/eventStream.ts).
    notifier.accessChanged(user.id);
    await auditRequest(db, request, { action: 'logout', actorId: user.id, subject: user.username, detail: null });
    return { ok: true };
  });

  route(app, meRoute, async (_input, request) => ({ user: currentUser(request) }));
};
