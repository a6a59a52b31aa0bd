import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMejaDb } from '../../renderer/db/database';
import { createDexieLocalDb } from '../../renderer/db/localDb';
import { createSyncEngine } from '../../shared/sync/engine';
import { createHttpRemote } from '../../shared/sync/httpRemote';
import { mutate } from '../../shared/sync/syncStore';
import { createSyncSteps, type SyncSteps } from '../../shared/sync/syncSteps';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { cleanFaults, createFaultyFetch } from '../support/faultyFetch';
import { login } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

describe.each(DATABASE_KINDS)('sync engine wake-ups on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let token: string;
  let userId: string;

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    const admin = await login(server.url, 'admin', server.adminPassword);
    await server.createUser(admin.token, { username: 'tina', password: 'wake-password', displayName: 'Tina', role: 'technician', tier: 1 });
    const tina = await login(server.url, 'tina', 'wake-password');
    token = tina.token;
    userId = tina.user.id;
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('sends a change made while a sync is finishing, without waiting for the timer', async () => {
    const db = openMejaDb(`meja-wake-${randomUUID()}`);
    const local = createDexieLocalDb(db);
    const inner = createSyncSteps(local, randomUUID);
    const args = makeCreateArgs();
    let madeLate = false;
    // The technician's change lands right after the run's last step counted what is left.
    const steps: SyncSteps = {
      ...inner,
      finishSync: async (input) => {
        const finished = await inner.finishSync(input);
        if (!madeLate) {
          madeLate = true;
          const made = await mutate(local, { id: randomUUID(), name: 'ticket:create', args, at: new Date().toISOString(), actorId: userId });
          expect(made.ok).toBe(true);
          void engine.syncNow();
        }
        return finished;
      },
    };
    const remote = createHttpRemote({ baseUrl: server.url, fetch: createFaultyFetch(cleanFaults(), Math.random).fetch, getToken: () => token });
    // The timer would only fire after an hour: only the wake-up can send the change.
    const engine = createSyncEngine({ steps, remote, intervalMs: 3_600_000 });
    try {
      await engine.syncNow();
      const deadline = Date.now() + 10_000;
      while ((await inner.pendingCount()) > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(madeLate).toBe(true);
      expect(await inner.pendingCount()).toBe(0);
      expect((await db.tickets.get(args.id))?.number).toBeGreaterThan(0);
    } finally {
      engine.stop();
      db.close();
      await db.delete();
    }
  });
});
