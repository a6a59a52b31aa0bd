/**
 * A desk's database is backed up with `npm run backup` while consoles and raw pushers keep
 * pushing, work goes on past the backup, then the backup is restored with `npm run restore` into
 * a fresh database served at the same address. Every change acknowledged before the backup began
 * is there; the consoles, whose cursors are from the history that went on after the backup, get
 * 410 cursor_too_old, pull from scratch, resend the changes they made offline meanwhile and end
 * equal to the server; nothing is applied twice.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExactlyOnce } from '../../bench/load/checks';
import { readLedger } from '../../bench/load/ledger';
import type { AnyEntity } from '../../shared/sync/protocol';
import { expectConverged } from '../support/convergenceChecks';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { call } from '../support/http';
import { createTechnicians } from '../support/technicians';
import { runOpsCli } from '../support/opsCli';
import { startProcessServer, type ProcessServer } from '../support/processServer';
import { startRawPusher, type RawPusher } from '../support/rawPusher';
import { createTestClient, login, pullAll, type TestClient } from '../support/syncClient';
import { consoleAcks, outboxSizes, typeAway, waitUntil } from '../support/workload';

const ACKS_BEFORE_BACKUP = 40;
const PASSWORD = 'backup-test-pass';

const dir = mkdtempSync(join(tmpdir(), 'meja-backup-restore-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Ids of the tickets in a state, or of those one user created. */
const ticketsOf = (state: Map<string, AnyEntity>, createdBy?: string): string[] =>
  [...state.entries()]
    .filter(([key, record]) => key.startsWith('ticket/') && 'createdBy' in record && (createdBy === undefined || record.createdBy === createdBy))
    .map(([, record]) => record.id);

/** Runs sync cycles until the console's outbox is empty; fails with every console's state past the limit. */
const drain = async (clients: readonly TestClient[]): Promise<void> => {
  await waitUntil('every console outbox to empty', async () => {
    for (const client of clients) await client.engine.syncNow();
    return (await outboxSizes(clients)).every((size) => size.left === 0);
  }).catch(async (error: unknown) => {
    throw new Error(`${String(error)}: ${JSON.stringify(await outboxSizes(clients))}`);
  });
};

