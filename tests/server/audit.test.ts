import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAudit, recordAudit, type AuditRecord } from '../../server/audit/auditLog';
import { openDatabase } from '../../server/db/connect';
import { migrateToLatest, migrateUpTo } from '../../server/db/migrations';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { call } from '../support/http';
import { login } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

const excerpt = readFileSync(fileURLToPath(new URL('../fixtures/uci-incident-excerpt.csv', import.meta.url)));
/** What a test compares of an entry: everything but its id and time. */
const fact = ({ actorId, action, subject, address, detail }: AuditRecord) => ({ actorId, action, subject, address, detail });

describe.each(DATABASE_KINDS)('audit log on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let admin: { token: string; id: string };
  let supervisor: { token: string; id: string };
  let technician: string;
  /** Every password and token the tests send: none may appear in the log. */
  const secrets: string[] = [];

  /** Signs in (a secret kept for the final check). */
  const signIn = async (username: string, password: string) => {
    const { token, user } = await login(server.url, username, password);
    secrets.push(password, token);
    return { token, id: user.id };
  };

  /** The newest entries through the API, as admin. */
  const page = async (query = '') => call(server.url, 'GET', `/api/admin/audit${query}`, admin.token);
  const newestId = async (): Promise<number> => ((await page('?limit=1')).body.entries as AuditRecord[])[0]?.id ?? 0;
  /** Entries after `afterId`, oldest first (the order the actions happened in). */
  const entriesAfter = async (afterId: number): Promise<AuditRecord[]> =>
    ((await page('?limit=500')).body.entries as AuditRecord[]).filter((e) => e.id > afterId).reverse();

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    admin = await signIn('admin', server.adminPassword);
    await server.createUser(admin.token, { username: 'sue', password: 'supervisor-password', displayName: 'Sue', role: 'supervisor' });
    await server.createUser(admin.token, { username: 'tina', password: 'technician-password', displayName: 'Tina', role: 'technician' });
    supervisor = await signIn('sue', 'supervisor-password');
    technician = (await signIn('tina', 'technician-password')).token;
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('records a login, failed logins (unknown user, wrong password) and a logout with actor, subject and address', async () => {
    const mark = await newestId();
    const before = Date.now();
    const tina = await signIn('tina', 'technician-password');
    const unknown = await call(server.url, 'POST', '/api/auth/login', null, { username: ' NoSuchUser ', password: 'guessed-password-1' });
    const wrong = await call(server.url, 'POST', '/api/auth/login', null, { username: 'Tina', password: 'guessed-password-2' });
    secrets.push('guessed-password-1', 'guessed-password-2');
    // Nothing in the answers tells which of the two names exists.
    expect(unknown).toMatchObject({ status: 401, body: { code: 'login_failed' } });
    expect(wrong.body).toEqual(unknown.body);
    expect((await call(server.url, 'POST', '/api/auth/logout', tina.token)).status).toBe(200);
    const after = Date.now();

    const entries = await entriesAfter(mark);
    expect(entries.map(fact)).toEqual([
      { actorId: tina.id, action: 'login', subject: 'tina', address: '127.0.0.1', detail: null },
      { actorId: null, action: 'login_failed', subject: 'nosuchuser', address: '127.0.0.1', detail: { reason: 'unknown_user' } },
      { actorId: null, action: 'login_failed', subject: 'tina', address: '127.0.0.1', detail: { reason: 'wrong_password' } },
      { actorId: tina.id, action: 'logout', subject: 'tina', address: '127.0.0.1', detail: null },
    ]);
    for (const entry of entries) {
      expect(Date.parse(entry.at)).toBeGreaterThanOrEqual(before);
      expect(Date.parse(entry.at)).toBeLessThanOrEqual(after);
    }
  });

  it('records a user created, a CSV export and an import, and not a statistics view on screen', async () => {
    const mark = await newestId();
    const created = await call(server.url, 'POST', '/api/users', admin.token, {
      username: 'nils',
      password: 'nils-password',
      displayName: 'Nils Ek',
      role: 'technician',
      tier: 2,
    });
    secrets.push('nils-password');
    expect(created.status).toBe(201);
    const nils = created.body.user as { id: string };
    const period = 'from=2026-01-05T00:00:00Z&to=2026-02-02T00:00:00Z';
    expect((await call(server.url, 'GET', `/api/stats/summary?${period}`, supervisor.token)).status).toBe(200);
    const csv = await fetch(`${server.url}/api/stats/categories?${period}&tier=2&category=vpn&format=csv`, {
      headers: { authorization: `Bearer ${supervisor.token}` },
    });
    expect(csv.status).toBe(200);
    const imported = await fetch(`${server.url}/api/admin/import?format=servicenow-events`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', authorization: `Bearer ${admin.token}` },
      body: excerpt,
    });
    expect(imported.status).toBe(201);
    const report = (await imported.json()) as {
      rows: number;
      tickets: number;
      created: number;
      updated: number;
      unchanged: number;
      technicians: { created: number };
      skipped: unknown[];
    };

    expect((await entriesAfter(mark)).map(fact)).toEqual([
      { actorId: admin.id, action: 'user_created', subject: nils.id, address: '127.0.0.1', detail: { username: 'nils', role: 'technician', tier: 2 } },
      {
        actorId: supervisor.id,
        action: 'stats_exported',
        subject: 'categories',
        address: '127.0.0.1',
        detail: { from: '2026-01-05T00:00:00.000Z', to: '2026-02-02T00:00:00.000Z', tier: 2, category: 'vpn' },
      },
      {
        actorId: admin.id,
        action: 'import',
        subject: 'servicenow-events',
        address: '127.0.0.1',
        detail: {
          format: 'servicenow-events',
          bytes: excerpt.length,
          rows: report.rows,
          tickets: report.tickets,
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
          techniciansCreated: report.technicians.created,
          skipped: report.skipped.length,
        },
      },
    ]);
    expect(report.created).toBeGreaterThan(0);
  });

  it('records a password set by an admin with the sessions it ended', async () => {
    await server.createUser(admin.token, { username: 'pia', password: 'pia-old-password', displayName: 'Pia', role: 'technician', tier: 1 });
    const pia = await signIn('pia', 'pia-old-password');
    const mark = await newestId();
    const reset = await call(server.url, 'POST', `/api/users/${pia.id}/password`, admin.token, { password: 'pia-new-password' });
    secrets.push('pia-new-password');
    expect(reset.status).toBe(200);
    expect((await entriesAfter(mark)).map(fact)).toEqual([
      { actorId: admin.id, action: 'user_password_reset', subject: pia.id, address: '127.0.0.1', detail: { username: 'pia', sessionsRevoked: 1 } },
    ]);
  });

  it('holds no password or token anywhere', async () => {
    const rows = JSON.stringify(await server.db.selectFrom('audit_log').selectAll().execute());
    const answer = JSON.stringify((await page('?limit=500')).body);
    expect(secrets.length).toBeGreaterThan(8);
    expect(secrets).toContain('pia-new-password');
    // Nor any stored hash (its salt and key are the tail).
    for (const { password_hash: hash } of await server.db.selectFrom('users').select('password_hash').where('password_hash', '!=', '').execute())
      secrets.push(hash.slice(-20));
    for (const secret of secrets) {
      expect(rows).not.toContain(secret);
      expect(answer).not.toContain(secret);
    }
  });

  it('is for admins only, and refuses a bad query with 400', async () => {
    expect((await call(server.url, 'GET', '/api/admin/audit', null)).status).toBe(401);
    expect(await call(server.url, 'GET', '/api/admin/audit', technician)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect(await call(server.url, 'GET', '/api/admin/audit', supervisor.token)).toMatchObject({ status: 403, body: { code: 'forbidden' } });
    expect((await page()).status).toBe(200);
    for (const query of ['?limit=0', '?limit=501', '?limit=abc', '?limit=-1', '?before=abc', '?before=0', '?before=1.5', '?colour=red']) {
      const answer = await page(query);
      expect(answer, query).toMatchObject({ status: 400, body: { statusCode: 400, code: 'invalid_request' } });
      expect(String(answer.body.message), query).toMatch(/^Invalid audit query: /);
    }
  });

  it('pages through every entry once, newest first, also within one millisecond', async () => {
    const at = Date.now();
    for (let i = 0; i < 130; i += 1) {
      await recordAudit(
        server.db,
        { action: 'login_failed', actorId: null, subject: `bulk-${i}`, address: '192.0.2.1', detail: { reason: 'unknown_user' } },
        at,
      );
    }
    const all = (await server.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').execute()).map((row) => row.id);
    expect(all.length).toBeGreaterThan(140);

    const first = await page();
    expect(first.body.entries).toHaveLength(100);
    expect(first.body.next).toEqual(expect.any(String));

    const seen: number[] = [];
    let query = '?limit=7';
    for (;;) {
      const { status, body } = await page(query);
      expect(status).toBe(200);
      const entries = body.entries as AuditRecord[];
      expect(entries.length).toBeLessThanOrEqual(7);
      seen.push(...entries.map((e) => e.id));
      if (body.next === null) break;
      query = `?limit=7&before=${encodeURIComponent(String(body.next))}`;
    }
    expect(seen).toEqual(all);
    const last = await page(`?before=${all.at(-1) ?? 0}`);
    expect(last.body).toEqual({ entries: [], next: null });
  });

  it('lets a login through when its entry cannot be written', async () => {
    // Written after the login has been decided: an audit outage must not lock everyone out.
    await sql`alter table audit_log rename to audit_log_away`.execute(server.db);
    try {
      expect((await call(server.url, 'POST', '/api/auth/login', null, { username: 'sue', password: 'supervisor-password' })).status).toBe(200);
    } finally {
      await sql`alter table audit_log_away rename to audit_log`.execute(server.db);
    }
  });
});

describe.each(DATABASE_KINDS)('upgrading a %s database to the audit log', (kind) => {
  it('adds an empty log that takes entries', async () => {
    const database = await createDatabase(kind);
    const handle = openDatabase(database.url);
    try {
      await migrateUpTo(handle.db, kind, '0004_statistics_speed');
      await migrateToLatest(handle.db, kind);
      expect(await readAudit(handle.db, { limit: 10 })).toEqual({ entries: [], next: null });
      await recordAudit(handle.db, { action: 'logout', actorId: 'u-1', subject: 'tina', address: null, detail: null }, Date.parse('2026-11-29T06:00:00.000Z'));
      expect(await readAudit(handle.db, { limit: 10 })).toEqual({
        entries: [{ id: 1, at: '2026-11-29T06:00:00.000Z', actorId: 'u-1', action: 'logout', subject: 'tina', address: null, detail: null }],
        next: null,
      });
    } finally {
      await handle.close();
      await database.drop();
    }
  });
});
