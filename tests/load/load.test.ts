import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLoad, type LoadReport } from '../../bench/load/runLoad';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { startTestServer, type TestServer } from '../support/testServer';

/*
 * The load test (`npm run load`) at CI size: a dozen engine consoles on two instances over one
 * PostgreSQL database (and on one SQLite instance), making changes for a few seconds while some of
 * them drop off the network. Not a speed test: it asserts what must hold under load — every cache
 * equals the server, every change reached the server once, with the outcome its console was told.
 */

const expectClean = (report: LoadReport) => {
  expect(report.mutationsApplied, 'changes applied during the load').toBeGreaterThan(20);
  expect(report.outages, 'consoles that went offline and came back').toBeGreaterThan(0);
  expect(report.differences, 'caches that differ from the server').toEqual([]);
  expect(report.converged).toBe(report.consoles);
  expect(report.exactlyOnce.lost, 'queued changes the server never recorded').toEqual([]);
  expect(report.exactlyOnce.misreported, 'outcomes told wrongly to the console').toEqual([]);
  expect(report.exactlyOnce.countMismatches, 'records that do not add up to the applied changes').toEqual([]);
  expect(report.exactlyOnce.numberGaps).toBe(0);
  expect(report.exactlyOnce.queued).toBeGreaterThanOrEqual(report.mutationsApplied);
  expect(report.errors).toEqual({ unavailable503: 0, server5xx: 0, client4xx: 0, failedRequests: 0 });
  expect(report.pull.count).toBeGreaterThan(0);
  // Changes reach the consoles as live batches; a poke and a pull only when a batch does not follow a console.
  expect(report.live.batches, 'live batches applied without a pull').toBeGreaterThan(0);
  expect(report.changeToVisible.count, 'title edits seen on other consoles').toBeGreaterThan(0);
};

describe.each(DATABASE_KINDS)('load on %s', (kind) => {
  let database: TestDatabase;
  const servers: TestServer[] = [];

  beforeAll(async () => {
    database = await createDatabase(kind);
    // Several instances share PostgreSQL; SQLite is one process's file.
    const count = kind === 'postgres' ? 2 : 1;
    servers.push(...(await Promise.all(Array.from({ length: count }, () => startTestServer(database.url)))));
  });
  afterAll(async () => {
    for (const server of servers) await server.close();
    await database?.drop();
  });

  it('converges with every change applied exactly once', async () => {
    const report = await runLoad({
      label: kind,
      instances: servers.map((s) => s.url),
      databaseUrl: database.url,
      adminPassword: servers[0]?.adminPassword ?? '',
      consoles: 12,
      durationMs: 6_000,
      thinkMs: 400,
      roamingShare: 0.5,
      onlineMs: [500, 2_000],
      offlineMs: [500, 2_000],
      seedTickets: 30,
      // The console's own cache (Dexie on fake-indexeddb); `npm run load` keeps its many consoles in memory.
      storage: 'indexeddb',
      seed: 6,
    });
    process.stdout.write(
      `load ${kind}: ${JSON.stringify({ applied: report.mutationsApplied, rejected: report.mutationsRejected, outages: report.outages, pull: report.pull, pokeToVisible: report.pokeToVisible, live: report.live })}\n`,
    );
    expectClean(report);
  }, 240_000);
});
