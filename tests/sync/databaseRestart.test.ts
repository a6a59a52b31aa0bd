/**
 * PostgreSQL goes away under load and comes back, under two server instances (processes of their
 * own, as an operator runs them) that share it: once with a fast shutdown (what `pg_ctlcluster 15
 * main restart` does), once with its postmaster killed (SIGKILL; the start recovers from the WAL).
 * Consoles (the real sync engine on fake-indexeddb) on both instances and raw pushers keep making
 * changes throughout. While the database is down every request that needs it is answered 503 with
 * Retry-After and a message (never a 500, never left hanging), and the consoles keep their changes
 * in their outboxes; once it is back the instances serve again without a restart of their own,
 * listen for each other's commits again, and every console ends equal to the server with every
 * acknowledged change stored exactly once. The cluster is this file's own: the run's shared one
 * cannot be restarted under the other test files.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalState, checkExactlyOnce, firstDifference } from '../../bench/load/checks';
import { readLedger } from '../../bench/load/ledger';
import { NOTIFY_CHANNEL } from '../../server/sync/postgresNotifier';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol';
import { makeCreateArgs } from '../support/factories';
import { openEventStream, push } from '../support/http';
import { createPostgresDatabaseOn, type TestDatabase } from '../support/postgresDatabase';
import { startProcessServer, type ProcessServer } from '../support/processServer';
import { startRawPusher, type RawPusher } from '../support/rawPusher';
import { cacheState, createTestClient, login, pullAll, type TestClient } from '../support/syncClient';
import { createTechnicians } from '../support/technicians';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwawayPostgres';
import { consoleAcks, outboxSizes, sleep, typeAway, waitUntil } from '../support/workload';

const PASSWORD = 'restart-test-pass';
const ACKS_BEFORE_OUTAGE = 30;
/** Generous: a slow shared machine must not fail the test, only a server that never answers. */
const ANSWER_LIMIT_MS = 20_000;
const RECOVERY_LIMIT_MS = 60_000;

type Probe = { what: string; status: number; retryAfter: string | null; code: unknown; message: unknown };

/** One request to an instance, answered within the limit or failed as a hang. */
const probe = async (what: string, url: string, init: RequestInit): Promise<Probe> => {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(ANSWER_LIMIT_MS) });
  const body = (await response.json()) as { code?: unknown; message?: unknown };
  return { what, status: response.status, retryAfter: response.headers.get('retry-after'), code: body.code, message: body.message };
};

/** Connections of the database that LISTEN for the instances' commits: one per instance once they are back. */
const listeners = async (databaseUrl: string): Promise<number> => {
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    await client.connect();
    const { rows } = await client.query<{ n: number }>(
      'select count(*)::int as n from pg_stat_activity where datname = current_database() and query = $1 and pid <> pg_backend_pid()',
      [`listen ${NOTIFY_CHANNEL}`],
    );
    return rows[0]?.n ?? 0;
  } catch {
    return 0;
  } finally {
    await client.end().catch(() => undefined);
  }
};