describe.each(DATABASE_KINDS)('backup while pushing, restore on %s', (kind) => {
  let original: TestDatabase;
  let restored: TestDatabase;
  let server: ProcessServer;
  let adminToken: string;

  beforeAll(async () => {
    original = await createDatabase(kind);
    restored = await createDatabase(kind);
    server = await startProcessServer(original.url);
    adminToken = (await login(server.url, 'admin', server.adminPassword)).token;
    await createTechnicians(server.url, adminToken, ['tina', 'sam', 'rita'], PASSWORD);
  });

  afterAll(async () => {
    await server?.stop();
    await original?.drop();
    await restored?.drop();
  });

  it('keeps every change acknowledged before the backup; consoles get 410, re-sync, resend their offline work and converge, each change applied once', async () => {
    let producing = true;
    let abandoned = false;
    const keepProducing = () => producing && !abandoned;
    const clients = await Promise.all(
      ['tina', 'sam'].map((username, i) => createTestClient({ baseUrl: server.url, username, password: PASSWORD, name: `${kind}-${username}`, seed: 21 + i })),
    );
    const ritaToken = (await login(server.url, 'rita', PASSWORD)).token;
    clients.forEach((client) => client.engine.start());
    const typing = clients.map((client) => typeAway(client, keepProducing));
    typing.forEach((run) => run.catch(() => undefined));
    const pushers: RawPusher[] = ['pusher-1', 'pusher-2'].map((clientId) =>
      startRawPusher({ url: server.url, token: ritaToken, clientId, producing: keepProducing, abandoned: () => abandoned }),
    );
    const pusherAcks = () => pushers.reduce((sum, pusher) => sum + pusher.acked.size, 0);
    try {
      await waitUntil(`${ACKS_BEFORE_BACKUP} acknowledged pushes and the consoles' first acknowledgements`, async () => {
        if (pusherAcks() < ACKS_BEFORE_BACKUP) return false;
        return (await Promise.all(clients.map(consoleAcks))).every((acks) => acks.length > 0);
      });

      // What was acknowledged, and what the server held, before the backup began.
      const ackedBeforeBackup = new Set(pushers.flatMap((pusher) => [...pusher.acked]));
      for (const client of clients) (await consoleAcks(client)).forEach((id) => ackedBeforeBackup.add(id));
      const heldBeforeBackup = await pullAll(server.url, adminToken);
      const acksAtBackupStart = pusherAcks();
      const backupFile = join(dir, kind === 'sqlite' ? 'desk.sqlite' : 'desk.dump');
      const backup = await runOpsCli('backup', [backupFile], { MEJA_DATABASE_URL: original.url });
      const acksDuringBackup = pusherAcks() - acksAtBackupStart;
      expect(backup.status, backup.stderr).toBe(0);
      expect(backup.stdout).toMatch(/^backup written: .*desk\.(sqlite|dump), [\d.]+ (KB|MB)/);
      expect(backup.stderr).toMatch(/^backing up \[#+\] 100% /m);
      expect(acksDuringBackup, 'pushes acknowledged while the backup ran').toBeGreaterThan(0);

      // Work goes on past the backup, and every console syncs it: a ticket of its own made after
      // the backup, and the others' changes.
      await waitUntil('pushes acknowledged after the backup', () => pusherAcks() >= acksAtBackupStart + acksDuringBackup + 15);
      producing = false;
      await Promise.all([...typing, ...pushers.map((pusher) => pusher.done)]);
      const afterBackup = new Map<TestClient, string>();
      for (const client of clients) {
        const args = makeCreateArgs({ title: `${client.name} after the backup` });
        expect((await client.mutate('ticket:create', args)).ok).toBe(true);
        afterBackup.set(client, args.id);
      }
      await drain(clients);
      for (const client of clients) expect(await client.db.tickets.get(afterBackup.get(client) ?? ''), `${client.name} synced past the backup`).toBeDefined();

      // Then the consoles lose the server and go on offline: an edit of a ticket the backup
      // holds, a note on it, a new ticket, and an edit of the ticket made after the backup.
      clients.forEach((client) => client.engine.stop());
      const offline = new Map<TestClient, { applied: string[]; refused: string }>();
      for (const client of clients) {
        const [kept] = ticketsOf(heldBeforeBackup, client.user.id);
        if (kept === undefined) throw new Error(`${client.name} made no ticket before the backup`);
        const before = client.queued.length;
        expect((await client.mutate('ticket:update', { id: kept, title: `${client.name} edited offline` })).ok).toBe(true);
        expect(
          (await client.mutate('note:add', { id: randomUUID(), ticketId: kept, body: 'Written while the server was down.', visibility: 'internal' })).ok,
        ).toBe(true);
        expect((await client.mutate('ticket:create', makeCreateArgs({ title: `${client.name} made offline` }))).ok).toBe(true);
        expect((await client.mutate('ticket:update', { id: afterBackup.get(client) ?? '', title: `${client.name} edit of a lost ticket` })).ok).toBe(true);
        const ids = client.queued.slice(before);
        expect(ids).toHaveLength(4);
        offline.set(client, { applied: ids.slice(0, 3), refused: ids[3] ?? '' });
      }

      // The server is gone; its backup is restored into a fresh database, served at the same address.
      await server.stop();
      const restore = await runOpsCli('restore', [backupFile], { MEJA_DATABASE_URL: restored.url });
      expect(restore.status, restore.stderr).toBe(0);
      expect(restore.stdout).toMatch(/^restored: \d+ tickets/);
      server = await startProcessServer(restored.url, { port: server.port });

      const restoredLedger = await readLedger(restored.url);
      const lost = [...ackedBeforeBackup].filter((id) => restoredLedger.get(id)?.status !== 'applied');
      expect(lost, 'acknowledged before the backup began, missing after the restore').toEqual([]);
      const restoredState = await pullAll(server.url, adminToken);
      expect(
        [...heldBeforeBackup.keys()].filter((key) => !restoredState.has(key)),
        'records the server held before the backup began',
      ).toEqual([]);
      // A consistent snapshot: records and ledger agree (a torn copy would not), numbers have no gaps.
      const snapshot = checkExactlyOnce([], restoredLedger, restoredState);
      expect(snapshot.countMismatches).toEqual([]);
      expect(snapshot.numberGaps).toBe(0);

      for (const client of clients) {
        const { cursor } = await client.steps.beginPull();
        const answer = await call(server.url, 'GET', `/api/sync/pull?cursor=${encodeURIComponent(cursor ?? '')}`, client.token);
        expect(answer.status, `${client.name}'s cursor on the restored server`).toBe(410);
        expect(answer.body.code).toBe('cursor_too_old');
      }

      const wentFromScratch = new Set<string>();
      const unsubscribe = clients.map((client) => client.engine.onStatus((status) => (status.fromScratch ? wentFromScratch.add(client.name) : undefined)));
      await drain(clients);
      // Everyone pulls what the others resent last.
      for (let round = 0; round < 2; round += 1) for (const client of clients) expect((await client.engine.syncNow()).ok).toBe(true);
      unsubscribe.forEach((stop) => stop());
      expect([...wentFromScratch].sort(), 'consoles that pulled from scratch').toEqual(clients.map((client) => client.name).sort());

      // The changes that reached the restored server: acknowledged before the backup, or made offline.
      const expectedThere = (client: TestClient) => [
        ...client.queued.filter((id) => ackedBeforeBackup.has(id)),
        ...(offline.get(client)?.applied ?? []),
        offline.get(client)?.refused ?? '',
      ];
      await expectConverged(clients, { url: server.url, token: adminToken, databaseUrl: restored.url }, { mutationsOf: expectedThere });
      const ledger = await readLedger(restored.url);
      for (const client of clients) {
        const work = offline.get(client);
        expect(
          work?.applied.map((id) => ledger.get(id)?.status),
          `${client.name}'s offline changes`,
        ).toEqual(['applied', 'applied', 'applied']);
        expect(ledger.get(work?.refused ?? '')?.status, `${client.name}'s edit of a ticket the restore took back`).toBe('rejected');
        expect(
          (await client.db.rejected.toArray()).map((change) => change.id),
          `${client.name} shows the refusal`,
        ).toEqual([work?.refused]);
      }
      const serverState = await pullAll(server.url, adminToken);
      const senders = [
        ...(await Promise.all(
          clients.map(async (client) => ({
            queued: expectedThere(client),
            rejected: new Set((await client.db.rejected.toArray()).map((change) => change.id)),
          })),
        )),
        ...pushers.map((pusher) => ({ queued: pusher.queued.filter((id) => ackedBeforeBackup.has(id)), rejected: pusher.refused })),
      ];
      const once = checkExactlyOnce(senders, ledger, serverState);
      expect(once.lost).toEqual([]);
      expect(once.misreported).toEqual([]);
      expect(once.countMismatches, 'tickets, notes and events add up to the applied changes: none applied twice').toEqual([]);
      expect(once.numberGaps).toBe(0);
      process.stdout.write(
        `backup and restore ${kind}: ${JSON.stringify({ ackedBeforeBackup: ackedBeforeBackup.size, acksDuringBackup, restoredTickets: ticketsOf(restoredState).length })}\n`,
      );
    } finally {
      producing = false;
      abandoned = true;
      await Promise.allSettled([...typing, ...pushers.map((pusher) => pusher.done)]);
      await Promise.all(clients.map((client) => client.close()));
    }
  }, 180_000);
});
