import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRIORITIES, STATUSES, TIERS, type Ticket } from '../../shared/domain/ticket';
import { makeTicket } from '../../tests/support/factories';
import { compileFilter, EMPTY_FILTER, type QueueFilter } from './queueFilter';
import { toQueueEntry, type QueueEntry } from './queueEntry';
import { createQueueIndex, type QueueIndex } from './queueIndex';
import { answerQueue, countMatches, makeAssigneeKey, queryQueue } from './queueQuery';
import { ascendingCompare, SORT_COLUMNS, type QueueSort } from './queueSort';

/*
 * The index (orders, facet columns, word index, all patched) must answer every query exactly as
 * a plain scan of the current entries does: compileFilter on each, sorted by the comparator.
 */

const NOW = Date.parse('2026-03-02T10:00:00.000Z');
// Escalated by me: a few of the tickets, and one the index never holds.
const escalatedByMe = new Set(['ticket-1', 'ticket-4', 'ticket-7', 'ticket-gone']);
// Who is credited is read from timelines in the console; here a fixed rule of the entry stands in, known for some entries only.
const creditedOf = (entry: QueueEntry): string | null | undefined =>
  entry.status !== 'resolved' && entry.status !== 'closed' ? null : entry.id.endsWith('7') ? undefined : entry.assigneeId;
const context = { meId: 'me', nowMs: NOW, escalatedByMe, creditedOf };
const names = new Map([
  ['me', 'Tina'],
  ['sam', 'Sam'],
  ['rita', 'rita'],
]);
const assigneeKey = makeAssigneeKey((id) => names.get(id));

// Few words, so that random queries hit; punctuation and several kinds of white space, so that
// a query word spanning punctuation, or white space the index splits on, is tried.
const WORDS = ['printer', 'print', 'vpn', 'wi-fi', 'Wi-Fi', 'jams', 'ok.', '#12', 'tag', 'asset', '1234', 'über', 'ÉCRAN', 'a', 'p'];
const SPACES = [' ', '  ', '\t', '\n', '\u00a0'];
const text = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SPACES)), { maxLength: 6 })
  .map((parts) => parts.map(([word, space]) => word + space).join(''));
const time = fc.integer({ min: NOW - 5 * 86_400_000, max: NOW + 86_400_000 }).map((ms) => new Date(ms).toISOString());

const ticket = (id: string) =>
  fc
    .record({
      title: text,
      description: text,
      requester: fc.constantFrom('Ada Lovelace', 'Grace Hopper', 'ÖMER'),
      category: fc.constantFrom('network', 'Network', 'printing', 'email'),
      priority: fc.constantFrom(...PRIORITIES),
      status: fc.constantFrom(...STATUSES),
      tier: fc.constantFrom(...TIERS),
      assigneeId: fc.constantFrom(null, 'me', 'sam', 'rita'),
      createdBy: fc.constantFrom('me', 'sam', 'someone-never-assigned'),
      firstRespondedAt: fc.option(time),
      number: fc.option(fc.integer({ min: 1, max: 40 })),
      createdAt: time,
      updatedAt: time,
      pendingSince: fc.option(time),
      resolvedAt: fc.option(time),
      closedAt: fc.option(time),
      tags: fc.option(fc.subarray(['vpn', 'laptop', 'printer'])),
    })
    .map(({ requester, createdAt, tags, ...rest }): Ticket => ({
      ...makeTicket({ createdAt, ...rest, id, ...(tags === null ? {} : { tags }) }),
      requester: { name: requester, contact: 'ext. 1' },
    }));

const ids = Array.from({ length: 30 }, (_, i) => `ticket-${i}`);
const change = fc.oneof(
  fc.record({ kind: fc.constant('upsert' as const), tickets: fc.array(fc.constantFrom(...ids).chain(ticket), { minLength: 1, maxLength: 14 }) }),
  fc.record({ kind: fc.constant('remove' as const), ids: fc.array(fc.constantFrom(...ids), { minLength: 1, maxLength: 4 }) }),
);

const someOf = <T>(values: readonly T[]) => fc.oneof(fc.constant([] as T[]), fc.subarray([...values], { minLength: 1 }));
const search = fc.oneof(
  fc.constant(''),
  fc
    .array(fc.oneof(fc.constantFrom(...WORDS, 'PRI', 'i-f', 'nt', 'vpn', 'ok', '#1', 'zzz'), fc.string({ maxLength: 3 })), { minLength: 1, maxLength: 3 })
    .map((words) => words.join(' ')),
);
const range = fc
  .tuple(fc.integer({ min: NOW - 6 * 86_400_000, max: NOW + 86_400_000 }), fc.integer({ min: 1, max: 4 * 86_400_000 }))
  .map(([fromMs, length]) => ({ fromMs, toMs: fromMs + length }));
