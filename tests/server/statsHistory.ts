import { expect } from 'vitest';
import type { Db } from '../../server/db/connect';
import { writeRecords } from '../../server/db/records';
import { recordHelpFeedback } from '../../server/help/feedback';
import type { Write } from '../../shared/domain/mutators';
import type { PublicUser } from '../../shared/domain/records';
import type {
  StatsBacklogResponse,
  StatsCategoriesResponse,
  StatsProblemsResponse,
  StatsSummaryResponse,
  StatsTechniciansResponse,
} from '../../shared/stats/api';
import { resolutionTimeDistribution } from '../../shared/stats/distribution';
import { computeSummary } from '../../shared/stats/metrics';
import { computeMostUsedArticles } from '../../shared/stats/knowledge';
import { comparisonPeriod } from '../../shared/stats/comparison';
import { computeStatsReport } from '../../shared/stats/report';
import type { StatsQuery } from '../../shared/stats/selection';
import { ticketFacts, type History } from '../../shared/stats/ticketFacts';

/** Test support for the statistics parity tests: a reference history written into a real database, and the reference's answer per route. */

/** Empties what a history writes, so one database can hold one random history after another. */
export const clearHistory = async (db: Db): Promise<void> => {
  for (const table of [
    'help_feedback',
    'articles',
    'track_answers',
    'ticket_search',
    'ticket_links',
    'ticket_tags',
    'ticket_facts',
    'remote_sessions',
    'ticket_events',
    'tickets',
    'users',
  ] as const)
    await db.deleteFrom(table).execute();
};

/** Writes the history the way the server does: records through writeRecords (which keeps the facts), users as rows. */
export const storeHistory = async (db: Db, history: History): Promise<void> => {
  const writes: Write[] = [
    ...history.tickets.map((t): Write => ({ entity: 'ticket', id: t.id, data: t })),
    ...history.events.map((e): Write => ({ entity: 'event', id: e.id, data: e })),
    ...history.sessions.map((s): Write => ({ entity: 'session', id: s.id, data: s })),
  ];
  await db.transaction().execute((trx) => writeRecords(trx, writes));
  // Only an article's id and title matter to the statistics; the rest is any valid article.
  for (const a of history.articles ?? [])
    await db
      .insertInto('articles')
      .values({
        id: a.id,
        title: a.title,
        body: '',
        category: 'general',
        tags: '[]',
        visibility: 'public',
        status: 'published',
        version: 1,
        author_id: 'u-author',
        created_at: 0,
        updated_by: 'u-author',
        updated_at: 0,
        published_at: 0,
        search_text: '',
      })
      .execute();
  for (const answer of history.selfHelp ?? []) await recordHelpFeedback(db, answer.articleId, answer.solved, Date.parse(answer.at));
  const users = history.users.map((u: PublicUser) => ({
    id: u.id,
    username: u.username,
    display_name: u.displayName,
    role: u.role,
    tier: u.tier,
    active: u.active ? 1 : 0,
    password_hash: 'not-used',
    created_at: 0,
    updated_at: 0,
  }));
  if (users.length > 0) await db.insertInto('users').values(users).execute();
};

/** What each route must answer, computed by the reference (computeStatsReport) on the same history. */
export const referenceAnswers = (history: History, query: StatsQuery) => {
  const report = computeStatsReport(history, query);
  const { previous, unit, isSoFar } = comparisonPeriod(query.period, query.options.now);
  const summary: StatsSummaryResponse = {
    ...report.summary,
    period: query.period,
    previous: { ...computeSummary(history, { ...query, period: previous }), period: previous },
    comparison: { unit, isSoFar },
    breachingNow: report.sla.breachingNow,
    resolutionByPriority: report.resolutionByPriority,
    resolutionTimeDistribution: resolutionTimeDistribution(ticketFacts(history).values(), query.period, query.filters),
    tiers: report.tiers,
    mostUsedArticles: computeMostUsedArticles(history, query, ticketFacts(history)),
  };
  const technicians: StatsTechniciansResponse = { period: query.period, rows: report.technicians.rows };
  const categories: StatsCategoriesResponse = {
    period: query.period,
    weeks: report.categories.weeks,
    days: report.categories.days,
    rows: report.categories.rows,
    topRequesters: report.categories.topRequesters,
    remoteTime: report.remoteTime.byCategory,
  };
  const backlog: StatsBacklogResponse = { ...report.backlog, now: query.options.now, breachingNow: report.sla.breachingNow };
  const problems: StatsProblemsResponse = { period: query.period, ...report.problems };
  return { summary, technicians, categories, backlog, problems };
};

/**
 * Deep equality where every number is compared to within 1e-9 (hours are sums of divisions,
 * added in a different order in SQL), and everything else exactly, with the path in the message.
 */
export const expectSameFigures = (actual: unknown, expected: unknown, path = '$'): void => {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(actual, path).toBeCloseTo(expected, 9);
    return;
  }
  if (Array.isArray(expected)) {
    expect(Array.isArray(actual), `${path} is an array`).toBe(true);
    const list = actual as unknown[];
    expect(list.length, `${path}.length`).toBe(expected.length);
    expected.forEach((item, i) => expectSameFigures(list[i], item, `${path}[${i}]`));
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object', `${path} is an object`).toBe(true);
    const record = actual as Record<string, unknown>;
    expect(Object.keys(record).sort(), `${path} keys`).toEqual(Object.keys(expected).sort());
    for (const [key, value] of Object.entries(expected)) expectSameFigures(record[key], value, `${path}.${key}`);
    return;
  }
  expect(actual, path).toEqual(expected);
};
