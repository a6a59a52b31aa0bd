import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { createTestClient, login, type TestClient } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

const waitFor = async (what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe.each(DATABASE_KINDS)('sync engine against the server on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  const clients: TestClient[] = [];
  const client = async (username: string) => {
    const made = await createTestClient({ baseUrl: server.url, username, password: 'engine-password', name: `${kind}-${username}`, seed: clients.length + 1 });
    clients.push(made);
    return made;
  };

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    const admin = await login(server.url, 'admin', server.adminPassword);
    await server.createUser(admin.token, { username: 'tina', password: 'engine-password', displayName: 'Tina', role: 'technician', tier: 1 });
    await server.createUser(admin.token, { username: 'sam', password: 'engine-password', displayName: 'Sam', role: 'technician', tier: 2 });
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.close()));
    await server?.close();
    await database?.drop();
  });

  it('keeps changes made offline, reports being offline, and sends them when the network is back', async () => {
    const tina = await client('tina');
    expect((await tina.engine.syncNow()).ok).toBe(true);
    tina.faults.offline = true;
    const args = makeCreateArgs();
    expect((await tina.mutate('ticket:create', args)).ok).toBe(true);
    const failed = await tina.engine.syncNow();
    expect(failed.ok).toBe(false);
    expect(tina.engine.status()).toMatchObject({ state: 'offline', pending: 1 });
    expect((await tina.db.tickets.get(args.id))?.number).toBeNull();
    tina.faults.offline = false;
    const done = await tina.engine.syncNow();
    expect(done).toMatchObject({ ok: true, pushed: 1 });
    expect(tina.engine.status()).toMatchObject({ state: 'idle', pending: 0, error: null });
    expect((await tina.db.tickets.get(args.id))?.number).toBeGreaterThan(0);
  });

  it('shows one console the change of another within moments, through the poke stream', async () => {
    const tina = await client('tina');
    const sam = await client('sam');
    sam.engine.start();
    await waitFor('the event stream', async () => sam.engine.status().live);
    const args = makeCreateArgs({ title: 'Live one' });
    await tina.mutate('ticket:create', args);
    await tina.engine.syncNow();
    await waitFor('the ticket on the other console', async () => (await sam.db.tickets.get(args.id))?.number != null);
    sam.engine.stop();
  });

  it('re-syncs from scratch when its cursor is too old, keeping unsent changes', async () => {
    const tina = await client('tina');
    expect((await tina.engine.syncNow()).ok).toBe(true);
    const before = await tina.db.tickets.count();
    tina.faults.offline = true;
    const args = makeCreateArgs({ title: 'Made before the server forgot' });
    await tina.mutate('ticket:create', args);
    await tina.engine.syncNow();
    // The server's database was replaced (restored from a backup): old cursors are meaningless.
    await sql`update meta set value = 'restored-epoch' where key = 'epoch'`.execute(server.db);
    tina.faults.offline = false;
    const scratch: boolean[] = [];
    const unsubscribe = tina.engine.onStatus((status) => scratch.push(status.fromScratch));
    const result = await tina.engine.syncNow();
    unsubscribe();
    expect(result.ok).toBe(true);
    // The console shows this as a first sync again: it is pulling the whole feed.
    expect(scratch).toContain(true);
    expect(await tina.db.outbox.count()).toBe(0);
    expect((await tina.db.tickets.get(args.id))?.number).toBeGreaterThan(0);
    expect(await tina.db.tickets.count()).toBe(before + 1);
  });

  it('stops as signed out when the token is refused', async () => {
    const tina = await client('tina');
    await fetch(`${server.url}/api/auth/logout`, { method: 'POST', headers: { authorization: `Bearer ${tina.token}` } });
    const result = await tina.engine.syncNow();
    expect(result.ok).toBe(false);
    expect(tina.engine.status().state).toBe('signed-out');
  });
});
