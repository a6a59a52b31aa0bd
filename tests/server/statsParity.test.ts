import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../server/db/connect';
import { migrateToLatest } from '../../server/db/migrations';
import { queryBacklog, queryCategories, queryProblems, querySummary, queryTechnicians } from '../../server/stats/queries';
import { TIERS, type Priority, type Ticket } from '../../shared/domain/ticket';
import type { PublicUser, RemoteSession } from '../../shared/domain/records';
import type { StatsFilters, StatsQuery } from '../../shared/stats/selection';
import { historyOf, hoursAfter, makeSession, playStory, type Step, type Story } from '../../shared/stats/story.testkit';
import type { History } from '../../shared/stats/ticketFacts';
import { DATABASE_KINDS, createDatabase, type TestDatabase } from '../support/databases';
import { makeTicket, makeUser } from '../support/factories';
import { clearHistory, expectSameFigures, referenceAnswers, storeHistory } from './statsHistory';

const START = '2026-03-02T00:00:00.000Z'; // a Monday
const NOW = '2026-03-31T00:00:00.000Z';

const users: PublicUser[] = [
  makeUser({ id: 'u-tina', username: 'tina', displayName: 'Tina Tier-One', tier: 1 }),
  makeUser({ id: 'u-tomas', username: 'tomas', displayName: 'Tomas', tier: 1 }),
  makeUser({ id: 'u-sam', username: 'sam', displayName: 'Sam', tier: 2 }),
  makeUser({ id: 'u-rita', username: 'rita', displayName: 'Rita', tier: 3 }),
  makeUser({ id: 'u-ida', username: 'ida', displayName: 'Ida Idle', tier: 1 }),
  makeUser({ id: 'u-gary', username: 'gary', displayName: 'Gary Gone', tier: 1, active: false }),
  makeUser({ id: 'u-sue', username: 'sue', displayName: 'Sue', role: 'supervisor', tier: null }),
];

let number = 0;
const ticket = (id: string, createdAt: string, overrides: Partial<Ticket> = {}): Ticket => {
  number += 1;
  const priority: Priority = overrides.priority ?? 'normal';
  return makeTicket({ id, number, createdAt, priority, ...overrides });
};
const ada = { name: 'Ada Lovelace', contact: 'ext. 4411' };
const at = (hours: number): string => hoursAfter(START, hours);

/** Links incidents to a problem on both sides, as ticket:link leaves them. */
const linkIncidents = (stories: Story[], problemId: string, incidentIds: readonly string[]): Story[] =>
  stories.map((story) => {
    const t = story.ticket;
    if (t.id === problemId)
      return { ...story, ticket: { ...t, isProblem: true, links: incidentIds.map((otherId) => ({ otherId, kind: 'incident' as const })) } };
    if (incidentIds.includes(t.id)) return { ...story, ticket: { ...t, links: [{ otherId: problemId, kind: 'problem' as const }] } };
    return story;
  });

