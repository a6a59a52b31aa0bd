import { describe, expect, it } from 'vitest';
import { slaState } from '../../shared/domain/sla';
import { makeTicket } from '../../tests/support/factories';
import { compileFilter, EMPTY_FILTER, type QueueFilter } from './queueFilter';
import { slaOf, toQueueEntry, type QueueEntry } from './queueEntry';

const now = '2026-03-02T10:00:00.000Z';
const context = { meId: 'me', nowMs: Date.parse(now) };
const codes = (filter: Partial<QueueFilter>, tickets: ReturnType<typeof makeTicket>[]) =>
  tickets
    .map(toQueueEntry)
    .filter(compileFilter({ ...EMPTY_FILTER, ...filter }, context))
    .map((entry) => entry.code);

describe('queue filter', () => {
  const mine = makeTicket({ code: 'AAAA-AAAA', assigneeId: 'me', status: 'open', tier: 1, priority: 'high' });
  const free = makeTicket({ code: 'BBBB-BBBB', assigneeId: null, status: 'new', tier: 2, category: 'Network' });
  const other = makeTicket({ code: 'CCCC-CCCC', assigneeId: 'sam', status: 'pending', title: 'VPN drops', description: 'Drops every hour on Wi-Fi' });
  const all = [mine, free, other];

  it('restricts by each facet, any of the values, all facets together', () => {
    expect(codes({ assignees: ['me'] }, all)).toEqual(['AAAA-AAAA']);
    expect(codes({ assignees: ['unassigned', 'sam'] }, all)).toEqual(['BBBB-BBBB', 'CCCC-CCCC']);
    expect(codes({ statuses: ['new', 'open'], tiers: [2] }, all)).toEqual(['BBBB-BBBB']);
    expect(codes({ priorities: ['high'] }, all)).toEqual(['AAAA-AAAA']);
    expect(codes({ categories: ['network'] }, all)).toEqual(['BBBB-BBBB']);
    expect(codes({}, all)).toHaveLength(3);
  });

  it('searches code, title, description and requester, every word, ignoring case', () => {
    expect(codes({ search: 'vpn' }, all)).toEqual(['CCCC-CCCC']);
    expect(codes({ search: 'WI-FI hour' }, all)).toEqual(['CCCC-CCCC']);
    expect(codes({ search: 'bbbb-bb' }, all)).toEqual(['BBBB-BBBB']);
    expect(codes({ search: 'ada lovelace' }, all)).toHaveLength(3);
    expect(codes({ search: 'vpn printer' }, all)).toEqual([]);
  });

  it('computes the SLA state as the domain rule does', () => {
    const cases = [
      makeTicket({ createdAt: '2026-03-01T08:00:00.000Z' }),
      makeTicket({ createdAt: '2026-03-02T09:00:00.000Z' }),
      makeTicket({ createdAt: '2026-03-01T12:00:00.000Z' }),
      makeTicket({ createdAt: '2026-03-01T12:00:00.000Z', status: 'pending', pendingSince: '2026-03-01T13:00:00.000Z' }),
      makeTicket({ createdAt: '2026-03-01T12:00:00.000Z', status: 'resolved', resolvedAt: '2026-03-01T13:00:00.000Z' }),
    ];
    for (const ticket of cases) expect(slaOf(toQueueEntry(ticket), context.nowMs)).toBe(slaState(ticket, now));
    const [late, early] = cases;
    if (late === undefined || early === undefined) throw new Error('cases missing');
    expect(codes({ sla: ['breached'] }, [{ ...late, code: 'DDDD-DDDD' }, early])).toEqual(['DDDD-DDDD']);
  });

  it('keeps tickets resolved or closed within the last days', () => {
    const recent = makeTicket({ code: 'EEEE-EEEE', status: 'closed', resolvedAt: '2026-02-20T00:00:00.000Z', closedAt: '2026-03-01T00:00:00.000Z' });
    const old = makeTicket({ code: 'FFFF-FFFF', status: 'resolved', resolvedAt: '2026-02-01T00:00:00.000Z' });
    expect(codes({ doneWithinDays: 7 }, [recent, old, mine])).toEqual(['EEEE-EEEE']);
  });

  it('keeps tickets with any of the tags, created in a span, or resolved in one and credited to someone', () => {
    const vpn = makeTicket({ code: 'GGGG-GGGG', tags: ['vpn', 'laptop'], createdAt: '2026-03-01T09:00:00.000Z' });
    const untagged = makeTicket({ code: 'HHHH-HHHH', createdAt: '2026-02-20T09:00:00.000Z' });
    const done = makeTicket({
      code: 'JJJJ-JJJJ',
      status: 'closed',
      assigneeId: 'sam',
      resolvedAt: '2026-03-01T12:00:00.000Z',
      closedAt: '2026-03-02T08:00:00.000Z',
    });
    // Reopened: its resolution was undone, so it is resolved in no span.
    const reopened = makeTicket({ code: 'KKKK-KKKK', status: 'open', resolvedAt: null, reopenCount: 1 });
    const tickets = [vpn, untagged, done, reopened];
    expect(codes({ tags: ['printer', 'vpn'] }, tickets)).toEqual(['GGGG-GGGG']);
    const march = { fromMs: Date.parse('2026-03-01T00:00:00.000Z'), toMs: Date.parse('2026-03-02T00:00:00.000Z') };
    expect(codes({ createdIn: march }, tickets)).toEqual(['GGGG-GGGG']);
    expect(codes({ createdIn: { ...march, toMs: Date.parse('2026-03-01T09:00:00.000Z') } }, tickets)).toEqual([]);
    expect(codes({ resolvedIn: march }, tickets)).toEqual(['JJJJ-JJJJ']);
    // Credited to Tina although Sam holds it now; until the timeline is read, it matches nobody.
    const credited = (entry: QueueEntry) => (entry.code === 'JJJJ-JJJJ' ? 'tina' : null);
    const match = (filter: Partial<QueueFilter>, creditedOf?: (entry: QueueEntry) => string | null | undefined) =>
      tickets
        .map(toQueueEntry)
        .filter(compileFilter({ ...EMPTY_FILTER, ...filter }, { ...context, ...(creditedOf === undefined ? {} : { creditedOf }) }))
        .map((entry) => entry.code);
    expect(match({ resolvedIn: march, resolvers: ['tina'] }, credited)).toEqual(['JJJJ-JJJJ']);
    expect(match({ resolvedIn: march, resolvers: ['sam'] }, credited)).toEqual([]);
    expect(match({ resolvers: ['tina'] }, () => undefined)).toEqual([]);
    expect(match({ resolvers: ['tina'] })).toEqual([]);
  });
});

describe('the Following view', () => {
  const followContext = { ...context, escalatedByMe: new Set(['escalated-by-me']) };
  const following = (tickets: ReturnType<typeof makeTicket>[]) =>
    tickets
      .map(toQueueEntry)
      .filter(compileFilter({ ...EMPTY_FILTER, following: true }, followContext))
      .map((entry) => entry.code);

  it('lists what I created or escalated that is someone else’s or nobody’s, until it is closed', () => {
    const tickets = [
      makeTicket({ code: 'AAAA-AAAA', createdBy: 'me', assigneeId: null }),
      makeTicket({ code: 'BBBB-BBBB', createdBy: 'me', assigneeId: 'me', status: 'open' }),
      makeTicket({ code: 'CCCC-CCCC', id: 'escalated-by-me', createdBy: 'sam', assigneeId: 'rita', status: 'resolved', tier: 2 }),
      makeTicket({ code: 'DDDD-DDDD', createdBy: 'me', assigneeId: 'sam', status: 'closed' }),
      makeTicket({ code: 'EEEE-EEEE', createdBy: 'sam', assigneeId: 'sam', status: 'open' }),
    ];
    expect(following(tickets)).toEqual(['AAAA-AAAA', 'CCCC-CCCC']);
  });
});
