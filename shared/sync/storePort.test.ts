import { randomUUID } from 'node:crypto';
import type { MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCreateArgs, makeTicket } from '../../tests/support/factories';
import { createMemoryLocalDb } from './memoryLocalDb';
import { PROTOCOL_VERSION, type PullResponse } from './protocol';
import { createPortSyncSteps, serveSyncSteps, type PortEvent, type PortLike } from './storePort';
import { mutate } from './syncStore';
import { createSyncSteps, type SyncSteps } from './syncSteps';

const opened: PortLike[] = [];

/** A real Node MessageChannel; ports left open would keep the test process alive. */
const channel = (): { served: MessagePort; caller: MessagePort } => {
  const { port1, port2 } = new MessageChannel();
  opened.push(port1, port2);
  return { served: port1, caller: port2 };
};

afterEach(() => {
  opened.splice(0).forEach((port) => port.close());
});

const setUp = (wrap: (steps: SyncSteps) => SyncSteps = (steps) => steps) => {
  const local = createMemoryLocalDb();
  const inner = createSyncSteps(local, randomUUID);
  const { served, caller } = channel();
  const stopServing = serveSyncSteps(served, wrap(inner));
  const steps = createPortSyncSteps(caller);
  return { local, inner, steps, caller, stopServing };
};

/** Requests seen on the served end, answered by the test itself. */
const manualEnd = (port: MessagePort) => {
  const requests: unknown[] = [];
  port.addEventListener('message', (event: PortEvent) => requests.push(event.data));
  port.start();
  return requests;
};

const pageWith = (cursor: string): { page: PullResponse; ticketId: string } => {
  const ticket = makeTicket();
  return {
    page: { protocol: PROTOCOL_VERSION, changes: [{ entity: 'ticket', id: ticket.id, op: 'put', data: ticket }], cursor, hasMore: false, remaining: 0 },
    ticketId: ticket.id,
  };
};

