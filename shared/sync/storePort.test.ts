import { randomUUID } from 'node:crypto';
import type { MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { makeCreateArgs, makeTicket } from '../../tests/support/factories';
import { createMemoryLocalDb } from './memoryLocalDb';
import { PROTOCOL_VERSION, type PullResponse } from './protocol';
import { createPortSyncStore, serveSyncStore, type PortEvent, type PortLike } from './storePort';
import { createSyncStore, mutate, type SyncStore } from './syncStore';

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

const setUp = (wrap: (store: SyncStore) => SyncStore = (store) => store) => {
  const local = createMemoryLocalDb();
  const inner = createSyncStore(local, randomUUID);
  const { served, caller } = channel();
  const stopServing = serveSyncStore(served, wrap(inner));
  const store = createPortSyncStore(caller);
  return { local, inner, store, caller, stopServing };
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

describe('a SyncStore over a message port', () => {
  it('carries every call of the store and its answer', async () => {
    const { local, inner, store } = setUp();
    expect(await store.clientId()).toBe(await inner.clientId());
    expect(await store.cursor()).toBeNull();

    const { page, ticketId } = pageWith('c-1');
    await store.applyPullPage(page, { reset: false });
    expect(await store.cursor()).toBe('c-1');
    expect(local.records('ticket').map((ticket) => ticket.id)).toEqual([ticketId]);

    const mutationId = randomUUID();
    const made = await mutate(local, { id: mutationId, name: 'ticket:create', args: makeCreateArgs(), at: new Date().toISOString(), actorId: 'tech-1' });
    expect(made.ok).toBe(true);
    expect(await store.pendingCount()).toBe(1);
    const pending = await store.pending(10);
    expect(pending).toEqual(await inner.pending(10));
    expect(pending.map((entry) => entry.id)).toEqual([mutationId]);

    await store.applyPushOutcomes([{ id: mutationId, kind: 'acked' }], new Date().toISOString());
    expect(await store.pendingCount()).toBe(0);
    expect(await store.ackedIds()).toEqual([mutationId]);
    const syncedAt = new Date().toISOString();
    await store.settle([mutationId], syncedAt);
    expect(await store.ackedIds()).toEqual([]);
    expect(await inner.ackedIds()).toEqual([]);
    expect(await store.lastSyncedAt()).toBe(syncedAt);

    // A reset page replaces the cache: the first ticket is gone, the new one is there.
    const second = pageWith('c-2');
    await store.applyPullPage(second.page, { reset: true });
    expect(local.records('ticket').map((ticket) => ticket.id)).toEqual([second.ticketId]);
  });

  it('runs concurrent calls and matches each answer to its call', async () => {
    const { store } = setUp();
    const { page } = pageWith('c-9');
    const [clientId, , cursor, count] = await Promise.all([
      store.clientId(),
      store.applyPullPage(page, { reset: false }),
      store.cursor(),
      store.pendingCount(),
    ]);
    expect(typeof clientId).toBe('string');
    expect(cursor).toBe('c-9');
    expect(count).toBe(0);
  });

  it("rejects with the store's own message when the store fails", async () => {
    const { store } = setUp((inner) => ({
      ...inner,
      cursor: async () => {
        throw new Error('disk full');
      },
      ackedIds: () => Promise.reject(new Error('quota exceeded')),
    }));
    await expect(store.cursor()).rejects.toThrow('The local store failed (cursor): disk full');
    await expect(store.ackedIds()).rejects.toThrow('quota exceeded');
    // The port still works after a failure.
    expect(await store.pendingCount()).toBe(0);
  });

  it('ignores requests that are not SyncStore calls', async () => {
    const { caller } = setUp();
    const answers: unknown[] = [];
    caller.addEventListener('message', (event: PortEvent) => answers.push(event.data));
    caller.start();
    for (const junk of [
      'hello',
      null,
      42,
      { id: 'x', op: 'cursor', args: [] },
      { id: 1, op: 'drop', args: [] },
      { id: 2, op: 'toString', args: [] },
      { id: 3, op: 'constructor', args: [] },
      { id: 4, op: 'cursor', args: 'no' },
      { id: 5, op: 'cursor' },
    ]) {
      caller.postMessage(junk);
    }
    caller.postMessage({ id: 6, op: 'cursor', args: [] });
    await expect.poll(() => answers.length).toBeGreaterThan(0);
    // A second real call answered after the first proves nothing else was still on its way.
    caller.postMessage({ id: 7, op: 'pendingCount', args: [] });
    await expect.poll(() => answers.length).toBeGreaterThan(1);
    expect(answers).toEqual([
      { id: 6, ok: true, value: null },
      { id: 7, ok: true, value: 0 },
    ]);
  });

  it('ignores answers that match no call or are malformed', async () => {
    const { served, caller } = channel();
    const requests = manualEnd(served);
    const store = createPortSyncStore(caller);
    const cursor = store.cursor();
    await expect.poll(() => requests.length).toBe(1);
    const request = requests[0] as { id: number; op: string; args: unknown[] };
    expect(request).toEqual({ id: request.id, op: 'cursor', args: [] });
    served.postMessage({ id: request.id, ok: 'maybe', value: 'no' });
    served.postMessage({ id: request.id + 100, ok: true, value: 'someone else' });
    served.postMessage({ id: request.id, ok: false, error: 'no message object' });
    served.postMessage('junk');
    served.postMessage({ id: request.id, ok: true, value: 'c-7' });
    expect(await cursor).toBe('c-7');
  });

  it('rejects a call that gets no answer in time', async () => {
    const { served, caller } = channel();
    manualEnd(served);
    const store = createPortSyncStore(caller, { timeoutMs: 20 });
    await expect(store.pending(5)).rejects.toThrow('The local store did not answer pending within 20 ms.');
  });

  it('rejects pending and later calls once closed', async () => {
    const { served, caller } = channel();
    const requests = manualEnd(served);
    const store = createPortSyncStore(caller);
    const cursor = store.cursor();
    await expect.poll(() => requests.length).toBe(1);
    store.close();
    await expect(cursor).rejects.toThrow('The local store connection was closed.');
    await expect(store.pendingCount()).rejects.toThrow('its port is closed');
  });

  it('rejects pending calls when the serving end stops', async () => {
    const { store, stopServing } = setUp((inner) => ({
      ...inner,
      // Never answers: the call is still waiting when the renderer goes away.
      settle: () => new Promise<void>(() => undefined),
    }));
    const settling = store.settle(['m1'], new Date().toISOString());
    stopServing();
    await expect(settling).rejects.toThrow('The local store went away: its port closed.');
  });
});
