import { describe, expect, it } from 'vitest';
import { makeTicket } from '../../tests/support/factories';
import { EMPTY_FILTER, type QueueFilter } from './queueFilter';
import { toQueueEntry } from './queueEntry';
import { createQueueIndex } from './queueIndex';
import { countViews, followCounts } from './viewCounts';

const context = { meId: 'me', nowMs: Date.parse('2026-03-02T10:00:00.000Z') };
const filters: QueueFilter[] = [
  EMPTY_FILTER,
  { ...EMPTY_FILTER, statuses: ['open'] },
  { ...EMPTY_FILTER, assignees: ['me'] },
  { ...EMPTY_FILTER, search: 'printer' },
];
const ticket = (i: number, overrides: Parameters<typeof makeTicket>[0] = {}) =>
  makeTicket({
    id: `t${i}`,
    code: `AAAA-${i}`,
    status: i % 2 === 0 ? 'open' : 'new',
    assigneeId: i % 3 === 0 ? 'me' : null,
    title: i % 4 === 0 ? 'Printer jam' : 'VPN',
    ...overrides,
  });

describe('view counts', () => {
  it('follow edits, additions and removals to what a recount gives', () => {
    const index = createQueueIndex();
    index.upsert(Array.from({ length: 20 }, (_, i) => toQueueEntry(ticket(i))));
    const counted = countViews(index, filters, context);
    index.upsert([toQueueEntry(ticket(1, { status: 'open', assigneeId: 'me', title: 'printer again' }))]);
    index.upsert([toQueueEntry(ticket(30)), toQueueEntry(ticket(31))]);
    index.remove(['t4', 'missing']);
    index.upsert([toQueueEntry(ticket(30, { status: 'closed' }))]);
    expect(followCounts(counted, index, filters, context)?.counts).toEqual(countViews(index, filters, context).counts);
  });

  it('are the same object while nothing changed', () => {
    const index = createQueueIndex();
    index.upsert([toQueueEntry(ticket(1))]);
    const counted = countViews(index, filters, context);
    expect(followCounts(counted, index, filters, context)).toBe(counted);
  });

  it('are counted again for other views, another clock or after a large change', () => {
    const index = createQueueIndex();
    index.upsert([toQueueEntry(ticket(1))]);
    const counted = countViews(index, filters, context);
    expect(followCounts(counted, index, [...filters], context)).toBeNull();
    expect(followCounts(counted, index, filters, { ...context, nowMs: context.nowMs + 1 })).toBeNull();
    index.upsert(Array.from({ length: 100 }, (_, i) => toQueueEntry(ticket(100 + i))));
    expect(followCounts(counted, index, filters, context)).toBeNull();
  });
});
