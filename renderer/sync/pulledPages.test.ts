import { describe, expect, it } from 'vitest';
import { createMemoryLocalDb } from '../../shared/sync/memoryLocalDb';
import type { PullResponse } from '../../shared/sync/protocol';
import { createSyncStore } from '../../shared/sync/syncStore';
import { makeTicket } from '../../tests/support/factories';
import { trackPulledPages, type PulledPage } from './pulledPages';

const page = (cursor: string): PullResponse => {
  const ticket = makeTicket();
  return { protocol: 1, cursor, hasMore: false, changes: [{ entity: 'ticket', id: ticket.id, op: 'put', data: ticket }] };
};

describe('pulled pages', () => {
  it('tells each page once the store has it, from scratch when reset or while the engine pulls the whole feed; a failing listener fails nothing', async () => {
    const local = createMemoryLocalDb();
    let isFromScratch = false;
    const { store, pulled } = trackPulledPages(
      createSyncStore(local, () => 'client'),
      () => isFromScratch,
    );
    const told: Array<PulledPage & { cursorStored: string | null }> = [];
    pulled.subscribe(() => {
      throw new Error('a broken listener');
    });
    const stop = pulled.subscribe((pulledPage) => void store.cursor().then((cursorStored) => told.push({ ...pulledPage, cursorStored })));

    await store.applyPullPage(page('c1'), { reset: false });
    await store.applyPullPage(page('c2'), { reset: true });
    isFromScratch = true;
    await store.applyPullPage(page('c3'), { reset: false });
    await expect.poll(() => told.length).toBe(3);
    expect(told.map(({ page: { cursor }, fromScratch, cursorStored }) => [cursor, fromScratch, cursorStored])).toEqual([
      ['c1', false, 'c1'],
      ['c2', true, 'c2'],
      ['c3', true, 'c3'],
    ]);

    stop();
    await store.applyPullPage(page('c4'), { reset: false });
    expect(await store.cursor()).toBe('c4');
    expect(told).toHaveLength(3);
  });
});