describe('PostgreSQL restarted under two server instances', () => {
  let postgres: ThrowawayPostgres;
  let database: TestDatabase;
  let a: ProcessServer;
  let b: ProcessServer;
  let adminToken: string;

  beforeAll(async () => {
    postgres = await startThrowawayPostgres();
    database = await createPostgresDatabaseOn(postgres.adminUrl);
    [a, b] = await Promise.all([startProcessServer(database.url), startProcessServer(database.url)]);
    adminToken = (await login(a.url, 'admin', a.adminPassword)).token;
    await createTechnicians(a.url, adminToken, ['tina', 'sam', 'rita', 'watt'], PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    // The cluster goes with its databases.
    await postgres?.stop();
  });

  /** Every request that needs the database, on both instances, with a push whose change must apply once afterwards. */
  const probeBoth = async (token: string, mutationId: string, args: unknown): Promise<Probe[]> => {
    const auth = { authorization: `Bearer ${token}` };
    const body = JSON.stringify({ protocol: PROTOCOL_VERSION, clientId: 'restart-probe', mutations: [{ id: mutationId, name: 'ticket:create', args }] });
    const each = (url: string, name: string) => [
      probe(`${name} push`, `${url}/api/sync/push`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body }),
      probe(`${name} pull`, `${url}/api/sync/pull?limit=10`, { headers: auth }),
      probe(`${name} events`, `${url}/api/sync/events`, { headers: auth }),
      probe(`${name} me`, `${url}/api/auth/me`, { headers: auth }),
      probe(`${name} login`, `${url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'tina', password: PASSWORD }),
      }),
    ];
    return Promise.all([...each(a.url, 'A'), ...each(b.url, 'B')]);
  };

  it.each([
    ['a fast shutdown', 'fast'],
    ['its postmaster killed', 'kill'],
  ] as const)(
    'survives %s: 503 with Retry-After while down, then every acknowledged change exactly once and every console equal to the server',
    async (_name, how) => {
      let producing = true;
      let abandoned = false;
      const keepProducing = () => producing && !abandoned;
      const clients: TestClient[] = await Promise.all(
        [
          { username: 'tina', url: a.url },
          { username: 'sam', url: b.url },
        ].map(({ username, url }, i) =>
          createTestClient({ baseUrl: url, username, password: PASSWORD, name: `${how}-${username}`, seed: 31 + i + (how === 'kill' ? 10 : 0) }),
        ),
      );
      const rita = (await login(a.url, 'rita', PASSWORD)).token;
      clients.forEach((client) => client.engine.start());
      const typing = clients.map((client) => typeAway(client, keepProducing));
      typing.forEach((run) => run.catch(() => undefined));
      const pushers: RawPusher[] = [
        { url: a.url, clientId: `${how}-pusher-a` },
        { url: b.url, clientId: `${how}-pusher-b` },
      ].map(({ url, clientId }) => startRawPusher({ url, token: rita, clientId, producing: keepProducing, abandoned: () => abandoned }));
      const pusherAcks = () => pushers.reduce((sum, pusher) => sum + pusher.acked.size, 0);
      try {
        await waitUntil(`${ACKS_BEFORE_OUTAGE} acknowledged pushes and the consoles' first acknowledgements`, async () => {
          if (pusherAcks() < ACKS_BEFORE_OUTAGE) return false;
          return (await Promise.all(clients.map(consoleAcks))).every((acks) => acks.length > 0);
        });

        await postgres.down(how);
        // Acknowledged before the database went: all of it must be there afterwards.
        const ackedBeforeOutage = new Set(pushers.flatMap((pusher) => [...pusher.acked]));
        for (const client of clients) (await consoleAcks(client)).forEach((id) => ackedBeforeOutage.add(id));
        const retriesAtOutage = pushers.reduce((sum, pusher) => sum + pusher.retries, 0);

        const probeId = randomUUID();
        const probeArgs = makeCreateArgs({ title: `${how} probe while down` });
        const answers = await probeBoth(rita, probeId, probeArgs);
        for (const answer of answers) {
          expect(answer, answer.what).toMatchObject({ status: 503, retryAfter: '2', code: 'database_unavailable' });
          expect(String(answer.message), answer.what).toMatch(/cannot reach its database/);
        }
        // The consoles meet the same answer, show its message and keep their changes.
        await waitUntil('every console to meet the 503 and hold changes in its outbox', async () => {
          const sizes = await outboxSizes(clients);
          return clients.every((client, i) => /cannot reach its database/.test(client.engine.status().error ?? '') && (sizes[i]?.left ?? 0) > 0);
        });
        await waitUntil('pushes refused while the database is down', () => pushers.reduce((sum, pusher) => sum + pusher.retries, 0) > retriesAtOutage + 10);

        await postgres.up();
        const acksAtRestart = pusherAcks();
        // The instances serve again with no restart of their own, and each listens for the other's commits again.
        await waitUntil(
          'new pushes acknowledged on both instances',
          () => pushers.every((pusher) => pusher.acked.size > 0) && pusherAcks() >= acksAtRestart + 20,
          RECOVERY_LIMIT_MS,
        );
        await waitUntil('both instances to LISTEN again', async () => (await listeners(database.url)) === 2, RECOVERY_LIMIT_MS);
        producing = false;
        await Promise.all([...typing, ...pushers.map((pusher) => pusher.done)]);

        // The push refused while the database was down stored nothing: sent again, it applies.
        const resent = await push(b.url, rita, [{ id: probeId, name: 'ticket:create', args: probeArgs }]);
        expect(resent.results.map((r) => r.status)).toEqual(['applied']);

        await waitUntil(
          'every console outbox to empty',
          async () => {
            clients.forEach((client) => client.engine.syncSoon());
            return (await outboxSizes(clients)).every((size) => size.left === 0);
          },
          RECOVERY_LIMIT_MS,
        ).catch(async (error: unknown) => {
          throw new Error(`${String(error)}: ${JSON.stringify(await outboxSizes(clients))}`);
        });
        for (let round = 0; round < 2; round += 1) {
          for (const client of clients) {
            const result = await client.engine.syncNow();
            if (!result.ok) throw result.error;
          }
        }

        const ledger = await readLedger(database.url);
        const serverState = await pullAll(a.url, adminToken);
        const lost = [...ackedBeforeOutage].filter((id) => ledger.get(id)?.status !== 'applied');
        expect(lost, 'acknowledged before the outage, not applied after it').toEqual([]);
        const senders = [
          ...(await Promise.all(
            clients.map(async (client) => ({ queued: client.queued, rejected: new Set((await client.db.rejected.toArray()).map((change) => change.id)) })),
          )),
          ...pushers.map((pusher) => ({ queued: pusher.queued, rejected: pusher.refused })),
        ];
        for (const sender of senders) expect([...sender.rejected], 'changes the server refused').toEqual([]);
        for (const pusher of pushers) expect(pusher.acked.size, `${pusher.clientId}: every change acknowledged in the end`).toBe(pusher.queued.length);
        const once = checkExactlyOnce(senders, ledger, serverState);
        expect(once.lost, 'queued, never recorded by the server').toEqual([]);
        expect(once.misreported).toEqual([]);
        expect(once.countMismatches, 'tickets and events add up to the applied changes').toEqual([]);
        expect(once.numberGaps, 'ticket numbers missing or repeated').toBe(0);
        const expected = canonicalState(serverState);
        for (const client of clients) expect(firstDifference(await cacheState(client.db), expected), `${client.name} cache`).toBeNull();

        // What the consoles met: 503s, and never a 500.
        for (const client of clients) {
          expect(client.stats.statuses.get(503) ?? 0, `${client.name}: 503 answers`).toBeGreaterThan(0);
          expect(
            [...client.stats.statuses.keys()].filter((status) => status >= 500 && status !== 503),
            `${client.name}: other 5xx`,
          ).toEqual([]);
        }

        // LISTEN works again: a change through A reaches B's event streams, and a console on B, live.
        const watcher = await createTestClient({ baseUrl: b.url, username: 'watt', password: PASSWORD, name: `${how}-watt`, seed: 77 });
        const events = await openEventStream(b.url, rita);
        try {
          await events.waitFor('hello');
          watcher.engine.start();
          await waitUntil('the watcher on B to sync and listen', () => watcher.engine.status().live && watcher.engine.status().lastSyncedAt !== null);
          const pokes = events.count('poke');
          const args = makeCreateArgs({ title: `${how} after the restart` });
          expect((await push(a.url, rita, [{ name: 'ticket:create', args }])).results.map((r) => r.status)).toEqual(['applied']);
          await events.waitFor('poke', pokes + 1);
          await waitUntil('the change through A in the cache of the console on B', async () => (await watcher.db.tickets.get(args.id)) !== undefined);
        } finally {
          events.close();
          await watcher.close();
        }

        const duplicates = pushers.reduce((sum, pusher) => sum + pusher.duplicates, 0);
        process.stdout.write(
          `database ${how}: ${JSON.stringify({ queued: once.queued, ackedBeforeOutage: ackedBeforeOutage.size, retries: pushers.reduce((sum, p) => sum + p.retries, 0) - retriesAtOutage, duplicates, consoles503: clients.map((c) => c.stats.statuses.get(503) ?? 0) })}\n`,
        );
      } finally {
        producing = false;
        abandoned = true;
        await Promise.allSettled([...typing, ...pushers.map((pusher) => pusher.done)]);
        await Promise.all(clients.map((client) => client.close()));
      }
    },
    240_000,
  );

  it('an idle instance pokes its event streams once the database is back, so its consoles pull what it could not hear', async () => {
    const token = (await login(b.url, 'sam', PASSWORD)).token;
    const events = await openEventStream(b.url, token);
    try {
      await events.waitFor('hello');
      await waitUntil('both instances to LISTEN', async () => (await listeners(database.url)) === 2);
      const before = events.count('poke');
      await postgres.down('fast');
      // Nothing commits anywhere meanwhile: the only poke can come from the instance listening again.
      await sleep(300);
      await postgres.up();
      await events.waitFor('poke', before + 1);
      expect(events.count('poke')).toBeGreaterThan(before);
    } finally {
      events.close();
    }
  }, 120_000);
});
