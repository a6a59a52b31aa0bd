import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { call, openEventStream, pullToEnd } from '../support/http';
import { endsWithin, useStaffServer } from '../support/staffServer';
import { createTestClient, login } from '../support/syncClient';
import { startTestServer } from '../support/testServer';

/*
 * Managing accounts: PATCH /api/users/:id changes a role, a tier, a name or whether the
 * account is active; the change takes effect on the next request, reaches every console's cache,
 * is audited, and a deactivation or sign-out ends the account's event streams at once.
 * Setting a password is in passwordReset.test.ts.
 */

const PERIOD = 'from=2020-01-01&to=2100-01-01';
/** The expiry backstop's heartbeat, on a second instance; the main one keeps the 25 s default, so its streams can only end through access signals. */
const HEARTBEAT_MS = 300;

describe.each(DATABASE_KINDS)('managing users on %s', (kind) => {
  const ctx = useStaffServer(kind);
  const { staff, patch } = ctx;

  it('changes a role on the next request: a technician made supervisor reads statistics, made technician again gets 403', async () => {
    const tina = await staff('tina', 'technician', 1);
    expect((await call(ctx.server.url, 'GET', `/api/stats/summary?${PERIOD}`, tina.token)).status).toBe(403);
    const promoted = await patch(tina.user.id, { role: 'supervisor' });
    expect(promoted).toMatchObject({ status: 200, body: { user: { id: tina.user.id, username: 'tina', role: 'supervisor', tier: null, active: true } } });
    expect((await call(ctx.server.url, 'GET', `/api/stats/summary?${PERIOD}`, tina.token)).status).toBe(200);
    expect((await call(ctx.server.url, 'GET', '/api/auth/me', tina.token)).body).toMatchObject({ user: { role: 'supervisor', tier: null } });
    const demoted = await patch(tina.user.id, { role: 'technician', tier: 3 });
    expect(demoted.body).toMatchObject({ user: { role: 'technician', tier: 3 } });
    expect((await call(ctx.server.url, 'GET', `/api/stats/summary?${PERIOD}`, tina.token)).status).toBe(403);
    // Becoming a technician without a tier gives tier 1, as creating one does.
    await patch(tina.user.id, { role: 'supervisor' });
    expect((await patch(tina.user.id, { role: 'technician' })).body).toMatchObject({ user: { role: 'technician', tier: 1 } });
    expect((await patch(tina.user.id, { tier: 2, displayName: '  Tina Tamm ' })).body).toMatchObject({
      user: { role: 'technician', tier: 2, displayName: 'Tina Tamm' },
    });
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
    expect((await call(ctx.server.url, 'GET', '/api/auth/me', sue.token)).body).toMatchObject({ user: { role: 'supervisor', tier: null, active: true } });
  });

  it('lets only admins change users', async () => {
    const tom = await staff('tom', 'technician', 1);
    const sam = await staff('sam', 'supervisor');
    expect(await patch(tom.user.id, { role: 'admin' }, sam.token)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await patch(tom.user.id, { role: 'admin' }, tom.token)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await patch(sam.user.id, { active: false }, tom.token)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect((await call(ctx.server.url, 'PATCH', `/api/users/${tom.user.id}`, null, { role: 'admin' })).status).toBe(401);
    expect((await call(ctx.server.url, 'GET', '/api/auth/me', tom.token)).body).toMatchObject({ user: { role: 'technician' } });
  });

  it('deactivates an account: its tokens get 401 at once, sign-in is refused like a wrong password; reactivation lets it sign in again', async () => {
    const dora = await staff('dora', 'technician', 2);
    const second = await login(ctx.server.url, 'dora', 'dora-password');
    const wrongPassword = await call(ctx.server.url, 'POST', '/api/auth/login', null, { username: 'dora', password: 'not-her-password' });
    const deactivated = await patch(dora.user.id, { active: false });
    expect(deactivated.body).toMatchObject({ user: { username: 'dora', active: false, role: 'technician', tier: 2 } });
    for (const token of [dora.token, second.token])
      expect(await call(ctx.server.url, 'GET', '/api/sync/pull', token)).toMatchObject({ status: 401, body: { code: 'unauthorized' } });
    const refused = await call(ctx.server.url, 'POST', '/api/auth/login', null, { username: 'dora', password: 'dora-password' });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual(wrongPassword.body);
    // Deactivating again changes nothing and is no error.
    expect((await patch(dora.user.id, { active: false })).status).toBe(200);

    expect((await patch(dora.user.id, { active: true })).body).toMatchObject({ user: { active: true } });
    // The old sessions stay ended; a new sign-in works.
    expect((await call(ctx.server.url, 'GET', '/api/auth/me', dora.token)).status).toBe(401);
    const again = await login(ctx.server.url, 'dora', 'dora-password');
    expect((await call(ctx.server.url, 'GET', '/api/auth/me', again.token)).body).toMatchObject({ user: { username: 'dora', active: true } });
  });

  it('refuses to deactivate your own account (409 self_deactivation) or to leave no active admin (409 last_admin)', async () => {
    expect(await patch(ctx.admin.user.id, { active: false })).toMatchObject({ status: 409, body: { code: 'self_deactivation' } });
    expect(await patch(ctx.admin.user.id, { role: 'supervisor' })).toMatchObject({ status: 409, body: { code: 'last_admin' } });
    expect(await patch(ctx.admin.user.id, { role: 'technician', tier: 1 })).toMatchObject({ status: 409, body: { code: 'last_admin' } });
    // With a second admin, demoting either is fine, yourself included.
    const ada = await staff('ada', 'admin');
    expect((await patch(ada.user.id, { role: 'supervisor' })).body).toMatchObject({ user: { role: 'supervisor' } });
    expect(await patch(ctx.admin.user.id, { role: 'supervisor' })).toMatchObject({ status: 409, body: { code: 'last_admin' } });
    await patch(ada.user.id, { role: 'admin' });
    expect((await patch(ada.user.id, { role: 'supervisor' }, ada.token)).body).toMatchObject({ user: { role: 'supervisor' } });
    // Ada is a supervisor now, on the same token.
    expect((await patch(ada.user.id, { role: 'admin' }, ada.token)).status).toBe(403);
    // An inactive admin is no admin to rely on.
    await patch(ada.user.id, { role: 'admin', active: false });
    expect(await patch(ctx.admin.user.id, { role: 'supervisor' })).toMatchObject({ status: 409, body: { code: 'last_admin' } });
    expect((await call(ctx.server.url, 'GET', '/api/auth/me', ctx.admin.token)).body).toMatchObject({ user: { role: 'admin', active: true } });
  });

  it('lets only one of two admins demoting each other at once succeed', async () => {
    const bo = await staff('bo', 'admin');
    const answers = await Promise.all([patch(bo.user.id, { role: 'supervisor' }), patch(ctx.admin.user.id, { role: 'supervisor' }, bo.token)]);
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses[0]).toBe(200);
    // The loser was already demoted when its check ran (403), or its check saw the winner's commit (409).
    expect([403, 409]).toContain(statuses[1]);
    const admins = await ctx.server.db.selectFrom('users').select('username').where('role', '=', 'admin').where('active', '=', 1).execute();
    expect(admins).toHaveLength(1);
    // Put the test admin back if it lost.
    if (answers[1]?.status === 200) await patch(ctx.admin.user.id, { role: 'admin' }, bo.token);
    await patch(bo.user.id, { active: false });
    expect((await call(ctx.server.url, 'GET', '/api/auth/me', ctx.admin.token)).body).toMatchObject({ user: { role: 'admin', active: true } });
  });

  it('records renames, role changes, deactivations and reactivations in the audit log, without secrets', async () => {
    const ivy = await staff('ivy', 'technician', 1);
    await patch(ivy.user.id, { displayName: 'Ivy Ong', role: 'supervisor' });
    await patch(ivy.user.id, { active: false });
    await patch(ivy.user.id, { active: true, role: 'technician', tier: 2 });
    await patch(ivy.user.id, { tier: 2 });
    const { entries } = (await call(ctx.server.url, 'GET', '/api/admin/audit?limit=500', ctx.admin.token)).body as {
      entries: Array<{ action: string; actorId: string; subject: string; detail: unknown }>;
    };
    const ivys = entries.filter((e) => e.subject === ivy.user.id).reverse();
    expect(ivys.map((e) => [e.action, e.actorId, e.detail])).toEqual([
      ['user_created', ctx.admin.user.id, { username: 'ivy', role: 'technician', tier: 1 }],
      ['user_renamed', ctx.admin.user.id, { username: 'ivy', from: 'ivy', to: 'Ivy Ong' }],
      ['user_role_changed', ctx.admin.user.id, { username: 'ivy', from: { role: 'technician', tier: 1 }, to: { role: 'supervisor', tier: null } }],
      ['user_deactivated', ctx.admin.user.id, { username: 'ivy', sessionsRevoked: 1 }],
      ['user_role_changed', ctx.admin.user.id, { username: 'ivy', from: { role: 'supervisor', tier: null }, to: { role: 'technician', tier: 2 } }],
      ['user_reactivated', ctx.admin.user.id, { username: 'ivy' }],
    ]);
    const text = JSON.stringify(entries);
    for (const secret of [ivy.token, ctx.admin.token, 'ivy-password', ctx.server.adminPassword]) expect(text).not.toContain(secret);
    const hashes = await ctx.server.db.selectFrom('users').select('password_hash').execute();
    for (const { password_hash: hash } of hashes) expect(text).not.toContain(hash.slice(-20));
  });

  it('publishes the changed user in the next pull and in the cache of a running console', async () => {
    const rob = await staff('rob', 'technician', 1);
    const { cursor } = await pullToEnd(ctx.server.url, ctx.admin.token);
    const robConsole = await createTestClient({ baseUrl: ctx.server.url, username: 'rob', password: 'rob-password', name: `${kind}-rob`, seed: 7 });
    ctx.clients.push(robConsole);
    robConsole.engine.start();
    await expect.poll(() => robConsole.engine.status().live, { timeout: 5000 }).toBe(true);
    await expect.poll(async () => (await robConsole.db.users.get(rob.user.id))?.role, { timeout: 5000 }).toBe('technician');
    await patch(rob.user.id, { role: 'supervisor', displayName: 'Rob Roy' });
    const { changes } = await pullToEnd(ctx.server.url, ctx.admin.token, cursor);
    expect(changes.filter((c) => c.entity === 'user').map((c) => c.data)).toEqual([
      { id: rob.user.id, username: 'rob', displayName: 'Rob Roy', role: 'supervisor', tier: null, active: true },
    ]);
    // Through the poke, well before the engine's 60 s timer.
    await expect.poll(async () => await robConsole.db.users.get(rob.user.id), { timeout: 5000 }).toMatchObject({ role: 'supervisor', displayName: 'Rob Roy' });
  });

  it('ends the event stream of a signed-out token with signed-out, and leaves the other sessions of the same user streaming', async () => {
    const una = await staff('una', 'technician', 1);
    const other = await login(ctx.server.url, 'una', 'una-password');
    const ending = await openEventStream(ctx.server.url, una.token);
    const staying = await openEventStream(ctx.server.url, other.token);
    await Promise.all([ending.waitFor('hello'), staying.waitFor('hello')]);
    expect((await call(ctx.server.url, 'POST', '/api/auth/logout', una.token)).status).toBe(200);
    // The heartbeat is 25 s away: only the access signal can end it this soon.
    expect(await endsWithin(ending, 2000)).toBe(true);
    expect(ending.count('signed-out')).toBe(1);
    const before = staying.count('poke');
    await ctx.server.createUser(ctx.admin.token, { username: 'una2', password: 'una2-password', displayName: 'Una 2', role: 'supervisor' });
    await staying.waitFor('poke', before + 1);
    expect(staying.count('signed-out')).toBe(0);
    staying.close();
  });

  it('ends every event stream of a deactivated account with signed-out', async () => {
    const val = await staff('val', 'technician', 1);
    const streams = await Promise.all([
      openEventStream(ctx.server.url, val.token),
      openEventStream(ctx.server.url, (await login(ctx.server.url, 'val', 'val-password')).token),
    ]);
    await Promise.all(streams.map((s) => s.waitFor('hello')));
    await patch(val.user.id, { active: false });
    for (const stream of streams) {
      expect(await endsWithin(stream, 2000)).toBe(true);
      expect(stream.count('signed-out')).toBe(1);
    }
  });

  it('ends the event stream of an expired token at its next heartbeat', async () => {
    const eve = await staff('eve', 'technician', 1);
    const quick = await startTestServer(ctx.databaseUrl, { eventHeartbeatMs: HEARTBEAT_MS });
    try {
      const stream = await openEventStream(quick.url, eve.token);
      await stream.waitFor('hello');
      // Expiry sends no signal: nothing but the heartbeat's check can notice it.
      await sql`update auth_tokens set expires_at = ${Date.now() - 1} where user_id = ${eve.user.id}`.execute(ctx.server.db);
      expect(await endsWithin(stream, HEARTBEAT_MS * 5)).toBe(true);
      expect(stream.count('signed-out')).toBe(1);
    } finally {
      await quick.close();
    }
  });

  it('shows a running console as signed out at once when its account is deactivated, and keeps its outbox', async () => {
    await staff('kim', 'technician', 1);
    const kim = await createTestClient({ baseUrl: ctx.server.url, username: 'kim', password: 'kim-password', name: `${kind}-kim`, seed: 11 });
    ctx.clients.push(kim);
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
    expect(await kim.steps.pendingCount()).toBe(1);
    expect(await kim.db.tickets.get(args.id)).toBeDefined();
  });

  it('shows a running console as signed out soon after its session expires, not at its next timer', async () => {
    await staff('lou', 'technician', 1);
    // Expiry pokes nobody: only the stream's heartbeat check and its signed-out can tell the console.
    const quick = await startTestServer(ctx.databaseUrl, { eventHeartbeatMs: HEARTBEAT_MS });
    try {
      const lou = await createTestClient({ baseUrl: quick.url, username: 'lou', password: 'lou-password', name: `${kind}-lou`, seed: 13 });
      ctx.clients.push(lou);
      lou.engine.start();
      await expect.poll(() => lou.engine.status().live, { timeout: 5000 }).toBe(true);
      await expect.poll(() => lou.engine.status().state, { timeout: 5000 }).toBe('idle');
      await sql`update auth_tokens set expires_at = ${Date.now() - 1} where user_id = ${lou.user.id}`.execute(ctx.server.db);
      await expect.poll(() => lou.engine.status().state, { timeout: 3000 }).toBe('signed-out');
    } finally {
      await quick.close();
    }
  });
});
