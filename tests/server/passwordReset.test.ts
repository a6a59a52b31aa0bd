import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases';
import { call, openEventStream } from '../support/http';
import { endsWithin, useStaffServer } from '../support/staffServer';
import { login } from '../support/syncClient';

/*
 * POST /api/users/:id/password: an admin gives a user who forgot their password a new
 * one; the old one stops working and every session of the user ends at once, event streams too.
 */

describe.each(DATABASE_KINDS)('setting a password on %s', (kind) => {
  const ctx = useStaffServer(kind);
  const { staff, setPassword, signInStatus } = ctx;

  it('sets a new password: the old one stops working, the new one works, and every old token gets 401 at once', async () => {
    const pia = await staff('pia', 'technician', 2);
    const second = await login(ctx.server.url, 'pia', 'pia-password');
    const answer = await setPassword(pia.user.id, { password: 'pia-new-password' });
    expect(answer).toMatchObject({
      status: 200,
      body: { user: { id: pia.user.id, username: 'pia', displayName: 'pia', role: 'technician', tier: 2, active: true } },
    });
    expect(Object.keys(answer.body)).toEqual(['user']);
    for (const token of [pia.token, second.token])
      expect(await call(ctx.server.url, 'GET', '/api/sync/pull', token)).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
    expect(await signInStatus('pia', 'pia-password')).toBe(401);
    const again = await login(ctx.server.url, 'pia', 'pia-new-password');
    expect((await call(ctx.server.url, 'GET', '/api/auth/me', again.token)).body).toMatchObject({ user: { username: 'pia', active: true } });
    // The admin who set it is still signed in.
    expect((await call(ctx.server.url, 'GET', '/api/auth/me', ctx.admin.token)).status).toBe(200);
  });

  it('validates a new password: 400 for too short, too long, missing or with other fields; 404 for an unknown id', async () => {
    const ned = await staff('ned', 'supervisor');
    const cases: Array<[unknown, string]> = [
      [{ password: 'short' }, 'Invalid password reset: password: at least 10 characters'],
      [{ password: 'x'.repeat(1025) }, 'password'],
      [{}, 'password'],
      [{ password: 12345678901 }, 'password'],
      [{ password: 'long-enough-1', role: 'admin' }, 'role'],
      [[], 'Invalid password reset'],
    ];
    for (const [body, message] of cases) {
      const answer = await setPassword(ned.user.id, body);
      expect(answer, JSON.stringify(body)).toMatchObject({ status: 400, body: { statusCode: 400, code: 'invalid_request', error: 'Bad Request' } });
      expect(String(answer.body.message), JSON.stringify(body)).toContain(message);
    }
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nobody', 'a%00b', 'x'.repeat(100)]) {
      expect(await setPassword(id, { password: 'long-enough-1' }), id).toMatchObject({
        status: 404,
        body: { statusCode: 404, code: 'not_found', error: 'Not Found' },
      });
    }
    // Nothing changed: the old password and the old token still work.
    expect((await call(ctx.server.url, 'GET', '/api/auth/me', ned.token)).status).toBe(200);
    expect(await signInStatus('ned', 'ned-password')).toBe(200);
  });

  it('lets only admins set passwords', async () => {
    const tess = await staff('tess', 'technician', 1);
    const sid = await staff('sid', 'supervisor');
    expect(await setPassword(tess.user.id, { password: 'taken-over-1' }, sid.token)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await setPassword(sid.user.id, { password: 'taken-over-1' }, tess.token)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await setPassword(tess.user.id, { password: 'taken-over-1' }, tess.token)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect((await setPassword(tess.user.id, { password: 'taken-over-1' }, null)).status).toBe(401);
    expect(await signInStatus('tess', 'taken-over-1')).toBe(401);
    expect(await signInStatus('tess', 'tess-password')).toBe(200);
  });

  it("keeps the admin's own token when they set their own password, and ends their other sessions", async () => {
    const other = await login(ctx.server.url, 'admin', ctx.server.adminPassword);
    expect(await setPassword(ctx.admin.user.id, { password: 'admin-new-password' })).toMatchObject({ status: 200, body: { user: { id: ctx.admin.user.id } } });
    expect((await call(ctx.server.url, 'GET', '/api/auth/me', ctx.admin.token)).status).toBe(200);
    expect((await call(ctx.server.url, 'GET', '/api/auth/me', other.token)).status).toBe(401);
    expect(await signInStatus('admin', ctx.server.adminPassword)).toBe(401);
    expect(await signInStatus('admin', 'admin-new-password')).toBe(200);
    // Back as it was, for the other tests.
    expect((await setPassword(ctx.admin.user.id, { password: ctx.server.adminPassword })).status).toBe(200);
  });

  it('ends every event stream of a user whose password was set with signed-out', async () => {
    const wes = await staff('wes', 'technician', 1);
    const streams = await Promise.all([
      openEventStream(ctx.server.url, wes.token),
      openEventStream(ctx.server.url, (await login(ctx.server.url, 'wes', 'wes-password')).token),
    ]);
    await Promise.all(streams.map((s) => s.waitFor('hello')));
    expect((await setPassword(wes.user.id, { password: 'wes-new-password' })).status).toBe(200);
    for (const stream of streams) {
      // The heartbeat is 25 s away: only the access signal can end it this soon.
      expect(await endsWithin(stream, 2000)).toBe(true);
      expect(stream.count('signed-out')).toBe(1);
    }
  });

  it('records a password set in the audit log with the sessions it ended, never the password or a hash', async () => {
    const gus = await staff('gus', 'technician', 1);
    await login(ctx.server.url, 'gus', 'gus-password');
    const before = await ctx.server.db.selectFrom('users').select('password_hash').where('id', '=', gus.user.id).executeTakeFirstOrThrow();
    await setPassword(gus.user.id, { password: 'gus-secret-new-1' });
    await setPassword(gus.user.id, { password: 'gus-secret-new-2' });
    const after = await ctx.server.db.selectFrom('users').select('password_hash').where('id', '=', gus.user.id).executeTakeFirstOrThrow();
    expect(after.password_hash).not.toBe(before.password_hash);
    const { entries } = (await call(ctx.server.url, 'GET', '/api/admin/audit?limit=500', ctx.admin.token)).body as {
      entries: Array<{ action: string; actorId: string; subject: string; detail: unknown }>;
    };
    const resets = entries.filter((e) => e.subject === gus.user.id && e.action === 'user_password_reset').reverse();
    expect(resets.map((e) => [e.actorId, e.detail])).toEqual([
      [ctx.admin.user.id, { username: 'gus', sessionsRevoked: 2 }],
      [ctx.admin.user.id, { username: 'gus', sessionsRevoked: 0 }],
    ]);
    const text = JSON.stringify(await ctx.server.db.selectFrom('audit_log').selectAll().execute());
    for (const secret of ['gus-secret-new-1', 'gus-secret-new-2', 'gus-password', gus.token, before.password_hash.slice(-20), after.password_hash.slice(-20)])
      expect(text).not.toContain(secret);
  });
});
