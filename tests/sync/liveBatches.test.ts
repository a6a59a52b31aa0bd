/**
 * Live batches: each server instance reads a committed batch of the feed once and sends every
 * console that asked for them the rows its pull would bring, over the event stream. Consoles are the
 * real engine on Dexie over fake-indexeddb against the real server over loopback, on both engines.
 */
import 'fake-indexeddb/auto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AnyEntity, Change } from '../../shared/sync/protocol';
import type { WorkingSetParams } from '../../shared/sync/workingSet';
import { DATABASE_KINDS, createDatabase, createPostgresDatabase, type TestDatabase } from '../support/databases';
import { makeCreateArgs } from '../support/factories';
import { push } from '../support/http';
import { openLiveConsole, type LiveConsole } from '../support/liveConsole';
import { cacheState, login, pullAll } from '../support/syncClient';
import { startTestServer, type TestServer } from '../support/testServer';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const TECHNICIANS = ['sam', 'tina', 'rita', 'uma', 'vic'] as const;
const passwordOf = (name: string) => `${name}-password`;

const addTechnicians = async (server: TestServer): Promise<void> => {
  const admin = await login(server.url, 'admin', server.adminPassword);
  for (const name of TECHNICIANS) {
    await server.createUser(admin.token, { username: name, password: passwordOf(name), displayName: name, role: 'technician', tier: 1 });
  }
};

/**
 * Starts the console and waits until it has synced and its stream is connected as it will stay (a
 * working-set console reconnects once it knows its `since`, and pulls after that reconnection).
 */
