import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad } from '../../bench/load/runLoad';
import { createPostgresDatabaseOn, type TestDatabase } from '../support/postgresDatabase';
import { startTestServer, type TestServer } from '../support/testServer';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwawayPostgres';
import { sleep } from '../support/workload';

/*
 * The load test with PostgreSQL restarted halfway (`LOAD_PG_RESTART=1 npm run load`) at CI size: a
 * dozen engine consoles on two instances keep making changes, some dropping off the network, while
 * PostgreSQL is shut down (fast), held down a moment and started again. The load test's checks all
 * hold, and the only errors the consoles meet are 503s with Retry-After. On a cluster of this file's
 * own, as the run's shared one cannot be restarted under the other files.
 */

const DOWN_MS = 1_500;

describe('load on PostgreSQL restarted halfway', () => {
  let postgres: ThrowawayPostgres;
  let database: TestDatabase;
  const servers: TestServer[] = [];

  beforeAll(async () => {
    postgres = await startThrowawayPostgres();
    database = await createPostgresDatabaseOn(postgres.adminUrl);
    servers.push(...(await Promise.all([startTestServer(database.url), startTestServer(database.url)])));
  }, 120_000);
  afterAll(async () => {
    for (const server of servers) await server.close();
    await postgres?.stop();
  });

  it('converges with every change applied exactly once, the consoles meeting only 503s meanwhile', async () => {
    const report = await runLoad({
      label: 'postgres restarted',
      instances: servers.map((s) => s.url),
      databaseUrl: database.url,
      adminPassword: servers[0]?.adminPassword ?? '',
      consoles: 12,
      durationMs: 10_000,
      thinkMs: 400,
      roamingShare: 0.5,
      onlineMs: [500, 2_000],
      offlineMs: [500, 2_000],
      seedTickets: 30,
      storage: 'indexeddb',
      seed: 23,
      fault: {
        name: 'PostgreSQL restarted',
        run: async () => {
          await postgres.down('fast');
          await sleep(DOWN_MS);
          await postgres.up();
        },
      },
    });
    process.stdout.write(
      `load with a restart: ${JSON.stringify({ applied: report.mutationsApplied, errors: report.errors, fault: report.fault, catchUpMs: Math.round(report.catchUpMs) })}\n`,
    );
    // Fewer than in load.test.ts: the database is away for part of the run, and on a busy machine much of the rest.
    expect(report.mutationsApplied, 'changes applied during the load').toBeGreaterThan(5);
    expect(report.differences, 'caches that differ from the server').toEqual([]);
    expect(report.converged).toBe(report.consoles);
    expect(report.exactlyOnce.lost, 'queued changes the server never recorded').toEqual([]);
    expect(report.exactlyOnce.misreported, 'outcomes told wrongly to the console').toEqual([]);
    expect(report.exactlyOnce.countMismatches, 'records that do not add up to the applied changes').toEqual([]);
    expect(report.exactlyOnce.numberGaps).toBe(0);
    expect(report.exactlyOnce.queued).toBeGreaterThanOrEqual(report.mutationsApplied);
    // The outage was met, as 503s only: no other 5xx, no 4xx, no request left without an answer.
    expect(report.fault?.consolesRefused, 'consoles that met a 503').toBeGreaterThan(0);
    expect(report.errors.unavailable503).toBeGreaterThan(0);
    expect({ ...report.errors, unavailable503: 0 }, `other 5xx: ${report.server5xxSamples.join(' | ')}`).toEqual({
      unavailable503: 0,
      server5xx: 0,
      client4xx: 0,
      failedRequests: 0,
    });
    expect(report.fault?.recoveryMs.count, 'consoles measured for recovery').toBeGreaterThan(0);
  }, 240_000);
});
