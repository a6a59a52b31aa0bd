import { describe, expect, it } from 'vitest';
import type { Ticket } from '../../shared/domain/ticket';
import { makeTicket } from '../../tests/support/factories';
import { EMPTY_FILTER } from './queueFilter';
import { toQueueEntry } from './queueEntry';
import { createQueueIndex } from './queueIndex';
import { answerQueue, countMatches, makeAssigneeKey, queryQueue } from './queueQuery';
import { SORT_COLUMNS, type QueueSort } from './queueSort';

const context = { meId: 'me', nowMs: Date.parse('2026-03-02T10:00:00.000Z') };
const names = new Map([
  ['u1', 'Zed'],
  ['u2', 'amy'],
]);
const assigneeKey = makeAssigneeKey((id) => names.get(id));

const ticketAt = (i: number, overrides: Partial<Ticket> = {}) =>
  makeTicket({
    code: `AAAA-${String(i).padStart(4, '0')}`,
    number: i % 7 === 0 ? null : i,
    title: `Title ${(i * 37) % 101}`,
    priority: (['low', 'normal', 'high', 'urgent'] as const)[i % 4],
    assigneeId: [null, 'u1', 'u2'][i % 3] ?? null,
    updatedAt: new Date(Date.parse('2026-03-01T00:00:00.000Z') + ((i * 7919) % 1000) * 60_000).toISOString(),
    ...overrides,
  });

const query = (index: ReturnType<typeof createQueueIndex>, sort: QueueSort) =>
  queryQueue(index, EMPTY_FILTER, sort, context, assigneeKey).map((entry) => entry.id);

/** The same rows sorted from scratch: what the patched cached orders must equal. */
const fresh = (tickets: Ticket[], sort: QueueSort) => {
  const index = createQueueIndex();
  index.upsert(tickets.map(toQueueEntry));
  return query(index, sort);
};

describe('queue index', () => {
  it('sorts by every column both ways, ties broken by code', () => {
    const index = createQueueIndex();
    const tickets = Array.from({ length: 60 }, (_, i) => ticketAt(i));
    index.upsert(tickets.map(toQueueEntry));
    const byPriority = queryQueue(index, EMPTY_FILTER, { column: 'priority', direction: 'descending' }, context, assigneeKey);
    expect(byPriority[0]?.priority).toBe('urgent');
    expect(byPriority.at(-1)?.priority).toBe('low');
    const byNumber = queryQueue(index, EMPTY_FILTER, { column: 'number', direction: 'ascending' }, context, assigneeKey);
    expect(byNumber[0]?.number).toBe(1);
    expect(byNumber.at(-1)?.number).toBeNull();
    const byAssignee = queryQueue(index, EMPTY_FILTER, { column: 'assignee', direction: 'ascending' }, context, assigneeKey);
    expect(byAssignee[0]?.assigneeId).toBe('u2');
    expect(byAssignee.at(-1)?.assigneeId).toBeNull();
  });

  it('keeps every cached order equal to a fresh sort through upserts and removals', () => {
    const index = createQueueIndex();
    const tickets = new Map(Array.from({ length: 200 }, (_, i) => ticketAt(i)).map((ticket) => [ticket.id, ticket]));
    index.upsert([...tickets.values()].map(toQueueEntry));
    const sorts = SORT_COLUMNS.map((column): QueueSort => ({ column, direction: 'ascending' }));
    sorts.forEach((sort) => query(index, sort));
    const versionBefore = index.version();

    const changed = [...tickets.values()]
      .slice(10, 15)
      .map((ticket, i) => ({ ...ticket, title: `Changed ${i}`, priority: 'urgent' as const, updatedAt: '2026-03-05T00:00:00.000Z' }));
    const added = [ticketAt(500), ticketAt(501)];
    [...changed, ...added].forEach((ticket) => tickets.set(ticket.id, ticket));
    index.upsert([...changed, ...added].map(toQueueEntry));
    const removed = [...tickets.keys()].slice(0, 3);
    removed.forEach((id) => tickets.delete(id));
    index.remove(removed);

    expect(index.version()).toBeGreaterThan(versionBefore);
    expect(index.size()).toBe(tickets.size);
    for (const sort of sorts) expect(query(index, sort)).toEqual(fresh([...tickets.values()], sort));
  });

  it('counts several filters in one pass', () => {
    const index = createQueueIndex();
    index.upsert(Array.from({ length: 30 }, (_, i) => toQueueEntry(ticketAt(i))));
    expect(countMatches(index, [EMPTY_FILTER, { ...EMPTY_FILTER, assignees: ['unassigned'] }, { ...EMPTY_FILTER, priorities: ['urgent'] }], context)).toEqual([
      30, 10, 7,
    ]);
  });
});

describe('typing on', () => {
  it('narrows the last answer and gives what a full query gives', () => {
    const index = createQueueIndex();
    index.upsert(Array.from({ length: 120 }, (_, i) => toQueueEntry(ticketAt(i))));
    const sort: QueueSort = { column: 'title', direction: 'descending' };
    let answer = answerQueue(null, index, { ...EMPTY_FILTER, search: 'title 1' }, sort, context, assigneeKey);
    for (const search of ['title 1', 'title 12', 'title 1', 'title 9']) {
      const filter = { ...EMPTY_FILTER, search };
      answer = answerQueue(answer, index, filter, sort, context, assigneeKey);
      expect(answer.rows.map((entry) => entry.id)).toEqual(queryQueue(index, filter, sort, context, assigneeKey).map((entry) => entry.id));
    }
  });
});

it('counts the tags of its entries, most used first, through replacements and removals', () => {
  const index = createQueueIndex();
  const a = ticketAt(1, { id: 'a', tags: ['vpn', 'laptop'] });
  const b = ticketAt(2, { id: 'b', tags: ['vpn'] });
  const c = ticketAt(3, { id: 'c' });
  index.upsert([a, b, c].map(toQueueEntry));
  expect(index.tagCounts()).toEqual([
    { tag: 'vpn', count: 2 },
    { tag: 'laptop', count: 1 },
  ]);
  index.upsert([toQueueEntry({ ...a, tags: ['printer'] })]);
  index.remove(['b']);
  expect(index.tagCounts()).toEqual([{ tag: 'printer', count: 1 }]);
  expect(
    queryQueue(index, { ...EMPTY_FILTER, tags: ['printer'] }, { column: 'code', direction: 'ascending' }, context, assigneeKey).map((entry) => entry.id),
  ).toEqual(['a']);
});