const settle = async (console: LiveConsole, scoped: boolean): Promise<void> => {
  console.engine.start();
  await expect
    .poll(
      async () => {
        await console.engine.syncNow();
        return console.engine.status().live && (!scoped || (console.connects.at(-1) ?? '').includes('since='));
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  await sleep(100);
  await console.engine.syncNow();
};

const ticketOf = (change: Change): string | null =>
  change.op !== 'put' ? null : change.entity === 'ticket' ? change.id : 'ticketId' in change.data ? String(change.data.ticketId) : null;

const recordsOfTicket = (state: Map<string, AnyEntity>, ticketId: string): Map<string, AnyEntity> =>
  new Map([...state].filter(([key, record]) => key === `ticket/${ticketId}` || ('ticketId' in record && record.ticketId === ticketId)));

describe.each(DATABASE_KINDS)('live batches on %s', (kind) => {
  let database: TestDatabase;
  let server: TestServer;
  let clock = Date.now();
  const statements: string[] = [];
  const consoles: LiveConsole[] = [];
  const SCOPE = { recentDays: 1, mineDays: 2, openedDays: 1, openedMax: 2 } as const satisfies WorkingSetParams;

  beforeAll(async () => {
    database = await createDatabase(kind);
    server = await startTestServer(database.url, { onQuery: (statement) => statements.push(statement), now: () => clock, syncScope: SCOPE });
    await addTechnicians(server);
  });
  afterEach(async () => {
    for (const console of consoles.splice(0)) await console.close();
  });
  afterAll(async () => {
    await server?.close();
    await database?.drop();
  });

  const open = async (username: string, options: { scoped?: boolean; live?: boolean } = {}): Promise<LiveConsole> => {
    const console = await openLiveConsole({ baseUrl: server.url, username, password: passwordOf(username), ...options });
    consoles.push(console);
    await settle(console, options.scoped === true);
    return console;
  };

  it('brings a change on one console to the others as a pushed batch, without a pull, at a cost that does not grow with them', async () => {
    const sam = await open('sam');
    const receivers = [await open('rita'), await open('uma', { scoped: true }), await open('vic'), await open('tina', { scoped: true })];
    const pullsBefore = receivers.map((console) => console.pulls());
    statements.length = 0;
    const created = makeCreateArgs({ title: 'Printer on floor 3 jams' });
    await sam.mutate('ticket:create', created);
    await sam.engine.syncNow();
    for (const console of receivers) await expect.poll(async () => (await console.db.tickets.get(created.id))?.title, { timeout: 10_000 }).toBe(created.title);
    expect(receivers.map((console) => console.pulls())).toEqual(pullsBefore);
    for (const console of receivers) expect(console.batches.some((batch) => batch.changes.some((change) => change.id === created.id))).toBe(true);
    // The feed was read for the batch once, not once per console: four consoles pulling would read it
    // at least twelve times (three statements a pull), besides the pushing console's own pull.
    const feedReads = statements.filter((statement) => /from "sync_changes"/.test(statement) && /^select/i.test(statement.trim())).length;
    expect(feedReads).toBeLessThan(12);
    const server_ = await pullAll(server.url, sam.token);
    for (const console of [sam, receivers[0], receivers[2]]) if (console !== undefined) expect(await cacheState(console.db)).toEqual(server_);
  });

  it('a console whose mark is behind a batch pulls from its cursor instead, and ends equal to the server', async () => {
    const sam = await open('sam');
    const rita = await open('rita');
    const before = rita.pulls();
    const seen = rita.batches.length;
    rita.dropBatches(1);
    const first = makeCreateArgs({ title: 'Lost batch' });
    await sam.mutate('ticket:create', first);
    await sam.engine.syncNow();
    await expect.poll(() => rita.batches.length, { timeout: 10_000 }).toBeGreaterThan(seen);
    expect(await rita.db.tickets.get(first.id)).toBeUndefined();
    const second = makeCreateArgs({ title: 'Next batch' });
    await sam.mutate('ticket:create', second);
    await sam.engine.syncNow();
    await expect.poll(async () => (await rita.db.tickets.get(first.id))?.title, { timeout: 10_000 }).toBe(first.title);
    await expect.poll(async () => (await rita.db.tickets.get(second.id))?.title, { timeout: 10_000 }).toBe(second.title);
    expect(rita.pulls()).toBeGreaterThan(before);
    await rita.engine.syncNow();
    expect(await cacheState(rita.db)).toEqual(await pullAll(server.url, rita.token));
  });

  it('sends a working-set console nothing of a ticket outside its set, and a ticket coming in arrives whole', async () => {
    const sam = await login(server.url, 'sam', passwordOf('sam'));
    const outside = makeCreateArgs({ title: 'Old and solved' });
    const returning = makeCreateArgs({ title: 'Solved, to come back' });
    const setUp = await push(server.url, sam.token, [
      { name: 'ticket:create', args: outside },
      { name: 'ticket:create', args: returning },
      { name: 'note:add', args: { id: crypto.randomUUID(), ticketId: returning.id, body: 'History the console must get.', visibility: 'internal' } },
      { name: 'ticket:transition', args: { id: outside.id, from: 'new', to: 'resolved', resolution: 'Fixed.' } },
      { name: 'ticket:transition', args: { id: returning.id, from: 'new', to: 'resolved', resolution: 'Fixed.' } },
    ]);
    expect(setUp.results.map((result) => result.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied']);
    // A month on, both are out of tina's set, and out of what a console may still hold (a pull hears
    // of tickets ended up to 30 days before its last pruning): ended long ago, never hers.
    clock += 32 * 86_400_000;
    const tina = await open('tina', { scoped: true });
    expect(await tina.db.tickets.get(outside.id)).toBeUndefined();
    expect(await tina.db.tickets.get(returning.id)).toBeUndefined();
    const seen = tina.batches.length;
    const live = makeCreateArgs({ title: 'New today' });
    const noted = await push(server.url, sam.token, [
      { name: 'note:add', args: { id: crypto.randomUUID(), ticketId: outside.id, body: 'Not for tina.', visibility: 'internal' } },
      { name: 'ticket:create', args: live },
    ]);
    expect(noted.results.map((result) => result.status)).toEqual(['applied', 'applied']);
    await expect.poll(async () => (await tina.db.tickets.get(live.id))?.title, { timeout: 10_000 }).toBe(live.title);
    const batches = () => tina.batches.slice(seen);
    expect(batches().some((batch) => batch.changes.some((change) => change.id === live.id))).toBe(true);
    expect(
      batches()
        .flatMap((batch) => batch.changes)
        .filter((change) => ticketOf(change) === outside.id),
    ).toEqual([]);
    // Reopened, it is live again: its rows come in a batch, and the console pulls to catch it up whole.
    const pullsBefore = tina.pulls();
    const reopened = await push(server.url, sam.token, [{ name: 'ticket:transition', args: { id: returning.id, from: 'resolved', to: 'open' } }]);
    expect(reopened.results.map((result) => result.status)).toEqual(['applied']);
    const wanted = recordsOfTicket(await pullAll(server.url, sam.token), returning.id);
    await expect.poll(async () => recordsOfTicket(await cacheState(tina.db), returning.id), { timeout: 10_000 }).toEqual(wanted);
    expect(batches().some((batch) => batch.changes.some((change) => ticketOf(change) === returning.id))).toBe(true);
    expect(tina.pulls()).toBeGreaterThan(pullsBefore);
    expect(await tina.db.tickets.get(outside.id)).toBeUndefined();
  });

  it('an older console that asks for no batches is poked, pulls, and converges beside the others', async () => {
    const sam = await open('sam');
    const rita = await open('rita');
    const older = await open('vic', { live: false });
    expect(older.connects.every((url) => !url.includes('live='))).toBe(true);
    const pullsBefore = older.pulls();
    const ritaPulls = rita.pulls();
    const created = makeCreateArgs({ title: 'Seen by every console' });
    await sam.mutate('ticket:create', created);
    await sam.engine.syncNow();
    for (const console of [rita, older])
      await expect.poll(async () => (await console.db.tickets.get(created.id))?.title, { timeout: 10_000 }).toBe(created.title);
    expect(older.pulls()).toBeGreaterThan(pullsBefore);
    expect(rita.pulls()).toBe(ritaPulls);
    const wanted = await pullAll(server.url, sam.token);
    expect(await cacheState(older.db)).toEqual(wanted);
    expect(await cacheState(rita.db)).toEqual(wanted);
  });
});

describe('live batches on two PostgreSQL instances', () => {
  let database: TestDatabase;
  let a: TestServer;
  let b: TestServer;
  const consoles: LiveConsole[] = [];

  beforeAll(async () => {
    database = await createPostgresDatabase();
    [a, b] = await Promise.all([startTestServer(database.url), startTestServer(database.url)]);
    await addTechnicians(a);
  });
  afterAll(async () => {
    for (const console of consoles.splice(0)) await console.close();
    await a?.close();
    await b?.close();
    await database?.drop();
  });

  it('brings a change through one instance to consoles on the other as a batch, without a pull', async () => {
    const open = async (server: TestServer, username: string, scoped: boolean) => {
      const console = await openLiveConsole({ baseUrl: server.url, username, password: passwordOf(username), scoped });
      consoles.push(console);
      await settle(console, scoped);
      return console;
    };
    const sam = await open(a, 'sam', false);
    const onB = [await open(b, 'rita', false), await open(b, 'tina', true)];
    const before = onB.map((console) => console.pulls());
    const created = makeCreateArgs({ title: 'Across instances' });
    await sam.mutate('ticket:create', created);
    await sam.engine.syncNow();
    for (const console of onB) await expect.poll(async () => (await console.db.tickets.get(created.id))?.title, { timeout: 10_000 }).toBe(created.title);
    expect(onB.map((console) => console.pulls())).toEqual(before);
    expect(await cacheState(onB[0]?.db ?? sam.db)).toEqual(await pullAll(a.url, sam.token));
  });
});
