/**
 * Scoped sync's invariants, on both engines, with the server's and the console's clock under the
 * test's control: a console that pulls its user's working set (`scope=working`) holds, after each
 * sync, exactly the tickets of that set at its cursor's time, each with its whole timeline equal to
 * the server's; nothing else but tickets with local work; and every change it made arrives once.
 *
 * fast-check drives another technician (sam, over HTTP) and time: tickets are created, resolved,
 * closed, reopened, noted by sam, assigned to tina, opened on demand by tina, and hours and days
 * pass, so tickets enter the set (reopened, assigned, opened) and leave it (aged out). Tina's
 * console (Dexie over fake-indexeddb, the real engine over loopback) writes notes offline and syncs.
 */
import 'fake-indexeddb/auto';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openMejaDb, type MejaDb } from '../../renderer/db/database';
import { createDexieLocalDb } from '../../renderer/db/localDb';
import { rejectedTicketId } from '../../renderer/db/rejectedRow';
import { workingSetTicketIds } from '../../server/sync/workingSet';
import type { Status } from '../../shared/domain/ticket';
import { createSyncEngine } from '../../shared/sync/engine';
import { createHttpRemote } from '../../shared/sync/httpRemote';
import type { AnyEntity } from '../../shared/sync/protocol';
import { mutate } from '../../shared/sync/syncStore';
import { createSyncSteps } from '../../shared/sync/syncSteps';
import { HOUR_MS } from '../../shared/stats/period';
import type { WorkingSetParams } from '../../shared/sync/workingSet';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { cleanFaults, createFaultyFetch } from '../support/faultyFetch';
import { call, push } from '../support/http';
import { cacheState, login } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

const SCOPE = { recentDays: 1, mineDays: 2, openedDays: 1, openedMax: 2 } as const satisfies WorkingSetParams;

type Step =
  | { kind: 'create' }
  | { kind: 'resolve'; pick: number }
  /** Sam resolves from a console that was offline: the change is dated `hoursBack` before it reaches the server. */
  | { kind: 'lateResolve'; pick: number; hoursBack: number }
  | { kind: 'close'; pick: number }
  | { kind: 'reopen'; pick: number }
  | { kind: 'samNote'; pick: number }
  | { kind: 'assignTina'; pick: number }
  | { kind: 'tinaOpens'; pick: number }
  | { kind: 'tinaNote'; pick: number }
  | { kind: 'tinaResolves'; pick: number }
  | { kind: 'hours'; hours: number }
  | { kind: 'sync' };

const pick = fc.nat({ max: 1000 });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Step>({ kind: 'create' }) },
  { weight: 2, arbitrary: pick.map<Step>((n) => ({ kind: 'resolve', pick: n })) },
  { weight: 1, arbitrary: fc.tuple(pick, fc.integer({ min: 1, max: 72 })).map<Step>(([n, hoursBack]) => ({ kind: 'lateResolve', pick: n, hoursBack })) },
  { weight: 1, arbitrary: pick.map<Step>((n) => ({ kind: 'close', pick: n })) },
  { weight: 2, arbitrary: pick.map<Step>((n) => ({ kind: 'reopen', pick: n })) },
  { weight: 2, arbitrary: pick.map<Step>((n) => ({ kind: 'samNote', pick: n })) },
  { weight: 1, arbitrary: pick.map<Step>((n) => ({ kind: 'assignTina', pick: n })) },
  { weight: 2, arbitrary: pick.map<Step>((n) => ({ kind: 'tinaOpens', pick: n })) },
  { weight: 2, arbitrary: pick.map<Step>((n) => ({ kind: 'tinaNote', pick: n })) },
  { weight: 1, arbitrary: pick.map<Step>((n) => ({ kind: 'tinaResolves', pick: n })) },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 40 }).map<Step>((hours) => ({ kind: 'hours', hours })) },
  { weight: 3, arbitrary: fc.constant<Step>({ kind: 'sync' }) },
);

/**
 * A page tests the rows after its cursor ticket by ticket when at most `pullFewRows` follow it, else
 * against the whole set in the query: 3 mixes both ways within a run, 0 is the whole set only.
 */
const WAYS = DATABASE_KINDS.flatMap((kind) => [
  { kind, fewRows: 3, way: 'ticket by ticket when few rows follow' },
  { kind, fewRows: 0, way: 'against the whole set' },
]);