const filter: fc.Arbitrary<QueueFilter> = fc.record({
  statuses: someOf(STATUSES),
  tiers: someOf(TIERS),
  assignees: someOf(['me', 'unassigned', 'sam', 'nobody-has-me']),
  priorities: someOf(PRIORITIES),
  categories: someOf(['network', 'Printing', 'other']),
  sla: someOf(['breached', 'near', 'ok', 'paused', 'met'] as const),
  tags: someOf(['vpn', 'printer', 'nobody-uses-me']),
  doneWithinDays: fc.option(fc.integer({ min: 0, max: 3 })),
  following: fc.boolean(),
  createdIn: fc.option(range),
  resolvedIn: fc.option(range),
  resolvers: someOf(['me', 'sam', 'rita']),
  search,
});
const sort = fc.record({ column: fc.constantFrom(...SORT_COLUMNS), direction: fc.constantFrom('ascending' as const, 'descending' as const) });

const scan = (entries: ReadonlyMap<string, QueueEntry>, query: QueueFilter, order: QueueSort) => {
  const rows = [...entries.values()].filter(compileFilter(query, context)).sort(ascendingCompare(order.column, assigneeKey));
  return (order.direction === 'ascending' ? rows : rows.reverse()).map((entry) => entry.id);
};

type Change = { kind: 'upsert'; tickets: Ticket[] } | { kind: 'remove'; ids: string[] };

const apply = (index: QueueIndex, entries: Map<string, QueueEntry>, step: Change) => {
  if (step.kind === 'upsert') {
    const batch = step.tickets.map(toQueueEntry);
    batch.forEach((entry) => entries.set(entry.id, entry));
    index.upsert(batch);
  } else {
    step.ids.forEach((id) => entries.delete(id));
    index.remove(step.ids);
  }
};

describe('queue index against a plain scan', () => {
  it('answers every query as the scan does, through upserts, replacements and removals', () => {
    fc.assert(
      fc.property(
        fc.array(change, { minLength: 1, maxLength: 12 }),
        fc.array(fc.tuple(filter, sort), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('none', 'warm', 'query'),
        (changes, queries, between) => {
          // A tiny rebuild threshold, so that runs also cross a rebuild of the word index.
          const index = createQueueIndex({ searchMinWaste: 10, warmAfterDropMs: 0 });
          const entries = new Map<string, QueueEntry>();
          for (const step of changes) {
            apply(index, entries, step);
            // Sometimes with every order and the search words ready before the next change, so the
            // patching is what is tested; sometimes with one query shown, as the screen does.
            if (between === 'warm') while (index.warmOne(assigneeKey));
            const [query, order] = queries[0] ?? [EMPTY_FILTER, { column: 'code', direction: 'ascending' } as const];
            if (between === 'query')
              expect(queryQueue(index, query, order, context, assigneeKey).map((entry) => entry.id)).toEqual(scan(entries, query, order));
          }
          expect(index.size()).toBe(entries.size);
          expect(index.categories()).toEqual([...new Set([...entries.values()].map((entry) => entry.category))].sort());
          for (const [query, order] of queries) {
            expect(queryQueue(index, query, order, context, assigneeKey).map((entry) => entry.id)).toEqual(scan(entries, query, order));
          }
          const filters = queries.map(([query]) => query);
          expect(countMatches(index, filters, context)).toEqual(filters.map((query) => [...entries.values()].filter(compileFilter(query, context)).length));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('narrows while typing to what a fresh query gives', () => {
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 6 }), filter, sort, fc.string({ maxLength: 8 }), (changes, base, order, typed) => {
        const index = createQueueIndex();
        const entries = new Map<string, QueueEntry>();
        changes.forEach((step) => apply(index, entries, step));
        let answer = answerQueue(null, index, { ...base, search: '' }, order, context, assigneeKey);
        for (let length = 1; length <= typed.length; length += 1) {
          const query = { ...base, search: typed.slice(0, length) };
          answer = answerQueue(answer, index, query, order, context, assigneeKey);
          expect(answer.rows.map((entry) => entry.id)).toEqual(scan(entries, query, order));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('follows a few changes from its last answer to what a fresh query gives', () => {
    fc.assert(
      fc.property(
        fc.array(change, { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(change, fc.boolean()), { minLength: 1, maxLength: 8 }),
        filter,
        sort,
        fc.boolean(),
        (before, after, query, order, warmFirst) => {
          const index = createQueueIndex({ searchMinWaste: 10, warmAfterDropMs: 0 });
          const entries = new Map<string, QueueEntry>();
          before.forEach((step) => apply(index, entries, step));
          if (warmFirst) while (index.warmOne(assigneeKey));
          let answer = answerQueue(null, index, query, order, context, assigneeKey);
          // Not asked after every change: an answer may follow several versions at once.
          for (const [step, isAsked] of after) {
            apply(index, entries, step);
            if (isAsked) answer = answerQueue(answer, index, query, order, context, assigneeKey);
          }
          answer = answerQueue(answer, index, query, order, context, assigneeKey);
          expect(answer.rows.map((entry) => entry.id)).toEqual(scan(entries, query, order));
          expect(answer.slots.map(index.entryAt)).toEqual(answer.rows);
        },
      ),
      { numRuns: 300 },
    );
  });
});

it('the empty filter keeps everything', () => {
  const index = createQueueIndex();
  index.upsert([toQueueEntry(makeTicket())]);
  expect(index.compile(EMPTY_FILTER, context)).toBeNull();
});