/** A desk month with every case the rules single out; comments name the case. */
const deskMonth = (): History => {
  const stories: Story[] = [
    // First-contact resolution: one call, one session, one technician, 30 minutes.
    playStory(ticket('a', at(9), { requester: ada, priority: 'high', tags: ['laptop', 'vpn'] }), [
      [0.25, 'take', 'u-tina'],
      [0.3, 'call'],
      [0.5, 'resolve'],
    ]),
    // Same requester (case and spaces differ), same category, 30 h after a's resolution: a repeat within 7 and 30 days, not 1.
    playStory(ticket('b', at(9.5 + 30), { requester: { name: ' ADA LOVELACE', contact: 'EXT. 4411 ' } }), [
      [0.5, 'take', 'u-tomas'],
      [2, 'escalate', 2],
      [3, 'take', 'u-sam'],
      [10, 'resolve'],
    ]),
    // Same name, other contact: another requester.
    playStory(ticket('o', at(10), { requester: { name: 'Ada Lovelace', contact: 'ext. 9999' } }), [
      [1, 'take', 'u-tina'],
      [26, 'resolve'],
    ]),
    // Reopened and resolved again: counted once, at the last resolution.
    playStory(ticket('c', at(20), { category: 'network', priority: 'urgent', tags: ['vpn'] }), [
      [1, 'take', 'u-tina'],
      [5, 'resolve'],
      [30, 'reopen'],
      [40, 'resolve'],
    ]),
    // Reopened and still open: not resolved at all.
    playStory(ticket('d', at(30), { category: 'network' }), [
      [1, 'take', 'u-tomas'],
      [3, 'resolve'],
      [8, 'reopen'],
    ]),
    // Pending after it was already late: breaching; pending in time: not.
    playStory(ticket('e', at(26), { priority: 'urgent', tags: ['vpn'] }), [
      [1, 'take', 'u-tomas'],
      [6, 'pending'],
    ]),
    playStory(ticket('f', at(18 * 24), { priority: 'low' }), [
      [0.5, 'take', 'u-tina'],
      [1, 'pending'],
    ]),
    // Old and open, unassigned: the over-30-days band, and in the previous period.
    playStory(ticket('g', '2026-02-01T08:00:00.000Z', { category: 'hardware' }), []),
    // Through all three tiers, resolved at tier 3.
    playStory(ticket('h', at(50), { category: 'hardware', priority: 'high' }), [
      [0.5, 'take', 'u-tina'],
      [1, 'escalate', 2],
      [2, 'take', 'u-sam'],
      [3, 'escalate', 3],
      [4, 'take', 'u-rita'],
      [50, 'resolve'],
    ]),
    // Unassigned at the resolution: in the totals, in no technician's row.
    playStory(ticket('i', at(60)), [
      [0.5, 'take', 'u-tina'],
      [2, 'assign', null],
      [3, 'resolve'],
    ]),
    // Resolved then closed: still resolved at the resolution instant.
    playStory(ticket('l', at(70), { category: 'network', priority: 'low' }), [
      [0.5, 'take', 'u-tomas'],
      [2, 'resolve'],
      [50, 'close'],
    ]),
    // Escalated to tier 2 and still open there.
    playStory(ticket('n', at(24 * 9), { category: 'network' }), [
      [0.5, 'take', 'u-tomas'],
      [2, 'escalate', 2],
    ]),
    // Created after "now": not in the backlog yet.
    playStory(ticket('m', '2026-04-02T08:00:00.000Z'), []),
    // Imported: closed with a stored assignee and no assignment events (credited to the stored assignee)...
    { ticket: ticket('j', at(80), { status: 'closed', assigneeId: 'u-tomas', resolvedAt: at(84), closedAt: at(90), resolution: 'Fixed.' }), events: [] },
    // ...and resolved without a resolution time (not counted as resolved).
    { ticket: ticket('k', at(81), { status: 'resolved', assigneeId: 'u-tomas', resolvedAt: null, resolution: 'Fixed.' }), events: [] },
  ];
  // A category rising over the four whole weeks: 1, 2, 3, 5 tickets (11), resolved quickly by Tomas.
  [1, 2, 3, 5].forEach((count, week) => {
    for (let i = 0; i < count; i += 1) {
      const id = `vpn-${week}-${i}`;
      stories.push(
        playStory(
          ticket(id, at(week * 168 + 30 + i * 7), { category: 'vpn', requester: { name: `Caller ${i}`, contact: null }, tags: i % 2 === 0 ? ['remote'] : [] }),
          [
            [0.2, 'take', 'u-tomas'],
            [1 + i, 'resolve'],
          ],
        ),
      );
    }
  });
  const sessions: RemoteSession[] = [
    makeSession('a', 'u-tina', at(9.4), 0.25),
    makeSession('b', 'u-sam', at(9.5 + 30 + 5), 1.5),
    makeSession('c', 'u-gary', at(20 + 38), 2),
    makeSession('f', 'u-tomas', at(18 * 24 + 0.9), 0.75),
    { ...makeSession('e', 'u-tomas', at(28), 1), id: 'session-running', endedAt: null },
  ];
  // Problems: n (network) with incidents in three categories, one of them with a call; g (old, hardware) with h.
  const linked = linkIncidents(linkIncidents(stories, 'n', ['a', 'c', 'd', 'l']), 'g', ['h']);
  return historyOf(linked, users, sessions);
};

