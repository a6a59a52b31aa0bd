import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUuid } from '../../shared/platform';
import { PROTOCOL_VERSION, type Change, type PullResponse } from '../../shared/sync/protocol';
import { createPortSyncSteps, type PortLike } from '../../shared/sync/storePort';
import { mutate } from '../../shared/sync/syncStore';
import { makeCreateArgs, makeTicket, makeUser } from '../../tests/support/factories';
import { inProcessCacheWorker } from '../../tests/support/inProcessCacheWorker';
import { openMejaDb, type MejaDb } from '../db/database';
import { createDexieLocalDb } from '../db/localDb';
import type { TicketChange } from '../queue/ticketChanges';
import { createCacheHost } from './cacheHost';

const tech = makeUser({ id: 'user-tech' });
const put = (ticket: ReturnType<typeof makeTicket>): Change => ({ entity: 'ticket', id: ticket.id, op: 'put', data: ticket });
const page = (changes: Change[], cursor: string, hasMore = false): PullResponse => ({ protocol: PROTOCOL_VERSION, changes, cursor, hasMore });

const opened: PortLike[] = [];
let db: MejaDb;
let worker: ReturnType<typeof inProcessCacheWorker>;

beforeEach(async () => {
  // The page's own connection: what the screens read, and where a technician's change is stored.
  db = openMejaDb(`test-${randomUuid()}`);
  await db.open();
  await db.users.put(tech);
  worker = inProcessCacheWorker();
  worker.open(db.name);
});

afterEach(async () => {
  worker.close();
  opened.splice(0).forEach((port) => port.close());
  await db.delete();
});

describe('the cache worker, driven by the page’s engine', () => {
  it('writes pulled pages into the cache the page reads, and tells the page what each commit wrote before the step answers', async () => {
    const ticket = makeTicket({ title: 'Scanner offline' });
    const heard: TicketChange[] = [];
    worker.onCommitted((change) => heard.push(change));

    const applied = worker.steps.applyPull({ page: page([put(ticket)], 'c-1'), reset: false });
    expect(heard).toEqual([]);
    expect(await applied).toEqual({ applied: true });
    // Heard by the time the answer arrived: the queue patches before the engine's next step.
    expect(heard).toHaveLength(1);
    const [change] = heard;
    expect(change?.kind).toBe('some');
    if (change?.kind === 'some') expect(change.written.get(ticket.id)).toEqual(ticket);

    expect(await db.tickets.get(ticket.id)).toEqual(ticket);
    expect((await worker.steps.beginPull()).cursor).toBe('c-1');
  });

  it('keeps the page’s unsent change through a pull from scratch, sends it, and settles it', async () => {
    const args = makeCreateArgs({ title: 'Laptop will not boot' });
    // Stored by the page, as a technician's change is: the worker's steps see the same outbox.
    expect(await mutate(createDexieLocalDb(db), { id: randomUuid(), name: 'ticket:create', args, at: new Date().toISOString(), actorId: tech.id })).toEqual({
      ok: true,
      value: { queued: true },
    });
    const other = makeTicket();
    expect(await worker.steps.applyPull({ page: page([put(other)], 'c-1'), reset: true })).toEqual({ applied: true });
    // Reset emptied the view, then replayed the outbox: the unsent ticket is still there.
    expect(await db.tickets.get(args.id)).toMatchObject({ title: 'Laptop will not boot' });
    expect(await db.outbox.count()).toBe(1);

    const batch = await worker.steps.nextPushBatch({ limit: 10 });
    expect(batch.entries.map((entry) => entry.name)).toEqual(['ticket:create']);
    const [entry] = batch.entries;
    if (entry === undefined) throw new Error('no entry to push');
    expect(await worker.steps.settlePush({ outcomes: [{ id: entry.id, kind: 'acked' }], now: new Date().toISOString(), limit: 10 })).toEqual({
      next: [],
      pending: 0,
    });
    // Acked, kept until a complete pull brings its effect.
    expect(await db.outbox.count()).toBe(1);
    const { acked } = await worker.steps.beginPull();
    expect(acked).toEqual([entry.id]);
    expect(await worker.steps.finishSync({ acked, syncedAt: '2026-03-02T10:00:00.000Z' })).toEqual({ pending: 0, pruned: 0 });
    expect(await db.outbox.count()).toBe(0);
    expect(await worker.steps.lastSyncedAt()).toBe('2026-03-02T10:00:00.000Z');
  });

  it('fails every step once closed, instead of leaving the engine waiting', async () => {
    worker.close();
    expect(worker.terminated()).toBe(true);
    await expect(worker.steps.pendingCount()).rejects.toThrow(/closed/);
  });
});

describe('the cache worker, serving the desktop main process', () => {
  const driver = () => {
    const { port1, port2 } = new MessageChannel();
    opened.push(port1, port2);
    return { steps: createPortSyncSteps(port1, { timeoutMs: 5_000 }), port: port2 };
  };

  it('serves the steps on the port it is handed, and tells the page the pages of an incremental pull only', async () => {
    const main = driver();
    worker.serve(main.port);
    const told: PullResponse[] = [];
    worker.onPulled((pulled) => told.push(pulled));

    // A first sync: nothing is told.
    expect((await main.steps.beginPull()).cursor).toBeNull();
    const first = makeTicket();
    await main.steps.applyPull({ page: page([put(first)], 'c-1'), reset: false });
    await main.steps.finishSync({ acked: [], syncedAt: '2026-03-02T10:00:00.000Z' });
    expect(await db.tickets.get(first.id)).toEqual(first);

    // A routine pull afterwards: its page is the news the page's listeners want.
    expect((await main.steps.beginPull()).cursor).toBe('c-1');
    const second = makeTicket({ title: 'Monitor flickers' });
    const news = page([put(second)], 'c-2');
    await main.steps.applyPull({ page: news, reset: false });
    await main.steps.finishSync({ acked: [], syncedAt: '2026-03-02T10:05:00.000Z' });
    expect(told.map((pulled) => pulled.cursor)).toEqual(['c-2']);

    // A pull the server sends back to the start (cursor too old) is from scratch again.
    await main.steps.beginPull();
    await main.steps.applyPull({ page: page([put(makeTicket())], 'c-9'), reset: true });
    expect(told).toHaveLength(1);
  });

  it('replaces the served port with a newer one, and stops serving when asked', async () => {
    const before = driver();
    const stopBefore = worker.serve(before.port);
    expect(await before.steps.pendingCount()).toBe(0);
    stopBefore();
    await expect(before.steps.pendingCount()).rejects.toThrow();

    const after = driver();
    worker.serve(after.port);
    expect(await after.steps.pendingCount()).toBe(0);
  });
});

describe('the cache worker’s messages', () => {
  it('ignores what is not its message, and closes a port to serve before a cache is open', async () => {
    const host = createCacheHost();
    const { port1, port2 } = new MessageChannel();
    opened.push(port1, port2);
    host.receive({ type: 'cache:open', name: db.name }, []);
    host.receive({ type: 'cache:drop', name: db.name }, [port2]);
    host.receive({ type: 'cache:serve' }, [port2]);
    const caller = createPortSyncSteps(port1, { timeoutMs: 5_000 });
    await expect(caller.pendingCount()).rejects.toThrow(/closed|went away/);
    host.close();
  });
});
