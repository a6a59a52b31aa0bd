/**
 * Convergence: several consoles (each its own IndexedDB, engine and faulty wire) make random
 * changes against one real server while going offline, losing requests and answers, and syncing
 * at random moments, also while other changes are being made. Afterwards every cache must equal
 * the server, every queued change must have been applied exactly once or reported as rejected.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { perform, race, STEP_KINDS } from '../support/convergenceSteps';
import { cleanFaults } from '../support/faultyFetch';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { expectConverged } from '../support/convergenceChecks';
import { createTestClient, login, type TestClient } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

const CLIENTS = 3;
const RUNS = Number(process.env.MEJA_CONVERGENCE_RUNS ?? 10);
const stepArb = fc.record({ client: fc.nat(CLIENTS - 1), kind: fc.constantFrom(...STEP_KINDS), pick: fc.nat(10_000), value: fc.nat(10_000) });
const runArb = fc.record({ seed: fc.nat(), steps: fc.array(stepArb, { minLength: 30, maxLength: 90 }) });

const settleAll = async (clients: TestClient[]): Promise<void> => {
  for (let round = 0; round < 10; round += 1) {
    for (const client of clients) {
      const result = await client.engine.syncNow();
      if (!result.ok) throw result.error;
    }
    const busy = await Promise.all(clients.map(async (c) => (await c.db.outbox.count()) > 0));
    if (!busy.includes(true)) break;
  }
  // One more round so that everyone pulls what the others pushed last.
  for (const client of clients) {
    const result = await client.engine.syncNow();
    if (!result.ok) throw result.error;
  }
};

describe.each(DATABASE_KINDS)('convergence on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let adminToken: string;
  const totals = { runs: 0, queued: 0, applied: 0, rejected: 0, droppedRequests: 0, droppedResponses: 0, offline: 0 };

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    adminToken = (await login(server.url, 'admin', server.adminPassword)).token;
    for (const [username, tier] of [
      ['tina', 1],
      ['sam', 2],
      ['rita', 3],
    ] as const) {
      await server.createUser(adminToken, { username, password: 'convergence-pass', displayName: username, role: 'technician', tier });
    }
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
    // Printed so the closing note can quote what the runs exercised.
    process.stdout.write(`convergence ${kind}: ${JSON.stringify(totals)}\n`);
  });

  it('every cache equals the server and every change is applied once or reported', async () => {
    await fc.assert(
      fc.asyncProperty(runArb, async ({ seed, steps }) => {
        const clients = await Promise.all(
          ['tina', 'sam', 'rita'].map((username, i) =>
            createTestClient({ baseUrl: server.url, username, password: 'convergence-pass', name: `${kind}-${username}`, seed: seed + i }),
          ),
        );
        try {
          const running: Array<Promise<unknown>> = [];
          for (const step of steps) {
            const client = clients[step.client];
            if (step.kind === 'race') await race(clients, step);
            else if (client) await perform(client, step, running);
          }
          for (const client of clients) Object.assign(client.faults, cleanFaults());
          await Promise.all(running);
          await settleAll(clients);

          const converged = await expectConverged(clients, { url: server.url, token: adminToken, databaseUrl: database.url });
          for (const { client, rejected, applied } of converged) {
            totals.queued += client.queued.length;
            totals.rejected += rejected;
            totals.applied += applied;
            totals.droppedRequests += client.stats.droppedRequests;
            totals.droppedResponses += client.stats.droppedResponses;
            totals.offline += client.stats.refusedOffline;
          }
          totals.runs += 1;
        } finally {
          await Promise.all(clients.map((client) => client.close()));
        }
      }),
      { numRuns: RUNS, endOnFailure: process.env.CI === 'true' },
    );
    expect(totals.runs).toBeGreaterThanOrEqual(RUNS);
  }, 300_000);
});