const periods = [
  { from: START, to: '2026-03-30T00:00:00.000Z' },
  { from: '2026-03-04T12:00:00.000Z', to: '2026-03-25T06:00:00.000Z' },
  // Edges exactly at resolutions: a's resolution is in, c's last resolution is out.
  { from: at(9.5), to: at(60) },
  { from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' },
  { from: '2025-01-01T00:00:00.000Z', to: '2025-02-01T00:00:00.000Z' },
];

const filterSets: StatsFilters[] = [
  {},
  { tier: 1 },
  { tier: 2 },
  { tier: 3 },
  { category: 'printing' },
  { category: 'vpn', tier: 1 },
  { technicianId: 'u-tina' },
  { technicianId: 'u-sam' },
  { technicianId: 'u-gary' },
  { tag: 'vpn' },
  { tag: 'remote', tier: 1 },
  { tag: 'vpn', technicianId: 'u-tina' },
  { tag: 'nobody-has-it' },
];

const queries: StatsQuery[] = [
  ...periods.flatMap((period) => filterSets.map((filters): StatsQuery => ({ period, filters, options: { now: NOW } }))),
  ...periods.flatMap((period) => [1, 7, 30].map((days): StatsQuery => ({ period, filters: {}, options: { now: NOW, repeatWindowDays: days } }))),
  { period: periods[0] ?? { from: START, to: NOW }, filters: {}, options: { now: '2026-03-03T12:00:00.000Z' } },
  // Periods still running: compared with the same elapsed part of the week and the month before.
  { period: { from: '2026-03-09T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z' }, filters: {}, options: { now: '2026-03-11T10:00:00.000Z' } },
  {
    period: { from: '2026-03-09T00:00:00.000Z', to: '2026-03-16T00:00:00.000Z' },
    filters: { technicianId: 'u-tomas' },
    options: { now: '2026-03-11T10:00:00.000Z' },
  },
  { period: { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' }, filters: {}, options: { now: '2026-03-20T00:00:00.000Z' } },
];

const describeQuery = (q: StatsQuery): string => JSON.stringify(q);

describe.each(DATABASE_KINDS)('statistics in SQL on %s match the reference', (kind) => {
  let database: TestDatabase;
  let handle: DbHandle;

  beforeAll(async () => {
    database = await createDatabase(kind);
    handle = openDatabase(database.url);
    await migrateToLatest(handle.db, handle.kind);
  });

  afterAll(async () => {
    await handle?.close();
    await database?.drop();
  });

  const expectParity = async (history: History, query: StatsQuery): Promise<void> => {
    const expected = referenceAnswers(history, query);
    const [summary, technicians, categories, backlog, problems] = await Promise.all([
      querySummary(handle.db, handle.kind, query),
      queryTechnicians(handle.db, handle.kind, query),
      queryCategories(handle.db, handle.kind, query),
      queryBacklog(handle.db, handle.kind, query.filters, query.options.now),
      queryProblems(handle.db, handle.kind, query),
    ]);
    expectSameFigures(summary, expected.summary, `summary ${describeQuery(query)}`);
    expectSameFigures(technicians, expected.technicians, `technicians ${describeQuery(query)}`);
    expectSameFigures(categories, expected.categories, `categories ${describeQuery(query)}`);
    expectSameFigures(backlog, expected.backlog, `backlog ${describeQuery(query)}`);
    expectSameFigures(problems, expected.problems, `problems ${describeQuery(query)}`);
  };

  it('gives every figure of the desk month for every period, filter and repeat window', async () => {
    const history = deskMonth();
    await clearHistory(handle.db);
    await storeHistory(handle.db, history);
    for (const query of queries) await expectParity(history, query);

    // The history exercises what it claims to, so agreement is not agreement on zeros.
    const march = { period: periods[0] ?? { from: START, to: NOW }, filters: {}, options: { now: NOW } };
    const summary = await querySummary(handle.db, handle.kind, march);
    // Resolved: a, b, o, c, h, i, l, j and the 11 vpn tickets; breaching: d, e (late before its pause), g, n.
    expect(summary).toMatchObject({ opened: 24, resolved: 19, breachingNow: 4 });
    expect(summary.reopenRate).toBeCloseTo(1 / 19, 12);
    expect(summary.tiers.map((t) => t.reached)).toEqual([24, 3, 1]);
    const oneDay = await querySummary(handle.db, handle.kind, { ...march, options: { now: NOW, repeatWindowDays: 1 } });
    expect(oneDay.repeatContactRate).toBeLessThan(summary.repeatContactRate ?? 0);
    const technicians = await queryTechnicians(handle.db, handle.kind, march);
    expect(technicians.rows.map((r) => r.id)).toEqual(['u-tomas', 'u-tina', 'u-rita', 'u-sam', 'u-gary', 'u-ida']);
    const categories = await queryCategories(handle.db, handle.kind, march);
    expect(categories.rows.find((r) => r.category === 'vpn')).toMatchObject({ counts: [1, 2, 3, 5], isTrainingTopic: true });
    // Tagged vpn: a and c resolved, e open and breaching; the remote tag is on 7 of the 11 vpn-category tickets.
    expect(await querySummary(handle.db, handle.kind, { ...march, filters: { tag: 'vpn' } })).toMatchObject({ opened: 3, resolved: 2, breachingNow: 1 });
    expect((await queryCategories(handle.db, handle.kind, { ...march, filters: { tag: 'remote' } })).rows).toMatchObject([{ category: 'vpn', total: 7 }]);
    const backlog = await queryBacklog(handle.db, handle.kind, {}, NOW);
    expect(backlog.byAgeBand.over30d).toBe(1);
    expect(backlog.byTier.map((t) => t.total)).toEqual([4, 1, 0]);
    const problems = await queryProblems(handle.db, handle.kind, march);
    expect(problems.rows.map((r) => [r.id, r.category, r.incidents, r.calls])).toEqual([
      ['n', 'network', 4, 1],
      ['g', 'hardware', 1, 0],
    ]);
    expect(problems.byCategory.map((r) => [r.category, r.problems, r.incidents, r.calls])).toEqual([
      ['network', 1, 4, 1],
      ['hardware', 1, 1, 0],
    ]);
  });

  // A random but lawful life, with the cases that make the rules differ.
  const lifeArb = fc.record({
    createdH: fc.integer({ min: 0, max: 24 * 40 }),
    technician: fc.option(fc.constantFrom('u-tina', 'u-tomas', 'u-sam', 'u-gary'), { nil: null }),
    escalateTo: fc.option(fc.constantFrom(...TIERS.filter((t) => t > 1)), { nil: null }),
    resolveH: fc.option(fc.integer({ min: 0, max: 24 * 12 }), { nil: null }),
    reopen: fc.constantFrom('no', 'resolved-again', 'still-open'),
    pendingH: fc.option(fc.integer({ min: 1, max: 48 }), { nil: null }),
    calls: fc.integer({ min: 0, max: 2 }),
    category: fc.constantFrom('network', 'printing', 'vpn'),
    priority: fc.constantFrom<Priority>('low', 'normal', 'high', 'urgent'),
    requester: fc.constantFrom('Ada', ' ADA', 'Budi'),
    sessionH: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
    tags: fc.option(fc.subarray(['vpn', 'laptop']), { nil: undefined }),
    // The first two lives are problems; any other may be an incident of one of them.
    incidentOf: fc.option(fc.constantFrom(0, 1), { nil: null }),
  });

  type Life = typeof lifeArb extends fc.Arbitrary<infer T> ? T : never;

  const randomHistory = (lives: Life[]): History => {
    const sessions: RemoteSession[] = [];
    const stories = lives.map((life, i) => {
      const steps: Step[] = [];
      if (life.technician !== null) steps.push([0.5, 'take', life.technician]);
      for (let c = 0; c < life.calls; c += 1) steps.push([0.6 + c / 10, 'call']);
      if (life.escalateTo !== null) steps.push([1, 'escalate', life.escalateTo], [1.5, 'take', 'u-sam']);
      if (life.resolveH !== null) {
        steps.push([2 + life.resolveH / 4, 'resolve']);
        if (life.reopen !== 'no') steps.push([3 + life.resolveH / 4, 'reopen']);
        if (life.reopen === 'resolved-again') steps.push([4 + life.resolveH / 4, 'resolve']);
      } else if (life.pendingH !== null) steps.push([life.pendingH, 'pending']);
      const t = ticket(`r${i}`, at(life.createdH), {
        category: life.category,
        priority: life.priority,
        requester: { name: life.requester, contact: null },
        ...(life.tags === undefined ? {} : { tags: life.tags }),
      });
      // Session lengths differ per ticket so no two categories tie on hours (the sort would then depend on float rounding).
      if (life.sessionH !== null) sessions.push(makeSession(t.id, life.technician ?? 'u-tina', hoursAfter(t.createdAt, life.sessionH), 0.25 + i / 64));
      return playStory(t, steps);
    });
    const incidentsOf = (k: number) => stories.flatMap((s, i) => (i > 1 && lives[i]?.incidentOf === k ? [s.ticket.id] : []));
    const linked = [0, 1].reduce((all, k) => (all[k] === undefined ? all : linkIncidents(all, `r${k}`, incidentsOf(k))), stories);
    return historyOf(linked, users, sessions);
  };

  const queryArb = fc.record({
    fromH: fc.integer({ min: -48, max: 24 * 35 }),
    lengthH: fc.integer({ min: 1, max: 24 * 40 }),
    nowH: fc.integer({ min: 0, max: 24 * 50 }),
    filters: fc.constantFrom(...filterSets),
    repeatWindowDays: fc.constantFrom(1, 7, 30),
  });

  it('agrees with the reference on random histories and queries', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(lifeArb, { maxLength: 30 }), fc.array(queryArb, { minLength: 1, maxLength: 3 }), async (lives, picks) => {
        const history = randomHistory(lives);
        await clearHistory(handle.db);
        await storeHistory(handle.db, history);
        for (const p of picks) {
          const query: StatsQuery = {
            period: { from: at(p.fromH), to: at(p.fromH + p.lengthH) },
            filters: p.filters,
            options: { now: at(p.nowH), repeatWindowDays: p.repeatWindowDays },
          };
          await expectParity(history, query);
        }
      }),
      { numRuns: 25 },
    );
  });
});
