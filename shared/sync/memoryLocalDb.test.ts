import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeCreateArgs, makeTicket } from '../../tests/support/factories';
import { createMemoryLocalDb } from './memoryLocalDb';
import type { NewOutboxEntry } from './localStore';
import { mutate } from './syncStore';
import { createSyncSteps } from './syncSteps';

const outboxEntry = (id: string): NewOutboxEntry => ({
  id,
  name: 'ticket:create',
  args: { n: id },
  at: '2026-03-02T09:00:00.000Z',
  actorId: 'u1',
  state: 'pending',
  touched: [],
});

describe('createMemoryLocalDb', () => {
  it('keeps what a transaction wrote and hands out copies, not its own records', async () => {
    const db = createMemoryLocalDb();
    const ticket = makeTicket();
    await db.transaction((tx) => tx.putMany('ticket', [ticket]));
    ticket.title = 'changed outside';
    const [read] = await db.transaction((tx) => tx.getMany('ticket', [ticket.id, 'missing']));
    expect(read?.title).toBe('Printer on floor 3 jams');
    if (read !== undefined) read.title = 'changed by a reader';
    expect(db.records('ticket').map((record) => record.title)).toEqual(['Printer on floor 3 jams']);
    expect(await db.transaction((tx) => tx.getMany('ticket', ['missing']))).toEqual([undefined]);
  });

  it('leaves nothing changed when the work throws', async () => {
    const db = createMemoryLocalDb();
    const kept = makeTicket();
    await db.transaction(async (tx) => {
      await tx.putMany('ticket', [kept]);
      await tx.setMeta('cursor', 'c1');
      await tx.addOutbox(outboxEntry('m1'));
    });
    const failing = db.transaction(async (tx) => {
      await tx.putMany('ticket', [makeTicket()]);
      await tx.deleteMany('ticket', [kept.id]);
      await tx.clearBases();
      await tx.putBases([{ key: 'ticket/x', entity: 'ticket', id: 'x', data: null }]);
      await tx.setMeta('cursor', 'c2');
      await tx.addOutbox(outboxEntry('m2'));
      await tx.deleteOutbox([1]);
      await tx.addRejected([{ id: 'r1', name: 'ticket:create', args: {}, at: 'a', error: { code: 'x', message: 'no' }, rejectedAt: 'b' }]);
      throw new Error('disk full');
    });
    await expect(failing).rejects.toThrow('disk full');
    const after = await db.transaction(async (tx) => ({
      tickets: await tx.getMany('ticket', [kept.id]),
      cursor: await tx.getMeta('cursor'),
      outbox: await tx.outbox(),
      bases: await tx.getBases(['ticket/x']),
      rejected: await tx.getRejected('r1'),
    }));
    expect(after.tickets).toEqual([kept]);
    expect(after.cursor).toBe('c1');
    expect(after.outbox.map((entry) => [entry.seq, entry.id])).toEqual([[1, 'm1']]);
    expect(after.bases).toEqual([undefined]);
    expect(after.rejected).toBeUndefined();
  });

  it('numbers outbox entries in order and never reuses a number, even one a failed transaction took', async () => {
    const db = createMemoryLocalDb();
    await db.transaction(async (tx) => {
      await tx.addOutbox(outboxEntry('a'));
      await tx.addOutbox(outboxEntry('b'));
    });
    await db.transaction(async (tx) => {
      const [first] = await tx.outbox();
      if (first !== undefined) await tx.putOutbox([{ ...first, state: 'acked' }]);
      await tx.deleteOutbox([2]);
    });
    await db.transaction((tx) => tx.addOutbox(outboxEntry('c')));
    const outbox = await db.transaction((tx) => tx.outbox());
    expect(outbox.map((entry) => [entry.seq, entry.id, entry.state])).toEqual([
      [1, 'a', 'acked'],
      [3, 'c', 'pending'],
    ]);
  });

  it('runs transactions one at a time, so read-modify-write never loses an update', async () => {
    const db = createMemoryLocalDb();
    const increment = () =>
      db.transaction(async (tx) => {
        const value = Number((await tx.getMeta('n')) ?? '0');
        await new Promise((resolve) => setImmediate(resolve));
        await tx.setMeta('n', String(value + 1));
      });
    await Promise.all(Array.from({ length: 10 }, increment));
    expect(await db.transaction((tx) => tx.getMeta('n'))).toBe('10');
  });

  it('refuses a call on a transaction that has finished', async () => {
    const db = createMemoryLocalDb();
    const leaked = await db.transaction(async (tx) => tx);
    await expect(leaked.setMeta('late', 'x')).rejects.toThrow('already finished');
  });

  it("carries the sync engine's steps: a queued change shows in the cache and the outbox", async () => {
    const local = createMemoryLocalDb();
    const steps = createSyncSteps(local, randomUUID);
    const args = makeCreateArgs();
    const made = await mutate(local, { id: randomUUID(), name: 'ticket:create', args, at: new Date().toISOString(), actorId: 'tech-1' });
    expect(made.ok).toBe(true);
    expect(await steps.pendingCount()).toBe(1);
    expect(local.records('ticket').map((ticket) => ticket.id)).toEqual([args.id]);
    const { clientId, entries } = await steps.nextPushBatch({ limit: 10 });
    expect(entries.map((entry) => entry.args)).toEqual([args]);
    expect((await steps.nextPushBatch({ limit: 10 })).clientId).toBe(clientId);
  });
});
