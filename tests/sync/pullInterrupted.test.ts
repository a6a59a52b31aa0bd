import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSyncEngine } from '../../shared/sync/engine';
import { createHttpRemote } from '../../shared/sync/httpRemote';
import type { LocalDb } from '../../shared/sync/localStore';
import type { PullResponse } from '../../shared/sync/protocol';
import { mutate } from '../../shared/sync/syncStore';
import { createSyncSteps, type SyncSteps } from '../../shared/sync/syncSteps';
import { openMejaDb } from '../../renderer/db/database';
import { createDexieLocalDb } from '../../renderer/db/localDb';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { cleanFaults, createFaultyFetch } from '../support/faultyFetch';
import { push } from '../support/http';
import { cacheState, login, pullAll } from '../support/syncClient';
import { signInTechnician, startTestServer, type TestServer } from '../support/testServer';

const TICKETS = 600;
const PAGE = 50;
/** The pull page whose transaction never commits: the window closes while it is being written. */
const CLOSED_AT_PAGE = 5;

/**
 * The console's cache store, except that one pull page's transaction fails after its first write,
 * as when the window closes before the page commits (IndexedDB then aborts the transaction).
 */
const closingDuringPage = (local: LocalDb, closeAt: number) => {
  let pagesStarted = 0;
  let armed = false;
  const committed: PullResponse[] = [];
  const interrupting: LocalDb = {
    read: (work) => local.read(work),
    transaction: (work) =>
      local.transaction((tx) => {
        if (!armed) return work(tx);
        armed = false;
        return work({
          ...tx,
          putMany: async (entity, records) => {
            await tx.putMany(entity, records);
            throw new Error('the console was closed');
          },
        });
      }),
  };
  const wrap = (steps: SyncSteps): SyncSteps => ({
    ...steps,
    applyPull: async (input) => {
      pagesStarted += 1;
      armed = pagesStarted === closeAt;
      const outcome = await steps.applyPull(input);
      committed.push(input.page);
      return outcome;
    },
  });
  return { local: interrupting, wrap, committed };
};

describe.each(DATABASE_KINDS)('a console closed while it writes a large pull, on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let token: string;
  let userId: string;

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url);
    token = await signInTechnician(server);
    userId = (await login(server.url, 'tina', 'tina-password')).user.id;
    for (let from = 0; from < TICKETS; from += 200) {
      const creates = Array.from({ length: 200 }, (_, i) => ({ name: 'ticket:create', args: makeCreateArgs({ title: `Seeded ticket ${from + i}` }) }));
      const { results } = await push(server.url, token, creates);
      expect(results.every((result) => result.status === 'applied')).toBe(true);
    }
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  it('reopens with the pages that committed and every local change, and syncs on to equal the server', async () => {
    const name = `meja-interrupted-${randomUUID()}`;
    const remote = createHttpRemote({ baseUrl: server.url, fetch: createFaultyFetch(cleanFaults(), Math.random).fetch, getToken: () => token });
    const act = (local: LocalDb, title: string) => {
      const args = makeCreateArgs({ title });
      return mutate(local, { id: randomUUID(), name: 'ticket:create', args, at: new Date().toISOString(), actorId: userId }).then((result) => {
        expect(result.ok).toBe(true);
        return args.id;
      });
    };

    // First run: a change made before the first sync is pushed (acknowledged, not yet settled);
    // another is made while the pull runs (still pending); then the window closes mid-page.
    const db = openMejaDb(name);
    const interrupted = closingDuringPage(createDexieLocalDb(db), CLOSED_AT_PAGE);
    const pushedFirst = await act(interrupted.local, 'Made before the first sync');
    let madeDuring: string | null = null;
    const steps = interrupted.wrap(createSyncSteps(interrupted.local, randomUUID));
    const engine = createSyncEngine({
      remote,
      pullLimit: PAGE,
      steps: {
        ...steps,
        applyPull: async (input) => {
          if (madeDuring === null) madeDuring = await act(interrupted.local, 'Made during the first sync');
          return steps.applyPull(input);
        },
      },
    });
    const first = await engine.syncNow();
    expect(first.ok).toBe(false);
    engine.stop();
    db.close();
    expect(interrupted.committed).toHaveLength(CLOSED_AT_PAGE - 1);

    // Reopened: exactly the committed pages, their cursor, and both local changes.
    const reopened = openMejaDb(name);
    try {
      const local = createDexieLocalDb(reopened);
      const lastCommitted = interrupted.committed.at(-1);
      expect(await local.read((tx) => tx.getMeta('cursor'))).toBe(lastCommitted?.cursor);
      const pulledTickets = new Set(interrupted.committed.flatMap((page) => page.changes.filter((c) => c.entity === 'ticket').map((c) => c.id)));
      const cachedTickets = new Set((await reopened.tickets.toArray()).map((ticket) => ticket.id));
      const local2 = [pushedFirst, madeDuring ?? ''];
      expect(cachedTickets).toEqual(new Set([...pulledTickets, ...local2]));
      expect((await reopened.outbox.orderBy('seq').toArray()).map((entry) => entry.state)).toEqual(['acked', 'pending']);

      // Sync resumes from that cursor and ends equal to the server, each change applied once.
      const resumed = createSyncEngine({ steps: createSyncSteps(local, randomUUID), remote, pullLimit: PAGE });
      const second = await resumed.syncNow();
      expect(second).toMatchObject({ ok: true, pushed: 1 });
      resumed.stop();
      expect(await reopened.outbox.count()).toBe(0);
      const server_ = await pullAll(server.url, token);
      expect(await cacheState(reopened)).toEqual(server_);
      const titles = [...server_.values()].flatMap((record) => ('title' in record && typeof record.title === 'string' ? [record.title] : []));
      expect(titles.filter((title) => title.startsWith('Made '))).toHaveLength(2);
      expect(titles.filter((title) => title.startsWith('Seeded ticket '))).toHaveLength(TICKETS);
    } finally {
      reopened.close();
      await reopened.delete();
    }
  });
});
