/**
 * Resolving a problem resolves its incidents in one change. The server decides the set when it
 * applies the change, so an incident another console linked while this one was offline is
 * resolved too; the offline console, which resolved the ones it knew at once, ends with the
 * server's state, also when it pulls the new link before it pushes (its view is rebuilt by
 * replaying the same rule, which then reads the new incident).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Note } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';
import type { PullResponse } from '../../shared/sync/protocol';
import { expectConverged } from '../support/convergenceChecks';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { createTestClient, login, pullAll, type TestClient } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

const sync = async (...clients: TestClient[]): Promise<void> => {
  for (const client of clients) {
    const result = await client.engine.syncNow();
    if (!result.ok) throw result.error;
  }
};

const mustMutate = async (client: TestClient, name: string, args: unknown): Promise<void> => {
  const result = await client.mutate(name, args);
  if (!result.ok) throw new Error(`${name} refused: ${result.error.message}`);
};

const ticketOf = async (client: TestClient, id: string): Promise<Ticket> => {
  const ticket = await client.db.tickets.get(id);
  if (ticket === undefined) throw new Error(`${client.name} has no ticket ${id}`);
  return ticket;
};

describe.each(DATABASE_KINDS)('resolving a problem on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let adminToken: string;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    adminToken = (await login(server.url, 'admin', server.adminPassword)).token;
    for (const username of ['tina', 'sam']) {
      await server.createUser(adminToken, { username, password: 'problem-pass', displayName: username, role: 'technician', tier: 1 });
    }
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const consoles = async (): Promise<[TestClient, TestClient]> => {
    const made = await Promise.all(
      ['tina', 'sam'].map((username, i) =>
        createTestClient({ baseUrl: server.url, username, password: 'problem-pass', name: `${kind}-${username}-${randomUUID()}`, seed: i + 1 }),
      ),
    );
    clients.push(...made);
    const [tina, sam] = made;
    if (tina === undefined || sam === undefined) throw new Error('two consoles');
    return [tina, sam];
  };

  /** A problem with one incident, and a second ticket not linked yet, on both consoles. */
  const outage = async (tina: TestClient, sam: TestClient) => {
    const [problem, first, second] = [makeCreateArgs({ title: 'Mail server down', category: 'email' }), makeCreateArgs(), makeCreateArgs()];
    for (const args of [problem, first, second]) await mustMutate(tina, 'ticket:create', args);
    await mustMutate(tina, 'ticket:markProblem', { id: problem.id, isProblem: true });
    await mustMutate(tina, 'ticket:link', { id: first.id, otherId: problem.id, kind: 'problem' });
    await sync(tina, sam);
    return { problem: problem.id, first: first.id, second: second.id };
  };

  for (const order of ['pushes first', 'pulls the new link first'] as const) {
    it(`includes an incident linked meanwhile when the offline console ${order}`, async () => {
      const [tina, sam] = await consoles();
      const ids = await outage(tina, sam);
      tina.faults.offline = true;
      await mustMutate(tina, 'ticket:transition', { id: ids.problem, from: 'new', to: 'resolved', resolution: 'Mail server restarted.' });
      // Offline, tina's console resolves the incident it knows at once.
      expect(await ticketOf(tina, ids.first)).toMatchObject({ status: 'resolved', resolution: 'Mail server restarted.' });
      expect((await ticketOf(tina, ids.second)).status).toBe('new');

      await mustMutate(sam, 'ticket:link', { id: ids.second, otherId: ids.problem, kind: 'problem' });
      await sync(sam);

      if (order === 'pulls the new link first') {
        const { cursor } = await tina.steps.beginPull();
        const response = await fetch(`${server.url}/api/sync/pull?limit=1000${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`, {
          headers: { authorization: `Bearer ${tina.token}` },
        });
        expect(await tina.steps.applyPull({ page: (await response.json()) as PullResponse, reset: false })).toEqual({ applied: true });
        // The replayed resolution now reads the new incident too.
        expect(await ticketOf(tina, ids.second)).toMatchObject({ status: 'resolved', resolution: 'Mail server restarted.' });
      }

      tina.faults.offline = false;
      await sync(tina, sam);
      const state = await pullAll(server.url, adminToken);
      for (const id of [ids.first, ids.second]) {
        expect(state.get(`ticket/${id}`)).toMatchObject({ status: 'resolved', resolution: 'Mail server restarted.' });
        const notes = [...state.values()].filter((r): r is Note => 'body' in r && 'ticketId' in r && r.ticketId === id);
        expect(notes.map((n) => [n.body, n.visibility])).toEqual([['Mail server restarted.', 'public']]);
      }
      await sync(tina, sam);
      await expectConverged([tina, sam], { url: server.url, token: adminToken, databaseUrl: database.url });
    });
  }
});
