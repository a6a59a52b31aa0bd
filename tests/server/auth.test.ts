import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { login } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

describe.each(DATABASE_KINDS)('accounts and sign-in on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let adminToken: string;
  let techToken: string;

  const call = async (method: string, path: string, token: string | null, body?: unknown) => {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
  };

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    adminToken = (await login(server.url, 'admin', server.adminPassword)).token;
    const created = await call('POST', '/api/users', adminToken, {
      username: 'tina',
      password: 'tina-password',
      displayName: 'Tina',
      role: 'technician',
      tier: 1,
    });
    expect(created.status).toBe(201);
    expect(created.body.user).toMatchObject({ username: 'tina', role: 'technician', tier: 1, active: true });
    expect(JSON.stringify(created.body)).not.toContain('scrypt');
    techToken = (await login(server.url, 'tina', 'tina-password')).token;
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const wrong = await call('POST', '/api/auth/login', null, { username: 'tina', password: 'not-her-password' });
    const unknown = await call('POST', '/api/auth/login', null, { username: 'nobody', password: 'whatever-pass' });
    expect(wrong.status).toBe(401);
    expect(unknown).toEqual({ ...unknown, status: 401, body: wrong.body });
    expect(wrong.body).toEqual({ statusCode: 401, code: 'login_failed', error: 'Unauthorized', message: 'Wrong username or password.' });
    expect((await call('POST', '/api/auth/login', null, { username: 'tina' })).status).toBe(400);
  });

  it('lets only admins create users, and validates them', async () => {
    const byTech = await call('POST', '/api/users', techToken, { username: 'eve', password: 'eve-password1', displayName: 'Eve', role: 'admin' });
    expect(byTech).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect((await call('POST', '/api/users', null, { username: 'eve' })).status).toBe(401);
    const duplicate = await call('POST', '/api/users', adminToken, { username: 'tina', password: 'another-pass', displayName: 'Tina 2', role: 'technician' });
    expect(duplicate).toMatchObject({ status: 409, body: { code: 'username_taken' } });
    const short = await call('POST', '/api/users', adminToken, { username: 'shorty', password: 'short', displayName: 'S', role: 'supervisor' });
    expect(short.status).toBe(400);
    expect(String(short.body.message)).toContain('at least 10');
    const tiered = await call('POST', '/api/users', adminToken, {
      username: 'sue',
      password: 'supervisor-pass',
      displayName: 'Sue',
      role: 'supervisor',
      tier: 2,
    });
    expect(tiered.status).toBe(400);
    const supervisor = await call('POST', '/api/users', adminToken, { username: 'sue', password: 'supervisor-pass', displayName: 'Sue', role: 'supervisor' });
    expect(supervisor.body.user).toMatchObject({ role: 'supervisor', tier: null });
    const bad = await call('POST', '/api/users', adminToken, { username: 'Bad Name!', password: 'long-enough-pass', displayName: 'B', role: 'technician' });
    expect(bad.status).toBe(400);
    expect(String(bad.body.message)).toContain('username');
  });

  it('lists users for supervisors and admins only', async () => {
    expect((await call('GET', '/api/users', techToken)).status).toBe(403);
    const listed = await call('GET', '/api/users', adminToken);
    expect((listed.body.users as Array<{ username: string }>).map((u) => u.username)).toContain('tina');
  });

  it('knows who is signed in, and logout revokes the token at once', async () => {
    const { token } = await login(server.url, 'tina', 'tina-password');
    expect((await call('GET', '/api/auth/me', token)).body.user).toMatchObject({ username: 'tina' });
    expect((await call('POST', '/api/auth/logout', token)).status).toBe(200);
    expect((await call('GET', '/api/auth/me', token)).status).toBe(401);
    expect((await call('GET', '/api/auth/me', techToken)).status).toBe(200);
  });

  it('declares an access rule for every API route and answers unknown ones with JSON 404', async () => {
    expect(server.routes.length).toBeGreaterThanOrEqual(9);
    for (const rule of server.routes) expect(rule.access, `${rule.method} ${rule.url}`).toBeDefined();
    expect(
      server.routes
        .filter((r) => r.access === 'public')
        .map((r) => r.url)
        .sort(),
    ).toEqual([
      '/api/auth/login',
      '/api/health',
      '/api/help/articles',
      '/api/help/articles/*',
      '/api/help/articles/*',
      '/api/openapi.json',
      '/api/track/*',
      '/api/track/:code/answer',
      '/api/track/:code/attachments/:fileId',
    ]);
    const missing = await call('GET', '/api/nothing-here', techToken);
    expect(missing).toMatchObject({ status: 404, body: { statusCode: 404, code: 'not_found' } });
    expect(missing.headers.get('content-security-policy')).toContain("default-src 'self'");
  });
});
