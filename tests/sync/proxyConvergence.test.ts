/**
 * Convergence through a misbehaving network: three consoles with running engines (pokes come over
 * the event stream) reach the real server only through a loopback proxy that drops, delays,
 * duplicates and reorders requests and answers and cuts the event stream. After the faults stop
 * and everyone settles, every cache must equal the server and every queued change must have been
 * applied exactly once or reported as refused.
 */
import { setTimeout as delay } from 'node:timers/promises';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncResult } from '../../shared/sync/engine';
import { perform, race, STEP_KINDS, type Step } from '../support/convergenceSteps';
import { makeCreateArgs } from '../support/factories';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { noProxyFaults, noProxyStats, startFaultProxy, type FaultProxy, type ProxyFaults, type ProxyStats } from '../support/faultProxy';
import { expectConverged } from '../support/convergenceChecks';
import { createTestClient, login, type TestClient } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

const RUNS = Number(process.env.MEJA_PROXY_RUNS ?? 4);
const SETTLE_MS = 20_000;
// The proxy is the only faulty wire here: the steps that switch a console's in-process wire are left out.
const WORK_KINDS = STEP_KINDS.filter((kind) => !['offline', 'online', 'lossy', 'clean'].includes(kind));
const stepArb = fc.record({ client: fc.nat(2), kind: fc.constantFrom(...WORK_KINDS), pick: fc.nat(10_000), value: fc.nat(10_000) });
const runArb = fc.record({ seed: fc.nat(), steps: fc.array(stepArb, { minLength: 60, maxLength: 100 }) });

const ALL_FAULTS: ProxyFaults = { dropRequest: 0.1, dropAnswer: 0.12, delayRequest: 0.3, delayAnswer: 0.3, duplicate: 0.15, reorder: 0.2, cutStream: 0.7 };

/** Syncs everyone until a whole round pushes and pulls nothing and every outbox is empty. */
const settle = async (clients: TestClient[]): Promise<void> => {
  const deadline = Date.now() + SETTLE_MS;
  let problem = 'none';
  while (Date.now() < deadline) {
    let quiet = true;
    for (const client of clients) {
      // A request that hangs must not hold the test past its deadline: that is a failure too.
      const left = Math.max(0, deadline - Date.now());
      const result = await Promise.race([
        client.engine.syncNow(),
        delay(left).then((): SyncResult => ({ ok: false, error: new Error('a sync still running at the deadline') })),
      ]);
      if (!result.ok) {
        quiet = false;
        problem = `${client.name}: ${result.error.message}`;
      } else if (result.pushed > 0 || result.pulled > 0 || (await client.db.outbox.count()) > 0) {
        quiet = false;
      }
    }
    if (quiet) return;
  }
  const outboxes = await Promise.all(clients.map(async (client) => `${client.name} ${await client.db.outbox.count()}`));
  throw new Error(`the consoles did not settle within ${SETTLE_MS} ms with the faults off (outboxes: ${outboxes.join(', ')}; last error: ${problem})`);
};

const FAULTS = ['droppedRequests', 'droppedAnswers', 'delayedRequests', 'delayedAnswers', 'duplicated', 'reordered', 'cutStreams'] as const;
const EXTRA_STEPS = 60;
const missingFaults = (...counts: ProxyStats[]) => FAULTS.filter((fault) => counts.every((stats) => stats[fault] === 0));

const addStats = (into: ProxyStats, from: ProxyStats) => {
  for (const key of Object.keys(into) as Array<keyof ProxyStats>) into[key] += from[key];
};

describe.each(DATABASE_KINDS)('convergence through a fault-injecting proxy on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let adminToken: string;
  const totals = noProxyStats();
  const work = { runs: 0, queued: 0, rejected: 0 };

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    adminToken = (await login(server.url, 'admin', server.adminPassword)).token;
    for (const [username, tier] of [
      ['tina', 1],
      ['sam', 2],
      ['rita', 3],
    ] as const) {
      await server.createUser(adminToken, { username, password: 'proxy-pass', displayName: username, role: 'technician', tier });
    }
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
    process.stdout.write(`proxy convergence ${kind}: ${JSON.stringify({ ...work, ...totals })}\n`);
  });

  it('every cache equals the server and every change is applied once or reported, whatever the wire does', async () => {
    await fc.assert(
      fc.asyncProperty(runArb, async ({ seed, steps }) => {
        let proxy: FaultProxy | null = null;
        const clients: TestClient[] = [];
        try {
          proxy = await startFaultProxy(server.url, seed);
          const through = proxy.url;
          clients.push(
            ...(await Promise.all(
              ['tina', 'sam', 'rita'].map((username, i) =>
                createTestClient({ baseUrl: through, username, password: 'proxy-pass', name: `proxy-${kind}-${username}`, seed: seed + i }),
              ),
            )),
          );
          proxy.setFaults(ALL_FAULTS);
          clients.forEach((client) => client.engine.start());
          const running: Array<Promise<unknown>> = [];
          for (const step of steps as Step[]) {
            const client = clients[step.client];
            if (step.kind === 'race') await race(clients, step);
            else if (client) await perform(client, step, running);
          }
          // Chance alone may spare a short run some fault: more work under the faults until each one has happened.
          for (let extra = 0; missingFaults(totals, proxy.stats).length > 0 && extra < EXTRA_STEPS; extra += 1) {
            const client = clients[extra % clients.length];
            await client?.mutate('ticket:create', makeCreateArgs({ title: `Extra ${extra}` }));
            await client?.engine.syncNow();
          }
          proxy.setFaults(noProxyFaults());
          // Syncs still under way are joined by the settling ones, under its deadline.
          await settle(clients);
          clients.forEach((client) => client.engine.stop());

          for (const { client, rejected } of await expectConverged(clients, { url: server.url, token: adminToken, databaseUrl: database.url })) {
            work.queued += client.queued.length;
            work.rejected += rejected;
          }
          work.runs += 1;
        } finally {
          await Promise.all(clients.map((client) => client.close()));
          if (proxy !== null) {
            addStats(totals, proxy.stats);
            await proxy.close();
          }
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(work.runs).toBeGreaterThanOrEqual(RUNS);
    // Every kind of fault really happened, or the runs proved less than they claim.
    expect(missingFaults(totals), 'faults that never happened through the proxy').toEqual([]);
    expect(totals.pokes, 'pokes and live batches down the event streams through the proxy').toBeGreaterThan(0);
  }, 90_000);
});
