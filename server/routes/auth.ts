import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { auditRequest, loginFailure } from '../audit/auditLog';
import { currentUser } from '../auth/guard';
import { DUMMY_HASH, verifyPassword } from '../auth/password';
import { issueToken, revokeToken } from '../auth/sessions';
import { toPublicUser } from '../auth/users';
import type { Db } from '../db/connect';
import { HttpError, parseInput } from '../http';

const loginBody = z.strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(1024) });

// One message whether the name or the password is wrong: no telling which usernames exist.
const LOGIN_FAILED = 'Wrong username or password.';

export const authRoutes = (app: FastifyInstance, db: Db, sessionHours: number): void => {
  app.post('/api/auth/login', { config: { access: 'public' } }, async (request) => {
    const { username, password } = parseInput(loginBody, request.body, 'login');
    const row = await db.selectFrom('users').selectAll().where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
    const isValid = await verifyPassword(password, row?.password_hash ?? DUMMY_HASH);
    if (row === undefined || !isValid || row.active !== 1) {
      await auditRequest(db, request, { action: 'login_failed', actorId: null, subject: username.trim().toLowerCase(), detail: { reason: loginFailure(row, isValid) } });
      throw new HttpError(401, 'login_failed', LOGIN_FAILED);
    }
    const token = await issueToken(db, row.id, sessionHours);
    await auditRequest(db, request, { action: 'login', actorId: row.id, subject: row.username, detail: null });
    return { token, user: toPublicUser(row) };
  });

  app.post('/api/auth/logout', { config: { access: 'signed-in' } }, async (request) => {
    if (request.token !== null) await revokeToken(db, request.token);
    const user = currentUser(request);
    await auditRequest(db, request, { action: 'logout', actorId: user.id, subject: user.username, detail: null });
    return { ok: true };
  });

  app.get('/api/auth/me', { config: { access: 'signed-in' } }, async (request) => ({ user: currentUser(request) }));
};
