/**
 * The server process is killed (SIGKILL: no shutdown, no flush, transactions cut short) while
 * consoles and raw pushers stream ticket creates and edits at it, then started again on the same
 * database. Every change the server acknowledged before dying must be there; the clients resend
 * what was not answered, and nothing is applied twice. On SQLite (WAL, synchronous=NORMAL) a
 * process kill loses no committed transaction (only an OS crash could); that is what is tested.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalState, checkExactlyOnce, firstDifference } from '../../bench/load/checks';
import { readLedger } from '../../bench/load/ledger';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { createTechnicians } from '../support/technicians';
import { startProcessServer, type ProcessServer } from '../support/processServer';
import { startRawPusher, type RawPusher } from '../support/rawPusher';
import { cacheState, createTestClient, login, pullAll } from '../support/syncClient';
import { consoleAcks, outboxSizes, sleep, typeAway, waitUntil } from '../support/workload';

/** Acknowledged changes before the kill: enough that some are surely in the middle of the stream. */
const ACKS_BEFORE_KILL = 60;
const PASSWORD = 'crash-test-pass';

describe.each(DATABASE_KINDS)('server killed mid-stream on %s', (kind) => {
  let database: TestDatabase;
  let server: ProcessServer;
  let adminToken: string;

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startProcessServer(database.url);
    adminToken = (await login(server.url, 'admin', server.adminPassword)).token;
    await createTechnicians(server.url, adminToken, ['tina', 'sam', 'rita'], PASSWORD);
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  it('every acknowledged change survives a SIGKILL; resent changes are applied exactly once', async () => {
    let producing = true;
    let abandoned = false;
    const keepProducing = () => producing && !abandoned;
    const clients = await Promise.all(
      ['tina', 'sam'].map((username, i) => createTestClient({ baseUrl: server.url, username, password: PASSWORD, name: `${kind}-${username}`, seed: 7 + i })),
    );
    const ritaToken = (await login(server.url, 'rita', PASSWORD)).token;
    clients.forEach((client) => client.engine.start());
    const typing = clients.map((client) => typeAway(client, keepProducing));
    typing.forEach((run) => run.catch(() => undefined));
    const pushers: RawPusher[] = ['pusher-1', 'pusher-2'].map((clientId) =>
      startRawPusher({ url: server.url, token: ritaToken, clientId, producing: keepProducing, abandoned: () => abandoned }),
    );
    try {
      const pusherAcks = () => pushers.reduce((sum, pusher) => sum + pusher.acked.size, 0);

      // Kill only with pushes on the wire, after every client has had changes acknowledged.
      await waitUntil(`${ACKS_BEFORE_KILL} acknowledged pushes and the consoles' first acknowledgements`, async () => {
        if (pusherAcks() < ACKS_BEFORE_KILL || !pushers.some((pusher) => pusher.inFlight > 0)) return false;
        return (await Promise.all(clients.map(consoleAcks))).every((acks) => acks.length > 0);
      });
      const inFlightAtKill = pushers.reduce((sum, pusher) => sum + pusher.inFlight, 0);
      const ackedBeforeKill = new Set(pushers.flatMap((pusher) => [...pusher.acked]));
      await server.kill();
      // Answers that reached a console before the kill may still be landing in its outbox.
      await sleep(200);
      for (const client of clients) (await consoleAcks(client)).forEach((id) => ackedBeforeKill.add(id));
      const retriesBeforeRestart = pushers.reduce((sum, pusher) => sum + pusher.retries, 0);

      // Down for a moment: consoles keep queueing offline, pushers keep knocking on a closed port.
      await sleep(300);
      await server.restart();
      const acksAtRestart = pusherAcks();
      await waitUntil('pushes acknowledged by the restarted server', () => pusherAcks() >= acksAtRestart + 30);
      producing = false;
      await Promise.all([...typing, ...pushers.map((pusher) => pusher.done)]);

      // The engines resend on their own (syncSoon stands for the console's "back online").
      await waitUntil('every console outbox to empty after the restart', async () => {
        clients.forEach((client) => client.engine.syncSoon());
        return (await outboxSizes(clients)).every((size) => size.left === 0);
      }).catch(async (error: unknown) => {
        throw new Error(`${String(error)}: ${JSON.stringify(await outboxSizes(clients))}`);
      });
      // Everyone pulls what the others pushed last.
      for (let round = 0; round < 2; round += 1) {
        for (const client of clients) {
          const result = await client.engine.syncNow();
          if (!result.ok) throw result.error;
        }
      }

      const ledger = await readLedger(database.url);
      const serverState = await pullAll(server.url, adminToken);

      // The scenario happened: pushes were cut, and resent to the new process.
      expect(inFlightAtKill, 'pushes in flight at the kill').toBeGreaterThan(0);
      expect(retriesBeforeRestart, 'pushes that failed while the server was down').toBeGreaterThan(0);

      const lostAcks = [...ackedBeforeKill].filter((id) => ledger.get(id)?.status !== 'applied');
      expect(lostAcks, 'acknowledged before the kill, not applied after the restart').toEqual([]);

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
      const eventsOf = new Set([...serverState.keys()].filter((key) => key.startsWith('event/')).map((key) => key.slice('event/'.length).split(':')[0]));
      const withoutEffect = senders.flatMap((sender) => sender.queued).filter((id) => !eventsOf.has(id));
      expect(withoutEffect, 'applied changes with no event on the server').toEqual([]);

      const expected = canonicalState(serverState);
      for (const client of clients) expect(firstDifference(await cacheState(client.db), expected), `${client.name} cache`).toBeNull();

      const duplicates = pushers.reduce((sum, pusher) => sum + pusher.duplicates, 0);
      // Printed so a run shows what it exercised.
      process.stdout.write(
        `server crash ${kind}: ${JSON.stringify({ queued: once.queued, ackedBeforeKill: ackedBeforeKill.size, inFlightAtKill, retriesBeforeRestart, duplicates })}\n`,
      );
    } finally {
      producing = false;
      abandoned = true;
      // Their failures, if any, were reported above; here they only have to stop before the caches close.
      await Promise.allSettled([...typing, ...pushers.map((pusher) => pusher.done)]);
      await Promise.all(clients.map((client) => client.close()));
    }
  }, 120_000);
});
