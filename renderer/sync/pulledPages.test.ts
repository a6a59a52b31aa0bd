import { describe, expect, it } from 'vitest';
import { createMemoryLocalDb } from '../../shared/sync/memoryLocalDb';
import type { PullResponse } from '../../shared/sync/protocol';
import { createSyncSteps } from '../../shared/sync/syncSteps';
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
    const { steps, pulled } = trackPulledPages(
      createSyncSteps(local, () => 'client'),
      () => isFromScratch,
    );
    const told: Array<PulledPage & { cursorStored: string | null }> = [];
    pulled.subscribe(() => {
      throw new Error('a broken listener');
    });
    const stop = pulled.subscribe((pulledPage) => void steps.beginPull().then(({ cursor: cursorStored }) => told.push({ ...pulledPage, cursorStored })));

    await steps.applyPull({ page: page('c1'), reset: false });
    await steps.applyPull({ page: page('c2'), reset: true });
    isFromScratch = true;
    await steps.applyPull({ page: page('c3'), reset: false });
    await expect.poll(() => told.length).toBe(3);
    expect(told.map(({ page: { cursor }, fromScratch, cursorStored }) => [cursor, fromScratch, cursorStored])).toEqual([
      ['c1', false, 'c1'],
      ['c2', true, 'c2'],
      ['c3', true, 'c3'],
    ]);

    stop();
    await steps.applyPull({ page: page('c4'), reset: false });
    expect((await steps.beginPull()).cursor).toBe('c4');
    expect(told).toHaveLength(3);
  });

  it('tells a page that waits for its catch-up once, when it applies caught up', async () => {
    const { steps, pulled } = trackPulledPages(
      createSyncSteps(createMemoryLocalDb(), () => 'client'),
      () => false,
    );
    const told: PulledPage[] = [];
    pulled.subscribe((pulledPage) => told.push(pulledPage));
    // Created long before the page's working set and not held: its earlier records were held back.
    const returning = makeTicket({ createdAt: '2025-01-01T09:00:00.000Z' });
    const scoped: PullResponse = {
      ...page('c1'),
      changes: [{ entity: 'ticket', id: returning.id, op: 'put', data: returning }],
      scopeAt: '2026-03-10T00:00:00.000Z',
    };
    expect(await steps.applyPull({ page: scoped, reset: false, scopeUserId: 'user-tina' })).toEqual({ applied: false, catchUp: [returning.id] });
    expect(told).toEqual([]);
    expect(await steps.applyPull({ page: scoped, reset: false, caughtUp: [returning.id] })).toEqual({ applied: true });
    expect(told).toEqual([{ page: scoped, fromScratch: false }]);
  });
});
