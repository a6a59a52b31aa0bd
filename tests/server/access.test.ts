import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import type { Access } from '../../server/auth/guard';
import { createLocalNotifier, type Notifier } from '../../server/sync/notifier';
import { rolesWith } from '../../shared/auth/capabilities';
import type { Role } from '../../shared/domain/records';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { call, openEventStream, pullToEnd, push } from '../support/http';
import { login } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

/** Anonymous, one signed-in user per role, and an admin whose token has expired or was signed out. */
type Principal = 'anonymous' | Role | 'expired token' | 'revoked token';
const PRINCIPALS: Principal[] = ['anonymous', 'technician', 'supervisor', 'admin', 'expired token', 'revoked token'];

/**
 * Who may call each /api route: the public and signed-in routes written out here, the others by the
 * capability they need, read from the one table in shared/auth/capabilities.ts (whose content
 * capabilities.test.ts pins). The server's declared rules must equal this, so a loosened rule, a
 * route that stops taking its roles from the table, or a route without a row fails here.
 */
const EXPECTED_ACCESS: Record<string, Access> = {
  'GET /api/health': 'public',
  'GET /api/openapi.json': 'public',
  'GET /api/track/*': 'public',
  'POST /api/track/:code/answer': 'public',
  'GET /api/track/:code/attachments/:fileId': 'public',
  'GET /api/help/articles': 'public',
  'GET /api/help/articles/*': 'public',
  'POST /api/attachments': 'signed-in',
  'GET /api/attachments/*': 'signed-in',
  'POST /api/help/articles/*': 'public',
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'signed-in',
  'GET /api/auth/me': 'signed-in',
  'POST /api/users': rolesWith('users:manage'),
  'PATCH /api/users/:id': rolesWith('users:manage'),
  'POST /api/users/:id/password': rolesWith('users:manage'),
  'GET /api/users': rolesWith('users:read'),
  'GET /api/stats/summary': rolesWith('stats:read'),
  'GET /api/stats/technicians': rolesWith('stats:read'),
  'GET /api/stats/categories': rolesWith('stats:read'),
  'GET /api/stats/backlog': rolesWith('stats:read'),
  'GET /api/stats/problems': rolesWith('stats:read'),
  'GET /api/stats/training': rolesWith('stats:read'),
  'POST /api/admin/import': rolesWith('import:run'),
  'GET /api/admin/audit': rolesWith('audit:read'),
  'GET /api/sync/pull': 'signed-in',
  'POST /api/sync/push': 'signed-in',
  'GET /api/sync/events': 'signed-in',
  'GET /api/sync/scope': 'signed-in',
  'GET /api/sync/tickets': 'signed-in',
  'GET /api/tickets': 'signed-in',
  'GET /api/tickets/:ref': 'signed-in',
};

/** Roles in a fixed order, so ['supervisor', 'admin'] and ['admin', 'supervisor'] compare equal. */
const normalised = (access: Access): Access => (typeof access === 'string' ? access : [...access].sort());

/** What the guard must answer: 401 for no valid token, 403 for a role not listed, otherwise the route runs. */
const expectedGuard = (access: Access, who: Principal): 401 | 403 | 'runs' => {
  if (access === 'public') return 'runs';
  if (who === 'anonymous' || who === 'expired token' || who === 'revoked token') return 401;
  if (access === 'signed-in') return 'runs';
  return access.includes(who) ? 'runs' : 403;
};

