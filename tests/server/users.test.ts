import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicUser } from '../../shared/domain/records';
import { createDatabase, databaseKinds, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { call, openEventStream, pullToEnd, type EventStream } from '../support/http';
import { createTestClient, login, type TestClient } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

/*
 * Managing accounts (issue 7): PATCH /api/users/:id changes a role, a tier, a name or whether the
 * account is active; the change takes effect on the next request, reaches every console's cache,
 * is audited, and a deactivation or sign-out ends the account's event streams at once.
 * POST /api/users/:id/password gives a user a new password and ends their sessions the same way.
 */

const kinds = await databaseKinds();

const PERIOD = 'from=2020-01-01&to=2100-01-01';
/** The expiry backstop's heartbeat, on a second instance; the main one keeps the 25 s default, so its streams can only end through access signals. */
const HEARTBEAT_MS = 300;

/** Whether the server ends the stream within `ms`. */
const endsWithin = async (stream: EventStream, ms: number): Promise<boolean> => {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([stream.ended().then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
};

describe.each(kinds)('managing users on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let admin: { token: string; user: PublicUser };
  const clients: TestClient[] = [];

  /** Creates a user through the API and signs them in. */
  const staff = async (username: string, role: PublicUser['role'], tier: 1 | 2 | 3 | null = null) => {
    await server.createUser(admin.token, { username, password: `${username}-password`, displayName: username, role, tier });
    return login(server.url, username, `${username}-password`);
  };
  const patch = (id: string, body: unknown, token = admin.token) => call(server.url, 'PATCH', `/api/users/${id}`, token, body);
  const setPassword = (id: string, body: unknown, token: string | null = admin.token) => call(server.url, 'POST', `/api/users/${id}/password`, token, body);
  const signInStatus = async (username: string, password: string) => (await call(server.url, 'POST', '/api/auth/login', null, { username, password })).status;

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    admin = await login(server.url, 'admin', server.adminPassword);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server?.close();
    await database?.drop();
  });

  it('changes a role on the next request: a technician made supervisor reads statistics, made technician again gets 403', async () => {
    const tina = await staff('tina', 'technician', 1);
    expect((await call(server.url, 'GET', `/api/stats/summary?${PERIOD}`, tina.token)).status).toBe(403);
    const promoted = await patch(tina.user.id, { role: 'supervisor' });
    expect(promoted).toMatchObject({ status: 200, body: { user: { id: tina.user.id, username: 'tina', role: 'supervisor', tier: null, active: true } } });
    expect((await call(server.url, 'GET', `/api/stats/summary?${PERIOD}`, tina.token)).status).toBe(200);
    expect((await call(server.url, 'GET', '/api/auth/me', tina.token)).body).toMatchObject({ user: { role: 'supervisor', tier: null } });
    const demoted = await patch(tina.user.id, { role: 'technician', tier: 3 });
    expect(demoted.body).toMatchObject({ user: { role: 'technician', tier: 3 } });
    expect((await call(server.url, 'GET', `/api/stats/summary?${PERIOD}`, tina.token)).status).toBe(403);
    // Becoming a technician without a tier gives tier 1, as creating one does.
    await patch(tina.user.id, { role: 'supervisor' });
    expect((await patch(tina.user.id, { role: 'technician' })).body).toMatchObject({ user: { role: 'technician', tier: 1 } });
    expect((await patch(tina.user.id, { tier: 2, displayName: '  Tina Tamm ' })).body).toMatchObject({ user: { role: 'technician', tier: 2, displayName: 'Tina Tamm' } });
  });

  it('validates a change: 400 for no field, unknown fields, a tier for a non-technician, a technician without one, a blank name; 404 for an unknown id', async () => {
    const sue = await staff('sue', 'supervisor');
    const cases: Array<[unknown, string]> = [
      [{}, 'at least one of role, tier, active, displayName'],
      [{ password: 'new-password-1' }, 'password'],
      [{ username: 'sue2' }, 'username'],
      [{ tier: 2 }, 'tier: only technicians have a tier'],
      [{ role: 'admin', tier: 1 }, 'tier: only technicians have a tier'],
      [{ role: 'technician', tier: null }, 'tier: a technician needs a tier'],
      [{ displayName: '   ' }, 'displayName: must not be blank'],
      [{ role: 'root' }, 'role'],
      [{ active: 'no' }, 'active'],
      [{ tier: 4 }, 'tier'],
    ];
    for (const [body, message] of cases) {
      const answer = await patch(sue.user.id, body);
      expect(answer, JSON.stringify(body)).toMatchObject({ status: 400, body: { code: 'invalid_request' } });
      expect(String(answer.body.message), JSON.stringify(body)).toContain(message);
    }
    for (const id of ['00000000-0000-4000-8000-000000000000', 'nobody', 'a%00b']) {
      expect(await patch(id, { active: false }), id).toMatchObject({ status: 404, body: { code: 'not_found' } });
    }
    expect((await call(server.url, 'GET', '/api/auth/me', sue.token)).body).toMatchObject({ user: { role: 'supervisor', tier: null, active: true } });
  });

  it('lets only admins change users', async () => {
    const tom = await staff('tom', 'technician', 1);
    const sam = await staff('sam', 'supervisor');
    expect(await patch(tom.user.id, { role: 'admin' }, sam.token)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await patch(tom.user.id, { role: 'admin' }, tom.token)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await patch(sam.user.id, { active: false }, tom.token)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect((await call(server.url, 'PATCH', `/api/users/${tom.user.id}`, null, { role: 'admin' })).status).toBe(401);
    expect((await call(server.url, 'GET', '/api/auth/me', tom.token)).body).toMatchObject({ user: { role: 'technician' } });
  });

  it('deactivates an account: its tokens get 401 at once, sign-in is refused like a wrong password; reactivation lets it sign in again', async () => {
    const dora = await staff('dora', 'technician', 2);
    const second = await login(server.url, 'dora', 'dora-password');
    const wrongPassword = await call(server.url, 'POST', '/api/auth/login', null, { username: 'dora', password: 'not-her-password' });
    const deactivated = await patch(dora.user.id, { active: false });
    expect(deactivated.body).toMatchObject({ user: { username: 'dora', active: false, role: 'technician', tier: 2 } });
    for (const token of [dora.token, second.token]) expect(await call(server.url, 'GET', '/api/sync/pull', token)).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
    const refused = await call(server.url, 'POST', '/api/auth/login', null, { username: 'dora', password: 'dora-password' });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual(wrongPassword.body);
    // Deactivating again changes nothing and is no error.
    expect((await patch(dora.user.id, { active: false })).status).toBe(200);

    expect((await patch(dora.user.id, { active: true })).body).toMatchObject({ user: { active: true } });
    // The old sessions stay ended; a new sign-in works.
    expect((await call(server.url, 'GET', '/api/auth/me', dora.token)).status).toBe(401);
    const again = await login(server.url, 'dora', 'dora-password');
    expect((await call(server.url, 'GET', '/api/auth/me', again.token)).body).toMatchObject({ user: { username: 'dora', active: true } });
  });

  it('refuses to deactivate your own account (409 self_deactivation) or to leave no active admin (409 last_admin)', async () => {
    expect(await patch(admin.user.id, { active: false })).toMatchObject({ status: 409, body: { code: 'self_deactivation' } });
    expect(await patch(admin.user.id, { role: 'supervisor' })).toMatchObject({ status: 409, body: { code: 'last_admin' } });
    expect(await patch(admin.user.id, { role: 'technician', tier: 1 })).toMatchObject({ status: 409, body: { code: 'last_admin' } });
    // With a second admin, demoting either is fine, yourself included.
    const ada = await staff('ada', 'admin');
    expect((await patch(ada.user.id, { role: 'supervisor' })).body).toMatchObject({ user: { role: 'supervisor' } });
    expect(await patch(admin.user.id, { role: 'supervisor' })).toMatchObject({ status: 409, body: { code: 'last_admin' } });
    await patch(ada.user.id, { role: 'admin' });
    expect((await patch(ada.user.id, { role: 'supervisor' }, ada.token)).body).toMatchObject({ user: { role: 'supervisor' } });
    // Ada is a supervisor now, on the same token.
    expect((await patch(ada.user.id, { role: 'admin' }, ada.token)).status).toBe(403);
    // An inactive admin is no admin to rely on.
    await patch(ada.user.id, { role: 'admin', active: false });
    expect(await patch(admin.user.id, { role: 'supervisor' })).toMatchObject({ status: 409, body: { code: 'last_admin' } });
    expect((await call(server.url, 'GET', '/api/auth/me', admin.token)).body).toMatchObject({ user: { role: 'admin', active: true } });
  });

  it('lets only one of two admins demoting each other at once succeed', async () => {
    const bo = await staff('bo', 'admin');
    const answers = await Promise.all([patch(bo.user.id, { role: 'supervisor' }), patch(admin.user.id, { role: 'supervisor' }, bo.token)]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses[0]).toBe(200);
    // The loser was already demoted when its check ran (403), or its check saw the winner's commit (409).
    expect([403, 409]).toContain(statuses[1]);
    const admins = await server.db.selectFrom('users').select('username').where('role', '=', 'admin').where('active', '=', 1).execute();
    expect(admins).toHaveLength(1);
    // Put the test admin back if it lost.
    if (answers[1]?.status === 200) await patch(admin.user.id, { role: 'admin' }, bo.token);
    await patch(bo.user.id, { active: false });
    expect((await call(server.url, 'GET', '/api/auth/me', admin.token)).body).toMatchObject({ user: { role: 'admin', active: true } });
  });

  it('records renames, role changes, deactivations and reactivations in the audit log, without secrets', async () => {
    const ivy = await staff('ivy', 'technician', 1);
    await patch(ivy.user.id, { displayName: 'Ivy Ong', role: 'supervisor' });
    await patch(ivy.user.id, { active: false });
    await patch(ivy.user.id, { active: true, role: 'technician', tier: 2 });
    await patch(ivy.user.id, { tier: 2 });
    const { entries } = (await call(server.url, 'GET', '/api/admin/audit?limit=500', admin.token)).body as { entries: Array<{ action: string; actorId: string; subject: string; detail: unknown }> };
    const ivys = entries.filter((e) => e.subject === ivy.user.id).reverse();
    expect(ivys.map((e) => [e.action, e.actorId, e.detail])).toEqual([
      ['user_created', admin.user.id, { username: 'ivy', role: 'technician', tier: 1 }],
      ['user_renamed', admin.user.id, { username: 'ivy', from: 'ivy', to: 'Ivy Ong' }],
      ['user_role_changed', admin.user.id, { username: 'ivy', from: { role: 'technician', tier: 1 }, to: { role: 'supervisor', tier: null } }],
      ['user_deactivated', admin.user.id, { username: 'ivy', sessionsRevoked: 1 }],
      ['user_role_changed', admin.user.id, { username: 'ivy', from: { role: 'supervisor', tier: null }, to: { role: 'technician', tier: 2 } }],
      ['user_reactivated', admin.user.id, { username: 'ivy' }],
    ]);
    const text = JSON.stringify(entries);
    for (const secret of [ivy.token, admin.token, 'ivy-password', server.adminPassword]) expect(text).not.toContain(secret);
    const hashes = await server.db.selectFrom('users').select('password_hash').execute();
    for (const { password_hash: hash } of hashes) expect(text).not.toContain(hash.slice(-20));
  });

  it('publishes the changed user in the next pull and in the cache of a running console', async () => {
    const rob = await staff('rob', 'technician', 1);
    const { cursor } = await pullToEnd(server.url, admin.token);
    const robConsole = await createTestClient({ baseUrl: server.url, username: 'rob', password: 'rob-password', name: `${kind}-rob`, seed: 7 });
    clients.push(robConsole);
    robConsole.engine.start();
    await expect.poll(() => robConsole.engine.status().live, { timeout: 5000 }).toBe(true);
    await expect.poll(async () => (await robConsole.db.users.get(rob.user.id))?.role, { timeout: 5000 }).toBe('technician');
    await patch(rob.user.id, { role: 'supervisor', displayName: 'Rob Roy' });
    const { changes } = await pullToEnd(server.url, admin.token, cursor);
    expect(changes.filter((c) => c.entity === 'user').map((c) => c.data)).toEqual([{ id: rob.user.id, username: 'rob', displayName: 'Rob Roy', role: 'supervisor', tier: null, active: true }]);
    // Through the poke, well before the engine's 60 s timer.
    await expect.poll(async () => await robConsole.db.users.get(rob.user.id), { timeout: 5000 }).toMatchObject({ role: 'supervisor', displayName: 'Rob Roy' });
  });

  it('ends the event stream of a signed-out token with signed-out, and leaves the other sessions of the same user streaming', async () => {
    const una = await staff('una', 'technician', 1);
    const other = await login(server.url, 'una', 'una-password');
    const ending = await openEventStream(server.url, una.token);
    const staying = await openEventStream(server.url, other.token);
    await Promise.all([ending.waitFor('hello'), staying.waitFor('hello')]);
    expect((await call(server.url, 'POST', '/api/auth/logout', una.token)).status).toBe(200);
    // The heartbeat is 25 s away: only the access signal can end it this soon.
    expect(await endsWithin(ending, 2000)).toBe(true);
    expect(ending.count('signed-out')).toBe(1);
    const before = staying.count('poke');
    await server.createUser(admin.token, { username: 'una2', password: 'una2-password', displayName: 'Una 2', role: 'supervisor' });
    await staying.waitFor('poke', before + 1);
    expect(staying.count('signed-out')).toBe(0);
    staying.close();
  });

  it('ends every event stream of a deactivated account with signed-out', async () => {
    const val = await staff('val', 'technician', 1);
    const streams = await Promise.all([openEventStream(server.url, val.token), openEventStream(server.url, (await login(server.url, 'val', 'val-password')).token)]);
    await Promise.all(streams.map((s) => s.waitFor('hello')));
    await patch(val.user.id, { active: false });
    for (const stream of streams) {
      expect(await endsWithin(stream, 2000)).toBe(true);
      expect(stream.count('signed-out')).toBe(1);
    }
  });

  it('ends the event stream of an expired token at its next heartbeat', async () => {
    const eve = await staff('eve', 'technician', 1);
    const quick = await startTestServer(database.url, { eventHeartbeatMs: HEARTBEAT_MS });
    try {
      const stream = await openEventStream(quick.url, eve.token);
      await stream.waitFor('hello');
      // Expiry sends no signal: nothing but the heartbeat's check can notice it.
      await sql`update auth_tokens set expires_at = ${Date.now() - 1} where user_id = ${eve.user.id}`.execute(server.db);
      expect(await endsWithin(stream, HEARTBEAT_MS * 5)).toBe(true);
      expect(stream.count('signed-out')).toBe(1);
    } finally {
      await quick.close();
    }
  });

  it('shows a running console as signed out at once when its account is deactivated, and keeps its outbox', async () => {
    await staff('kim', 'technician', 1);
    const kim = await createTestClient({ baseUrl: server.url, username: 'kim', password: 'kim-password', name: `${kind}-kim`, seed: 11 });
    clients.push(kim);
    kim.engine.start();
    await expect.poll(() => kim.engine.status().live, { timeout: 5000 }).toBe(true);
    await expect.poll(() => kim.engine.status().state, { timeout: 5000 }).toBe('idle');
    await patch(kim.user.id, { active: false });
    // Long before the engine's own 60 s timer: the stream's signed-out asked for a sync, which met the 401.
    await expect.poll(() => kim.engine.status().state, { timeout: 3000 }).toBe('signed-out');
    const args = makeCreateArgs();
    expect((await kim.mutate('ticket:create', args)).ok).toBe(true);
    expect((await kim.engine.syncNow()).ok).toBe(false);
    await expect.poll(() => kim.engine.status(), { timeout: 3000 }).toMatchObject({ state: 'signed-out', pending: 1 });
    expect(await kim.store.pendingCount()).toBe(1);
    expect(await kim.db.tickets.get(args.id)).toBeDefined();
  });

  it('shows a running console as signed out soon after its session expires, not at its next timer', async () => {
    await staff('lou', 'technician', 1);
    // Expiry pokes nobody: only the stream's heartbeat check and its signed-out can tell the console.
    const quick = await startTestServer(database.url, { eventHeartbeatMs: HEARTBEAT_MS });
    try {
      const lou = await createTestClient({ baseUrl: quick.url, username: 'lou', password: 'lou-password', name: `${kind}-lou`, seed: 13 });
      clients.push(lou);
      lou.engine.start();
      await expect.poll(() => lou.engine.status().live, { timeout: 5000 }).toBe(true);
      await expect.poll(() => lou.engine.status().state, { timeout: 5000 }).toBe('idle');
      await sql`update auth_tokens set expires_at = ${Date.now() - 1} where user_id = ${lou.user.id}`.execute(server.db);
      await expect.poll(() => lou.engine.status().state, { timeout: 3000 }).toBe('signed-out');
    } finally {
      await quick.close();
    }
  });

  it('sets a new password: the old one stops working, the new one works, and every old token gets 401 at once', async () => {
    const pia = await staff('pia', 'technician', 2);
    const second = await login(server.url, 'pia', 'pia-password');
    const answer = await setPassword(pia.user.id, { password: 'pia-new-password' });
    expect(answer).toMatchObject({ status: 200, body: { user: { id: pia.user.id, username: 'pia', displayName: 'pia', role: 'technician', tier: 2, active: true } } });
    expect(Object.keys(answer.body)).toEqual(['user']);
    for (const token of [pia.token, second.token]) expect(await call(server.url, 'GET', '/api/sync/pull', token)).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
    expect(await signInStatus('pia', 'pia-password')).toBe(401);
    const again = await login(server.url, 'pia', 'pia-new-password');
    expect((await call(server.url, 'GET', '/api/auth/me', again.token)).body).toMatchObject({ user: { username: 'pia', active: true } });
    // The admin who set it is still signed in.
    expect((await call(server.url, 'GET', '/api/auth/me', admin.token)).status).toBe(200);
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
      expect(await setPassword(id, { password: 'long-enough-1' }), id).toMatchObject({ status: 404, body: { statusCode: 404, code: 'not_found', error: 'Not Found' } });
    }
    // Nothing changed: the old password and the old token still work.
    expect((await call(server.url, 'GET', '/api/auth/me', ned.token)).status).toBe(200);
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
    const other = await login(server.url, 'admin', server.adminPassword);
    expect(await setPassword(admin.user.id, { password: 'admin-new-password' })).toMatchObject({ status: 200, body: { user: { id: admin.user.id } } });
    expect((await call(server.url, 'GET', '/api/auth/me', admin.token)).status).toBe(200);
    expect((await call(server.url, 'GET', '/api/auth/me', other.token)).status).toBe(401);
    expect(await signInStatus('admin', server.adminPassword)).toBe(401);
    expect(await signInStatus('admin', 'admin-new-password')).toBe(200);
    // Back as it was, for the other tests.
    expect((await setPassword(admin.user.id, { password: server.adminPassword })).status).toBe(200);
  });

  it('ends every event stream of a user whose password was set with signed-out', async () => {
    const wes = await staff('wes', 'technician', 1);
    const streams = await Promise.all([openEventStream(server.url, wes.token), openEventStream(server.url, (await login(server.url, 'wes', 'wes-password')).token)]);
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
    await login(server.url, 'gus', 'gus-password');
    const before = await server.db.selectFrom('users').select('password_hash').where('id', '=', gus.user.id).executeTakeFirstOrThrow();
    await setPassword(gus.user.id, { password: 'gus-secret-new-1' });
    await setPassword(gus.user.id, { password: 'gus-secret-new-2' });
    const after = await server.db.selectFrom('users').select('password_hash').where('id', '=', gus.user.id).executeTakeFirstOrThrow();
    expect(after.password_hash).not.toBe(before.password_hash);
    const { entries } = (await call(server.url, 'GET', '/api/admin/audit?limit=500', admin.token)).body as { entries: Array<{ action: string; actorId: string; subject: string; detail: unknown }> };
    const resets = entries.filter((e) => e.subject === gus.user.id && e.action === 'user_password_reset').reverse();
    expect(resets.map((e) => [e.actorId, e.detail])).toEqual([
      [admin.user.id, { username: 'gus', sessionsRevoked: 2 }],
      [admin.user.id, { username: 'gus', sessionsRevoked: 0 }],
    ]);
    const text = JSON.stringify(await server.db.selectFrom('audit_log').selectAll().execute());
    for (const secret of ['gus-secret-new-1', 'gus-secret-new-2', 'gus-password', gus.token, before.password_hash.slice(-20), after.password_hash.slice(-20)]) expect(text).not.toContain(secret);
  });
});
