import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeCreateArgs, makeTicket } from '../../tests/support/factories';
import { createMemoryLocalDb, type MemoryLocalDb } from './memoryLocalDb';
import type { LocalDb } from './localStore';
import { PROTOCOL_VERSION, type Change, type PullResponse } from './protocol';
import { mutate } from './syncStore';
import { createSyncSteps } from './syncSteps';

const USER = 'user-tina';
const SCOPE = { recentDays: 1, mineDays: 1, openedDays: 1, openedMax: 10 };
const put = (ticket: ReturnType<typeof makeTicket>): Change => ({ entity: 'ticket', id: ticket.id, op: 'put', data: ticket });
const page = (changes: Change[], cursor: string, scoped: Partial<PullResponse> = {}): PullResponse => ({
  protocol: PROTOCOL_VERSION,
  changes,
  cursor,
  hasMore: false,
  ...scoped,
});

const act = (local: LocalDb) => async () => {
  const id = randomUUID();
  const made = await mutate(local, { id, name: 'ticket:create', args: makeCreateArgs(), at: new Date().toISOString(), actorId: USER });
  expect(made).toEqual({ ok: true, value: { queued: true } });
  return id;
};

const ticketIds = (local: MemoryLocalDb): string[] => local.records('ticket').map((ticket) => ticket.id);

describe("the sync engine's steps over a local database", () => {
  it('push: hands out one client id, the pending entries in order, and the next batch with the outcomes kept', async () => {
    const local = createMemoryLocalDb();
    const steps = createSyncSteps(local, randomUUID);
    const make = act(local);
    const ids = [await make(), await make(), await make()];

    const racing = await Promise.all([steps.nextPushBatch({ limit: 2 }), steps.nextPushBatch({ limit: 2 })]);
    expect(new Set(racing.map((batch) => batch.clientId)).size).toBe(1);
    const first = racing[0];
    expect(first?.entries.map((entry) => entry.id)).toEqual(ids.slice(0, 2));

    const settled = await steps.settlePush({ outcomes: [{ id: ids[0] ?? '', kind: 'acked' }], now: new Date().toISOString(), limit: 2 });
    // The acked entry is no longer sent; the next batch starts with what still waits.
    expect(settled).toEqual({ next: (await steps.nextPushBatch({ limit: 2 })).entries, pending: 2 });
    expect(settled.next.map((entry) => entry.id)).toEqual(ids.slice(1, 3));
    expect(await steps.pendingCount()).toBe(2);
    expect((await steps.beginPull()).acked).toEqual([ids[0]]);
    expect((await steps.nextPushBatch({ limit: 2 })).clientId).toBe(first?.clientId);
  });

  it('pull: a scoped page that brings a ticket to catch up on applies nothing and names it; given caught up, it applies', async () => {
    const local = createMemoryLocalDb();
    const steps = createSyncSteps(local, randomUUID);
    const held = makeTicket();
    expect(await steps.applyPull({ page: page([put(held)], 'c1'), reset: false, scopeUserId: USER })).toEqual({ applied: true });

    // Created long before the page's working set: the console missed its earlier records.
    const returning = makeTicket({ createdAt: '2025-01-01T09:00:00.000Z' });
    const scoped = page([put(returning)], 'c2', { scopeAt: '2026-03-10T00:00:00.000Z' });
    expect(await steps.applyPull({ page: scoped, reset: false, scopeUserId: USER })).toEqual({ applied: false, catchUp: [returning.id] });
    expect(await steps.beginPull()).toMatchObject({ cursor: 'c1', heldSince: null });
    expect(ticketIds(local)).toEqual([held.id]);

    expect(await steps.applyPull({ page: scoped, reset: false, scopeUserId: USER, caughtUp: [returning.id] })).toEqual({ applied: true });
    expect(await steps.beginPull()).toMatchObject({ cursor: 'c2', heldSince: '2026-03-10T00:00:00.000Z' });
    expect(ticketIds(local).sort()).toEqual([held.id, returning.id].sort());
    // Unscoped, the same kind of page is never checked.
    const other = makeTicket({ createdAt: '2025-01-01T09:00:00.000Z' });
    expect(await steps.applyPull({ page: page([put(other)], 'c3', { scopeAt: '2026-03-10T00:00:00.000Z' }), reset: false })).toEqual({ applied: true });
  });

  it('finish: settles the acked entries, keeps the time, prunes when asked and counts what waits, all in one transaction', async () => {
    const local = createMemoryLocalDb();
    const steps = createSyncSteps(local, randomUUID);
    const make = act(local);
    const [sent, waiting] = [await make(), await make()];
    await steps.settlePush({ outcomes: [{ id: sent, kind: 'acked' }], now: new Date().toISOString(), limit: 10 });
    // Ended long before the working set's time, nobody's: it left the set.
    const ended = makeTicket({ status: 'closed', closedAt: '2026-03-01T09:00:00.000Z', resolvedAt: '2026-03-01T09:00:00.000Z' });
    const live = makeTicket();
    await steps.applyPull({ page: page([put(ended), put(live)], 'c1', { scopeAt: '2026-03-10T00:00:00.000Z', snapshot: true, scope: SCOPE }), reset: true });

    // Pruning, the step's last part, fails: the settling before it is undone too.
    const failing: LocalDb = {
      read: (work) => local.read(work),
      transaction: (work) =>
        local.transaction((tx) =>
          work({
            ...tx,
            allTickets: async () => {
              throw new Error('disk full');
            },
          }),
        ),
    };
    await expect(createSyncSteps(failing, randomUUID).finishSync({ acked: [sent], syncedAt: '2026-03-10T00:01:00.000Z', pruneFor: USER })).rejects.toThrow(
      'disk full',
    );
    expect(await steps.lastSyncedAt()).toBeNull();
    expect((await steps.beginPull()).acked).toEqual([sent]);

    expect(await steps.finishSync({ acked: [sent], syncedAt: '2026-03-10T00:01:00.000Z', pruneFor: USER })).toEqual({ pending: 1, pruned: 1 });
    expect(await steps.lastSyncedAt()).toBe('2026-03-10T00:01:00.000Z');
    expect((await steps.beginPull()).acked).toEqual([]);
    expect((await steps.nextPushBatch({ limit: 10 })).entries.map((entry) => entry.id)).toEqual([waiting]);
    expect(ticketIds(local)).not.toContain(ended.id);
    expect(ticketIds(local)).toContain(live.id);

    // Without `pruneFor` nothing is dropped.
    await steps.applyPull({ page: page([put(ended)], 'c2', { scopeAt: '2026-03-10T00:00:00.000Z' }), reset: false, caughtUp: [ended.id] });
    expect(await steps.finishSync({ acked: [], syncedAt: '2026-03-10T00:02:00.000Z' })).toEqual({ pending: 1, pruned: 0 });
    expect(ticketIds(local)).toContain(ended.id);
  });
});