describe.each(DATABASE_KINDS)('access rules on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let subscribers = 0;
  const tokens = new Map<Principal, string>();

  /** The in-process notifier, counting open subscriptions so the test sees streams clean up. */
  const countingNotifier = (): Notifier => {
    const inner = createLocalNotifier();
    return {
      ...inner,
      onCommit: (listener) => {
        subscribers += 1;
        const unsubscribe = inner.onCommit(listener);
        return () => {
          subscribers -= 1;
          unsubscribe();
        };
      },
    };
  };

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url, { notifier: countingNotifier() });
    const admin = await login(server.url, 'admin', server.adminPassword);
    tokens.set('admin', admin.token);
    await server.createUser(admin.token, { username: 'sue', password: 'supervisor-pass', displayName: 'Sue', role: 'supervisor' });
    await server.createUser(admin.token, { username: 'tina', password: 'technician-pass', displayName: 'Tina', role: 'technician' });
    tokens.set('supervisor', (await login(server.url, 'sue', 'supervisor-pass')).token);
    tokens.set('technician', (await login(server.url, 'tina', 'technician-pass')).token);
    // Admins, so that a guard ignoring expiry or revocation would let every route run instead of answering 401.
    await server.createUser(admin.token, { username: 'exa', password: 'expired-admin', displayName: 'Exa', role: 'admin' });
    await server.createUser(admin.token, { username: 'rev', password: 'revoked-admin', displayName: 'Rev', role: 'admin' });
    const expired = await login(server.url, 'exa', 'expired-admin');
    await sql`update auth_tokens set expires_at = ${Date.now() - 1} where user_id = ${expired.user.id}`.execute(server.db);
    tokens.set('expired token', expired.token);
    const revoked = await login(server.url, 'rev', 'revoked-admin');
    expect((await call(server.url, 'POST', '/api/auth/logout', revoked.token)).status).toBe(200);
    tokens.set('revoked token', revoked.token);
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('declares exactly the expected access rule for every route', () => {
    const declared = Object.fromEntries(server.routes.map((rule) => [`${rule.method} ${rule.url}`, normalised(rule.access)]));
    const expected = Object.fromEntries(Object.entries(EXPECTED_ACCESS).map(([route, access]) => [route, normalised(access)]));
    expect(server.routes).toHaveLength(Object.keys(declared).length);
    expect(declared).toEqual(expected);
  });

  it('walks every declared route for every role, and for expired and revoked tokens', async () => {
    expect(server.routes.length).toBeGreaterThanOrEqual(9);
    for (const rule of server.routes) {
      for (const who of PRINCIPALS) {
        const path = rule.url.replace(/:[A-Za-z]+/g, 'x');
        let token = who === 'anonymous' ? null : (tokens.get(who) ?? null);
        // Signing out would end the shared session of this role; use a session of its own.
        if (path === '/api/auth/logout' && (who === 'technician' || who === 'supervisor' || who === 'admin'))
          token = (
            await login(server.url, who === 'admin' ? 'admin' : who === 'supervisor' ? 'sue' : 'tina', who === 'admin' ? server.adminPassword : `${who}-pass`)
          ).token;
        let status: number;
        if (path === '/api/sync/events') {
          const controller = new AbortController();
          const response = await fetch(`${server.url}${path}`, {
            headers: token === null ? {} : { authorization: `Bearer ${token}` },
            signal: controller.signal,
          });
          status = response.status;
          controller.abort();
        } else {
          status = (await call(server.url, rule.method, path, token, rule.method === 'GET' ? undefined : {})).status;
        }
        const expected = expectedGuard(rule.access, who);
        const label = `${rule.method} ${rule.url} as ${who}`;
        if (expected === 'runs') expect([401, 403], label).not.toContain(status);
        else expect(status, label).toBe(expected);
      }
    }
  });

  it('refuses expired tokens, revoked tokens and deactivated accounts', async () => {
    const admin = tokens.get('admin') ?? '';
    await server.createUser(admin, { username: 'dora', password: 'deactivate-me', displayName: 'Dora', role: 'technician', tier: 2 });
    const first = await login(server.url, 'dora', 'deactivate-me');
    const second = await login(server.url, 'dora', 'deactivate-me');
    expect(first.user).toMatchObject({ username: 'dora', tier: 2 });
    expect((await call(server.url, 'GET', '/api/auth/me', first.token)).status).toBe(200);
    await sql`update auth_tokens set expires_at = ${Date.now() - 1} where user_id = ${first.user.id}`.execute(server.db);
    expect(await call(server.url, 'GET', '/api/auth/me', first.token)).toMatchObject({ status: 401, body: { code: 'unauthorized' } });

    const third = await login(server.url, 'dora', 'deactivate-me');
    expect((await call(server.url, 'POST', '/api/auth/logout', third.token)).status).toBe(200);
    expect((await call(server.url, 'GET', '/api/sync/pull', third.token)).status).toBe(401);

    await sql`update auth_tokens set expires_at = ${Date.now() + 3_600_000} where user_id = ${first.user.id}`.execute(server.db);
    await sql`update users set active = 0 where id = ${first.user.id}`.execute(server.db);
    expect((await call(server.url, 'GET', '/api/auth/me', second.token)).status).toBe(401);
    const relogin = await call(server.url, 'POST', '/api/auth/login', null, { username: 'dora', password: 'deactivate-me' });
    expect(relogin).toMatchObject({ status: 401, body: { code: 'login_failed', message: 'Wrong username or password.' } });
    for (const header of ['Bearer', 'Basic abc', `Bearer ${'x'.repeat(500)}`, `Token ${tokens.get('admin') ?? ''}`]) {
      const response = await fetch(`${server.url}/api/auth/me`, { headers: { authorization: header } });
      expect(response.status, header).toBe(401);
    }
  });

  it('answers bad input with 4xx and the error shape, never 500', async () => {
    const token = tokens.get('technician') ?? '';
    const invalidJson = await call(server.url, 'POST', '/api/sync/push', token, '{"protocol": 1,');
    expect(invalidJson).toMatchObject({ status: 400, body: { statusCode: 400, code: 'invalid_json', error: 'Bad Request' } });
    const xml = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<login/>' });
    expect(await xml.json()).toMatchObject({ statusCode: 415, code: 'unsupported_media_type' });
    const nul = await call(server.url, 'POST', '/api/auth/login', null, { username: 'ad\u0000min', password: 'whatever-it-is' });
    expect(nul).toMatchObject({ status: 400, body: { code: 'invalid_request' } });
    expect(String(nul.body.message)).toContain('username');
    const notObject = await call(server.url, 'POST', '/api/sync/push', token, '[1, 2]');
    expect(notObject).toMatchObject({ status: 400, body: { code: 'invalid_request' } });
    const badClient = await call(server.url, 'POST', '/api/sync/push', token, { protocol: 1, clientId: 'a\u0000b', mutations: [] });
    expect(badClient.status).toBe(400);
    const shortPassword = await call(server.url, 'POST', '/api/users', tokens.get('admin') ?? '', {
      username: 'pat',
      password: 'short',
      displayName: 'Pat',
      role: 'supervisor',
    });
    expect(shortPassword).toMatchObject({ status: 400, body: { code: 'invalid_request' } });
    expect(String(shortPassword.body.message)).toContain('password: at least 10 characters');
    // A NUL inside one mutation's args rejects that mutation only.
    const args = makeCreateArgs({ title: 'Printer\u0000 on fire' });
    const { results } = await push(server.url, token, [
      { name: 'ticket:create', args },
      { name: 'ticket:create', args: makeCreateArgs() },
    ]);
    expect(results.map((r) => [r.status, r.error?.code])).toEqual([
      ['rejected', 'invalid_args'],
      ['applied', undefined],
    ]);
    expect(results[0]?.error?.message).toContain('title');
  });

  it('dates a change made offline by its age, at most 30 days back', async () => {
    const token = tokens.get('technician') ?? '';
    const sentAt = '2020-01-10T12:00:00.000Z';
    const cases = [
      { at: '2020-01-10T10:00:00.000Z', ageMs: 2 * 3_600_000 },
      { at: '2019-11-01T12:00:00.000Z', ageMs: 30 * 24 * 3_600_000 },
      { at: '2020-01-10T13:00:00.000Z', ageMs: 0 },
    ];
    const { cursor } = await pullToEnd(server.url, token);
    const ids = cases.map(() => makeCreateArgs());
    const before = Date.now();
    await push(
      server.url,
      token,
      cases.map((c, i) => ({ name: 'ticket:create', args: ids[i], at: c.at })),
      { sentAt },
    );
    const after = Date.now();
    const { changes } = await pullToEnd(server.url, token, cursor);
    cases.forEach((c, i) => {
      const ticket = changes.find((change) => change.entity === 'ticket' && change.id === ids[i]?.id);
      if (ticket?.entity !== 'ticket' || ticket.op !== 'put') throw new Error('ticket missing from the feed');
      const created = Date.parse(ticket.data.createdAt);
      expect(created).toBeGreaterThanOrEqual(before - c.ageMs);
      expect(created).toBeLessThanOrEqual(after - c.ageMs);
    });
  });

  it('sends hello, pokes after user creation, and forgets a stream when its client goes away', async () => {
    const baseline = subscribers;
    const stream = await openEventStream(server.url, tokens.get('supervisor') ?? '');
    await stream.waitFor('hello');
    expect(subscribers).toBe(baseline + 1);
    await server.createUser(tokens.get('admin') ?? '', { username: 'otto', password: 'otto-password', displayName: 'Otto', role: 'technician', tier: 3 });
    await stream.waitFor('poke');
    stream.close();
    await expect.poll(() => subscribers, { timeout: 2000 }).toBe(baseline);
    const users = (await call(server.url, 'GET', '/api/users', tokens.get('supervisor') ?? '')).body.users as Array<{ username: string }>;
    expect(users.map((u) => u.username)).toContain('otto');
    const feed = await pullToEnd(server.url, tokens.get('technician') ?? '');
    const otto = feed.changes.find((c) => c.entity === 'user' && c.op === 'put' && c.data.username === 'otto');
    expect(otto?.data).toEqual({ id: otto?.id, username: 'otto', displayName: 'Otto', role: 'technician', tier: 3, active: true });
  });
});