describe.each(WAYS)('scoped sync on $kind, pages tested $way', ({ kind, fewRows }) => {
  let database: TestDatabase;
  let server: TestServer;
  // The server's clock and the console's: one clock, moved by the test.
  let clock = Date.parse('2026-01-05T08:00:00.000Z');
  let sam: { id: string; token: string };
  let tina: { id: string; token: string };

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url, { syncScope: SCOPE, now: () => clock, pullFewRows: fewRows });
    const admin = await login(server.url, 'admin', server.adminPassword);
    for (const username of ['tina', 'sam']) {
      await server.createUser(admin.token, { username, password: `${username}-password`, displayName: username, role: 'technician', tier: 1 });
    }
    const samIn = await login(server.url, 'sam', 'sam-password');
    const tinaIn = await login(server.url, 'tina', 'tina-password');
    sam = { id: samIn.user.id, token: samIn.token };
    tina = { id: tinaIn.user.id, token: tinaIn.token };
  });

  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  /** Every record of these tickets as the server holds them, keyed `entity/id`. */
  const serverRecords = async (ticketIds: ReadonlySet<string>): Promise<Map<string, AnyEntity>> => {
    const rows = await server.db
      .selectFrom('sync_changes')
      .select(['entity', 'entity_id', 'data', 'ticket_id'])
      .where('op', '=', 'put')
      .where('entity', 'in', ['ticket', 'event', 'note', 'session'])
      .execute();
    const records = new Map<string, AnyEntity>();
    for (const row of rows) {
      if (row.ticket_id !== null && ticketIds.has(row.ticket_id) && row.data !== null)
        records.set(`${row.entity}/${row.entity_id}`, JSON.parse(row.data) as AnyEntity);
    }
    return records;
  };

  const ticketOf = (record: AnyEntity, entity: string): string | null =>
    entity === 'ticket' ? record.id : 'ticketId' in record && typeof record.ticketId === 'string' ? record.ticketId : null;

  it('holds exactly the working set at its cursor, each ticket whole, and loses or doubles no change', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArb, { minLength: 4, maxLength: 22 }), async (steps) => {
        const tickets: Array<{ id: string }> = [];
        const db: MejaDb = openMejaDb(`meja-scoped-${randomUUID()}`);
        const local = createDexieLocalDb(db);
        const localSteps = createSyncSteps(local, randomUUID);
        const remote = createHttpRemote({
          baseUrl: server.url,
          fetch: createFaultyFetch(cleanFaults(), Math.random).fetch,
          getToken: () => tina.token,
          timeoutMs: 15_000,
        });
        const engine = createSyncEngine({ steps: localSteps, remote, pullLimit: 7, now: () => new Date(clock), scope: { userId: tina.id, pruneEveryMs: 0 } });
        // Tina's second console, which prunes only after its first sync: it holds more than the set
        // between prunings, and still has every ticket of the set whole.
        const lazyDb: MejaDb = openMejaDb(`meja-scoped-lazy-${randomUUID()}`);
        const lazyLocal = createDexieLocalDb(lazyDb);
        const lazy = createSyncEngine({
          steps: createSyncSteps(lazyLocal, randomUUID),
          remote: createHttpRemote({ baseUrl: server.url, fetch: createFaultyFetch(cleanFaults(), Math.random).fetch, getToken: () => tina.token }),
          pullLimit: 5,
          now: () => new Date(clock),
          scope: { userId: tina.id, pruneEveryMs: Number.POSITIVE_INFINITY },
        });
        const tinaNotes: string[] = [];
        const chosen = (n: number) => (tickets.length === 0 ? undefined : tickets[n % tickets.length]);
        // Statuses are read from the server: tina's offline changes move them too.
        const statusOf = async (id: string): Promise<Status> =>
          (await server.db.selectFrom('tickets').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status as Status;
        const transition = async (n: number, from: readonly Status[], to: Status, hoursBack = 0) => {
          const ticket = chosen(n);
          if (ticket === undefined) return;
          const status = await statusOf(ticket.id);
          if (!from.includes(status)) return;
          const resolution = to === 'resolved' ? 'Fixed.' : null;
          const dated = hoursBack === 0 ? {} : { at: new Date(clock - hoursBack * HOUR_MS).toISOString() };
          const [result] = (
            await push(server.url, sam.token, [{ name: 'ticket:transition', args: { id: ticket.id, from: status, to, resolution }, ...dated }], {
              sentAt: new Date(clock).toISOString(),
            })
          ).results;
          expect(result?.status, `${status} → ${to}`).toBe('applied');
        };

        /** The lazy console holds every ticket in scope at its cursor, each whole and equal to the server's. */
        const checkLazy = async () => {
          const result = await lazy.syncNow();
          expect(result.ok, result.ok ? '' : String(result.error)).toBe(true);
          const scopeAt = await lazyLocal.read((tx) => tx.getMeta('scopeAt'));
          const inScope = await workingSetTicketIds(server.db, kind, tina.id, scopeAt as string, SCOPE);
          const cache = await cacheState(lazyDb);
          const expected = await serverRecords(inScope);
          for (const [key, record] of expected) expect(cache.get(key), `the lazy console holds ${key} as the server does`).toEqual(record);
          for (const [key, record] of cache) {
            const ticketId = ticketOf(record, key.slice(0, key.indexOf('/')));
            if (ticketId !== null && inScope.has(ticketId)) expect(expected.has(key), `${key} exists on the server`).toBe(true);
          }
        };

        const syncAndCheck = async () => {
          const result = await engine.syncNow();
          expect(result.ok, result.ok ? '' : String(result.error)).toBe(true);
          await checkLazy();
          const scopeAt = await local.read((tx) => tx.getMeta('scopeAt'));
          expect(scopeAt, 'a scoped pull keeps its time').toBeTruthy();
          const inScope = await workingSetTicketIds(server.db, kind, tina.id, scopeAt as string, SCOPE);
          const cache = await cacheState(db);
          const held = new Set([...cache].flatMap(([key, record]) => (key.startsWith('ticket/') ? [record.id] : [])));
          const rejected = await db.rejected.toArray();
          const withWork = new Set(rejected.map((change) => rejectedTicketId(change)));
          for (const id of inScope) expect(held.has(id), `ticket ${id} is in scope and held`).toBe(true);
          for (const id of held) expect(inScope.has(id) || withWork.has(id), `ticket ${id} is held only while in scope or with local work`).toBe(true);
          const expected = await serverRecords(inScope);
          const actual = new Map(
            [...cache].filter(([key, record]) => {
              const entity = key.slice(0, key.indexOf('/'));
              const ticketId = ticketOf(record, entity);
              return ticketId !== null && inScope.has(ticketId);
            }),
          );
          expect([...actual.keys()].sort(), 'every record of the tickets in scope, and no other').toEqual([...expected.keys()].sort());
          for (const [key, record] of expected) expect(actual.get(key), key).toEqual(record);
          // A ticket kept only for a refused change shows the server's state (nothing of hers is pending on it).
          const keptForWork = new Set([...withWork].flatMap((id) => (id !== null && held.has(id) && !inScope.has(id) ? [id] : [])));
          for (const [key, record] of await serverRecords(keptForWork)) if (key.startsWith('ticket/')) expect(cache.get(key), `kept ${key}`).toEqual(record);
          // Every note tina wrote is on the server, once (ids are the notes' keys).
          if (tinaNotes.length > 0) {
            const onServer = await server.db.selectFrom('notes').select('id').where('id', 'in', tinaNotes).execute();
            expect(onServer.map((row) => row.id).sort(), 'every note tina wrote arrived').toEqual([...tinaNotes].sort());
          }
          expect(await localSteps.pendingCount(), 'nothing left unsent').toBe(0);
        };

        try {
          for (const step of steps) {
            switch (step.kind) {
              case 'create': {
                const args = makeCreateArgs();
                await push(server.url, sam.token, [{ name: 'ticket:create', args }]);
                tickets.push({ id: args.id });
                break;
              }
              case 'resolve':
                await transition(step.pick, ['new', 'open'], 'resolved');
                break;
              case 'lateResolve':
                await transition(step.pick, ['new', 'open'], 'resolved', step.hoursBack);
                break;
              case 'close':
                await transition(step.pick, ['resolved'], 'closed');
                break;
              case 'reopen':
                await transition(step.pick, ['resolved', 'closed'], 'open');
                break;
              case 'samNote': {
                const ticket = chosen(step.pick);
                if (ticket !== undefined)
                  await push(server.url, sam.token, [
                    { name: 'note:add', args: { id: randomUUID(), ticketId: ticket.id, body: 'Sam looked.', visibility: 'internal' } },
                  ]);
                break;
              }
              case 'assignTina': {
                const ticket = chosen(step.pick);
                if (ticket === undefined) break;
                const status = await statusOf(ticket.id);
                if (status === 'resolved' || status === 'closed') break;
                const [result] = (await push(server.url, sam.token, [{ name: 'ticket:assign', args: { id: ticket.id, assigneeId: tina.id } }])).results;
                expect(result?.status).toBe('applied');
                break;
              }
              case 'tinaOpens': {
                const ticket = chosen(step.pick);
                if (ticket !== undefined) expect((await call(server.url, 'GET', `/api/tickets/${ticket.id}`, tina.token)).status).toBe(200);
                break;
              }
              case 'tinaNote': {
                // Written offline on a ticket the console holds; it stays until sent.
                const ticket = chosen(step.pick);
                if (ticket === undefined || (await db.tickets.get(ticket.id)) === undefined) break;
                const id = randomUUID();
                const at = new Date(clock).toISOString();
                const result = await mutate(local, {
                  id: randomUUID(),
                  name: 'note:add',
                  args: { id, ticketId: ticket.id, body: 'Tina on site.', visibility: 'internal' },
                  at,
                  actorId: tina.id,
                });
                expect(result.ok).toBe(true);
                tinaNotes.push(id);
                break;
              }
              case 'tinaResolves': {
                // Offline, from what the console holds: refused when sam changed the status meanwhile, and then kept with its ticket.
                const ticket = chosen(step.pick);
                const held = ticket === undefined ? undefined : await db.tickets.get(ticket.id);
                if (held === undefined || (held.status !== 'new' && held.status !== 'open')) break;
                const args = { id: held.id, from: held.status, to: 'resolved', resolution: 'Tina fixed it.' };
                expect(
                  (await mutate(local, { id: randomUUID(), name: 'ticket:transition', args, at: new Date(clock).toISOString(), actorId: tina.id })).ok,
                ).toBe(true);
                break;
              }
              case 'hours':
                clock += step.hours * HOUR_MS;
                break;
              case 'sync':
                await syncAndCheck();
                break;
            }
          }
          await syncAndCheck();
        } finally {
          engine.stop();
          lazy.stop();
          db.close();
          lazyDb.close();
          await Promise.all([db.delete(), lazyDb.delete()]);
        }
      }),
      {
        numRuns: kind === 'sqlite' ? 40 : 25,
        // Each way in and out, at least once whatever the seed.
        examples: [
          // Resolved by a console whose clock puts it before the ticket was created: dated at the creation.
          [
            [
              { kind: 'create' },
              { kind: 'lateResolve', pick: 0, hoursBack: 2 },
              { kind: 'hours', hours: 23 },
              { kind: 'sync' },
              { kind: 'close', pick: 0 },
              { kind: 'sync' },
            ],
          ],
          // Resolved late from an offline console: by its records it ended before the console's last pruning.
          [[{ kind: 'create' }, { kind: 'sync' }, { kind: 'tinaResolves', pick: 0 }, { kind: 'lateResolve', pick: 0, hoursBack: 48 }, { kind: 'sync' }]],
          [
            [
              { kind: 'create' },
              { kind: 'sync' },
              { kind: 'samNote', pick: 0 },
              { kind: 'tinaNote', pick: 0 },
              { kind: 'hours', hours: 17 },
              { kind: 'resolve', pick: 0 },
              { kind: 'tinaOpens', pick: 0 },
              { kind: 'hours', hours: 32 },
              { kind: 'samNote', pick: 0 },
            ],
          ],
          // Aged out, then reopened: back with its whole timeline.
          [
            [
              { kind: 'create' },
              { kind: 'samNote', pick: 0 },
              { kind: 'resolve', pick: 0 },
              { kind: 'sync' },
              { kind: 'hours', hours: 30 },
              { kind: 'sync' },
              { kind: 'reopen', pick: 0 },
              { kind: 'sync' },
            ],
          ],
          // Out of the set before this console began: opened on demand, then in.
          [
            [
              { kind: 'create' },
              { kind: 'resolve', pick: 0 },
              { kind: 'hours', hours: 30 },
              { kind: 'sync' },
              { kind: 'tinaOpens', pick: 0 },
              { kind: 'sync' },
            ],
          ],
          // Assigned to tina after it had left and come back.
          [
            [
              { kind: 'create' },
              { kind: 'resolve', pick: 0 },
              { kind: 'sync' },
              { kind: 'hours', hours: 30 },
              { kind: 'sync' },
              { kind: 'samNote', pick: 0 },
              { kind: 'reopen', pick: 0 },
              { kind: 'assignTina', pick: 0 },
              { kind: 'sync' },
            ],
          ],
          // Held while out of the set (changes held back), then back in: caught up.
          [
            [
              { kind: 'create' },
              { kind: 'resolve', pick: 0 },
              { kind: 'sync' },
              { kind: 'hours', hours: 30 },
              { kind: 'samNote', pick: 0 },
              { kind: 'reopen', pick: 0 },
              { kind: 'sync' },
            ],
          ],
          // A refused change keeps its ticket after it aged out.
          [
            [
              { kind: 'create' },
              { kind: 'sync' },
              { kind: 'tinaResolves', pick: 0 },
              { kind: 'resolve', pick: 0 },
              { kind: 'hours', hours: 30 },
              { kind: 'sync' },
              { kind: 'hours', hours: 30 },
              { kind: 'sync' },
            ],
          ],
        ],
      },
    );
  }, 240_000);
});
