import { sql, type RawBuilder } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { RESOLUTION_BANDS, type StatsSummaryResponse } from '../../shared/stats/api';
import { PRIORITIES, type Priority } from '../../shared/domain/ticket';
import { HOUR_MS, type Period } from '../../shared/stats/period';
import { nearestRankPosition } from '../../shared/stats/percentile';
import { DEFAULT_FCR_WINDOW_MINUTES, DEFAULT_REPEAT_WINDOW_DAYS, type StatsFilters, type StatsOptions } from '../../shared/stats/selection';
import { periodCondition } from './periodAccess';
import { pickResolutionTimes, resolvedInForPick, type ResolutionPick } from './percentiles';
import { boundsOf, countWhere, isRepeatContact, matchesFilters } from './sqlParts';

export type ResolvedFigures = {
  resolved: number;
  reopened: number;
  repeated: number;
  firstContact: number;
  met: number;
  medianHours: number | null;
  p90Hours: number | null;
};

export type ResolvedAnswer = {
  current: ResolvedFigures;
  previous: ResolvedFigures;
  distribution: StatsSummaryResponse['resolutionTimeDistribution'];
  byPriority: Map<Priority, { resolved: number; medianHours: number | null; p90Hours: number | null }>;
};

// The upper bounds of every band but the last, in milliseconds: "resolved in under N hours".
const BAND_LIMITS = RESOLUTION_BANDS.flatMap((b) => (Number.isFinite(b.toHours) ? [b.toHours * HOUR_MS] : []));

type Row = Record<string, number | null>;

const hours = (ms: number | null | undefined): number | null => (ms === null || ms === undefined ? null : ms / HOUR_MS);

/**
 * The tickets resolved in the period and in the one before it, in one pass over both (the
 * previous period ends where the current one starts, so `resolved_at >= from` tells them apart):
 * the counts behind the reopen, repeat-contact, first-contact and SLA rates for each; for the
 * current period, per band limit how many were resolved in under it (a band's count is the
 * difference of two neighbouring limits, which puts a boundary in the band it starts, as the
 * reference does) and the count per priority. The median and 90th percentile are then read at
 * their ranks (pickResolutionTimes), overall for both periods and per priority for the current.
 * Technician = the credited one.
 */
export const resolvedFigures = async (db: Db, kind: DatabaseKind, period: Period, previous: Period, filters: StatsFilters, options: StatsOptions): Promise<ResolvedAnswer> => {
  const fcrMs = (options.fcrWindowMinutes ?? DEFAULT_FCR_WINDOW_MINUTES) * 60_000;
  const windowDays = options.repeatWindowDays ?? DEFAULT_REPEAT_WINDOW_DAYS;
  const current = boundsOf(period);
  const before = boundsOf(previous);
  const isCurrent = sql`f.resolved_at >= ${current.from}`;
  const isPrevious = sql`f.resolved_at < ${current.from}`;
  const firstContact = sql`f.tier = 1 and f.is_escalated = 0 and f.is_reopened = 0 and f.resolution_ms <= ${fcrMs}
    and f.calls <= 1 and f.sessions <= 1 and f.assignees <= 1`;
  const sums = (tag: string, inIt: RawBuilder<unknown>) => [
    sql`${countWhere(inIt)} as ${sql.ref(`${tag}_resolved`)}`,
    sql`${countWhere(sql`${inIt} and f.is_reopened = 1`)} as ${sql.ref(`${tag}_reopened`)}`,
    sql`${countWhere(sql`${inIt} and ${isRepeatContact(windowDays)}`)} as ${sql.ref(`${tag}_repeated`)}`,
    sql`${countWhere(sql`${inIt} and ${firstContact}`)} as ${sql.ref(`${tag}_first_contact`)}`,
    sql`${countWhere(sql`${inIt} and f.resolved_at <= f.resolution_due_at`)} as ${sql.ref(`${tag}_met`)}`,
  ];
  const under = BAND_LIMITS.map((limit, i) => sql`${countWhere(sql`${isCurrent} and f.resolution_ms < ${limit}`)} as ${sql.ref(`under${i}`)}`);
  const perPriority = PRIORITIES.map((p) => sql`${countWhere(sql`${isCurrent} and f.priority = ${p}`)} as ${sql.ref(`priority_${p}`)}`);
  const both = { from: before.from, to: current.to };
  const { rows } = await sql<Row>`
    select ${sql.join([...sums('c', isCurrent), ...sums('p', isPrevious), ...under, ...perPriority])}
    from ticket_facts f
    where ${await periodCondition(db, kind, 'f.resolved_at', both)} and ${matchesFilters(filters, 'f.credited_to')}`.execute(db);
  const row = rows[0] ?? {};
  const num = (key: string): number => Number(row[key] ?? 0);
  const figures = (tag: string) => ({
    resolved: num(`${tag}_resolved`),
    reopened: num(`${tag}_reopened`),
    repeated: num(`${tag}_repeated`),
    firstContact: num(`${tag}_first_contact`),
    met: num(`${tag}_met`),
  });
  const c = figures('c');
  const p = figures('p');

  const filtered = matchesFilters(filters, 'f.credited_to');
  const pick = (bounds: typeof current, n: number, percent: number, extra: RawBuilder<unknown> = sql`1 = 1`): ResolutionPick => ({
    where: sql`${resolvedInForPick(kind, bounds)} and ${filtered} and ${extra}`,
    rank: nearestRankPosition(n, percent),
  });
  const priorityPicks = PRIORITIES.flatMap((priority) => [50, 90].map((percent) => pick(current, num(`priority_${priority}`), percent, sql`f.priority = ${priority}`)));
  const [c50, c90, p50, p90, ...byPriorityMs] = await pickResolutionTimes(db, [
    pick(current, c.resolved, 50),
    pick(current, c.resolved, 90),
    pick(before, p.resolved, 50),
    pick(before, p.resolved, 90),
    ...priorityPicks,
  ]);
  const cumulative = [...BAND_LIMITS.map((_, i) => num(`under${i}`)), c.resolved];
  return {
    current: { ...c, medianHours: hours(c50), p90Hours: hours(c90) },
    previous: { ...p, medianHours: hours(p50), p90Hours: hours(p90) },
    distribution: RESOLUTION_BANDS.map((b, i) => ({ band: b.id, count: (cumulative[i] ?? 0) - (i === 0 ? 0 : (cumulative[i - 1] ?? 0)) })),
    byPriority: new Map(
      PRIORITIES.map((priority, i) => [
        priority,
        { resolved: num(`priority_${priority}`), medianHours: hours(byPriorityMs[2 * i]), p90Hours: hours(byPriorityMs[2 * i + 1]) },
      ]),
    ),
  };
};