describe("the sync engine's steps over a message port", () => {
  it('carries every step and its answer', async () => {
    const { local, inner, steps } = setUp();
    const { clientId } = await steps.nextPushBatch({ limit: 10 });
    expect((await inner.nextPushBatch({ limit: 10 })).clientId).toBe(clientId);
    expect(await steps.beginPull()).toEqual({ cursor: null, acked: [], heldSince: null });

    const { page, ticketId } = pageWith('c-1');
    expect(await steps.applyPull({ page, reset: false })).toEqual({ applied: true });
    expect((await steps.beginPull()).cursor).toBe('c-1');
    expect(local.records('ticket').map((ticket) => ticket.id)).toEqual([ticketId]);

    const mutationId = randomUUID();
    const made = await mutate(local, { id: mutationId, name: 'ticket:create', args: makeCreateArgs(), at: new Date().toISOString(), actorId: 'tech-1' });
    expect(made.ok).toBe(true);
    expect(await steps.pendingCount()).toBe(1);
    const batch = await steps.nextPushBatch({ limit: 10 });
    expect(batch).toEqual(await inner.nextPushBatch({ limit: 10 }));
    expect(batch.entries.map((entry) => entry.id)).toEqual([mutationId]);

    expect(await steps.settlePush({ outcomes: [{ id: mutationId, kind: 'acked' }], now: new Date().toISOString(), limit: 10 })).toEqual({
      next: [],
      pending: 0,
    });
    expect((await steps.beginPull()).acked).toEqual([mutationId]);
    const syncedAt = new Date().toISOString();
    expect(await steps.finishSync({ acked: [mutationId], syncedAt })).toEqual({ pending: 0, pruned: 0 });
    expect((await inner.beginPull()).acked).toEqual([]);
    expect(await steps.lastSyncedAt()).toBe(syncedAt);

    // A reset page replaces the cache: the first ticket is gone, the new one is there.
    const second = pageWith('c-2');
    await steps.applyPull({ page: second.page, reset: true });
    expect(local.records('ticket').map((ticket) => ticket.id)).toEqual([second.ticketId]);
  });

  it('carries a scoped page that waits for its catch-up: nothing applies until it comes back caught up', async () => {
    const { local, steps } = setUp();
    // Created long before the page's working set and not held: its earlier records were held back.
    const returning = makeTicket({ createdAt: '2025-01-01T09:00:00.000Z' });
    const page: PullResponse = {
      protocol: PROTOCOL_VERSION,
      changes: [{ entity: 'ticket', id: returning.id, op: 'put', data: returning }],
      cursor: 'c-scoped',
      hasMore: false,
      scopeAt: '2026-03-10T00:00:00.000Z',
    };
    expect(await steps.applyPull({ page, reset: false, scopeUserId: 'tech-1' })).toEqual({ applied: false, catchUp: [returning.id] });
    expect(local.records('ticket')).toEqual([]);
    expect(await steps.applyPull({ page, reset: false, scopeUserId: 'tech-1', caughtUp: [returning.id] })).toEqual({ applied: true });
    expect(local.records('ticket')).toEqual([returning]);
    expect(await steps.beginPull()).toEqual({ cursor: 'c-scoped', acked: [], heldSince: '2026-03-10T00:00:00.000Z' });
  });

  it('runs concurrent calls and matches each answer to its call', async () => {
    const { steps } = setUp();
    const { page } = pageWith('c-9');
    const [batch, , start, count] = await Promise.all([
      steps.nextPushBatch({ limit: 5 }),
      steps.applyPull({ page, reset: false }),
      steps.beginPull(),
      steps.pendingCount(),
    ]);
    expect(typeof batch.clientId).toBe('string');
    expect(start.cursor).toBe('c-9');
    expect(count).toBe(0);
  });

  it("rejects with the store's own message when a step fails", async () => {
    const { steps } = setUp((inner) => ({
      ...inner,
      beginPull: async () => {
        throw new Error('disk full');
      },
      finishSync: () => Promise.reject(new Error('quota exceeded')),
    }));
    await expect(steps.beginPull()).rejects.toThrow('The local store failed (beginPull): disk full');
    await expect(steps.finishSync({ acked: [], syncedAt: new Date().toISOString() })).rejects.toThrow('quota exceeded');
    // The port still works after a failure.
    expect(await steps.pendingCount()).toBe(0);
  });

  it('ignores messages that are not step calls, and refuses arguments that do not fit their step', async () => {
    const { caller, local } = setUp();
    const answers: unknown[] = [];
    caller.addEventListener('message', (event: PortEvent) => answers.push(event.data));
    caller.start();
    for (const junk of [
      'hello',
      null,
      42,
      { id: 'x', op: 'beginPull', args: [] },
      { id: 1, op: 'drop', args: [] },
      { id: 2, op: 'toString', args: [] },
      { id: 3, op: 'constructor', args: [] },
      { id: 4.5, op: 'beginPull', args: [] },
      { id: 5, op: 'beginPull' },
    ]) {
      caller.postMessage(junk);
    }
    caller.postMessage({ id: 6, op: 'beginPull', args: [] });
    await expect.poll(() => answers.length).toBeGreaterThan(0);
    const { page } = pageWith('c-bad');
    for (const malformed of [
      { id: 7, op: 'beginPull', args: 'no' },
      { id: 8, op: 'nextPushBatch', args: [{ limit: 0 }] },
      { id: 9, op: 'applyPull', args: [{ page: { ...page, changes: [{ entity: 'planet', id: 'p', op: 'put', data: { id: 'p' } }] }, reset: false }] },
      { id: 10, op: 'applyPull', args: [{ page: { ...page, changes: [{ entity: 'ticket', id: 't', op: 'put', data: null }] }, reset: false }] },
      { id: 11, op: 'settlePush', args: [{ outcomes: [{ id: 'm', kind: 'lost' }], now: 'now', limit: 1 }] },
      { id: 12, op: 'finishSync', args: [{ acked: 'm1', syncedAt: 'now' }] },
    ]) {
      caller.postMessage(malformed);
    }
    // A last real call answered after the others proves nothing else was still on its way.
    caller.postMessage({ id: 13, op: 'pendingCount', args: [] });
    await expect.poll(() => answers.length).toBe(8);
    expect(answers[0]).toEqual({ id: 6, ok: true, value: { cursor: null, acked: [], heldSince: null } });
    expect(answers.slice(1, 7).map((answer) => (answer as { id: number; ok: boolean }).ok)).toEqual([false, false, false, false, false, false]);
    expect(answers.slice(1, 7)).toContainEqual({ id: 9, ok: false, error: { message: expect.stringMatching(/^Malformed arguments for applyPull: /) } });
    expect(answers[7]).toEqual({ id: 13, ok: true, value: 0 });
    // Nothing malformed reached the cache.
    expect(local.records('ticket')).toEqual([]);
  });

  it('ignores answers that match no call or are malformed, and refuses one that does not fit its step', async () => {
    const { served, caller } = channel();
    const requests = manualEnd(served);
    const steps = createPortSyncSteps(caller);
    const start = steps.beginPull();
    await expect.poll(() => requests.length).toBe(1);
    const request = requests[0] as { id: number; op: string; args: unknown[] };
    expect(request).toEqual({ id: request.id, op: 'beginPull', args: [] });
    served.postMessage({ id: request.id, ok: 'maybe', value: 'no' });
    served.postMessage({ id: request.id + 100, ok: true, value: 'someone else' });
    served.postMessage({ id: request.id, ok: false, error: 'no message object' });
    served.postMessage('junk');
    served.postMessage({ id: request.id, ok: true, value: { cursor: 'c-7', acked: [], heldSince: null } });
    expect(await start).toEqual({ cursor: 'c-7', acked: [], heldSince: null });

    const count = steps.pendingCount();
    await expect.poll(() => requests.length).toBe(2);
    const second = requests[1] as { id: number };
    served.postMessage({ id: second.id, ok: true, value: -1 });
    await expect(count).rejects.toThrow("The local store's answer to pendingCount does not fit it");
  });

  it('rejects a call that gets no answer in time', async () => {
    const { served, caller } = channel();
    manualEnd(served);
    const steps = createPortSyncSteps(caller, { timeoutMs: 20 });
    await expect(steps.nextPushBatch({ limit: 5 })).rejects.toThrow('The local store did not answer nextPushBatch within 20 ms.');
  });

  it('rejects pending and later calls once closed', async () => {
    const { served, caller } = channel();
    const requests = manualEnd(served);
    const steps = createPortSyncSteps(caller);
    const start = steps.beginPull();
    await expect.poll(() => requests.length).toBe(1);
    steps.close();
    await expect(start).rejects.toThrow('The local store connection was closed.');
    await expect(steps.pendingCount()).rejects.toThrow('its port is closed');
  });

  it('rejects pending calls when the serving end stops', async () => {
    const { steps, stopServing } = setUp((inner) => ({
      ...inner,
      // Never answers: the call is still waiting when the renderer goes away.
      finishSync: () => new Promise(() => undefined),
    }));
    const finishing = steps.finishSync({ acked: ['m1'], syncedAt: new Date().toISOString() });
    stopServing();
    await expect(finishing).rejects.toThrow('The local store went away: its port closed.');
  });
});
