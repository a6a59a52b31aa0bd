import { sql, type RawBuilder } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { RESOLUTION_BANDS, type StatsSummaryResponse } from '../../shared/stats/api';
import { PRIORITIES, type Priority } from '../../shared/domain/ticket';
import { HOUR_MS, type Period } from '../../shared/stats/period';
import { nearestRankPosition } from '../../shared/stats/percentile';
import { DEFAULT_FCR_WINDOW_MINUTES, DEFAULT_REPEAT_WINDOW_DAYS, type StatsFilters, type StatsOptions } from '../../shared/stats/selection';
import { periodConditions } from './periodAccess';
import { pickResolutionTimes, resolvedInAlongResolutionIndex, type ResolutionPick } from './percentiles';
import { boundsOf, countWhere, isRepeatContact, matchesFilters, type Bounds } from './sqlParts';

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
 * PostgreSQL's percentile_disc(f) is the value at rank ceil(f × n) of the sorted set, which is
 * nearestRankPosition when f × n comes out exact in float8. For f = 0.5 it always does; for
 * f = 0.9 the error of 0.9 as a float8 is under half a unit in the last place of any product
 * that should be a whole number, so the product rounds to it (tests/server/percentileRank.test.ts
 * checks every n up to 2,000).
 */
const percentileColumns = (tag: string, only?: RawBuilder<unknown>): Array<RawBuilder<unknown>> =>
  [50, 90].map((p) => {
    const filter = only === undefined ? sql`` : sql`filter (where ${only})`;
    return sql`percentile_disc(${sql.lit(p / 100)}) within group (order by f.resolution_ms) ${filter} as ${sql.ref(`${tag}_p${p}`)}`;
  });

type PassOptions = { fcrMs: number; windowDays: number; detailed: boolean; kind: DatabaseKind };

/**
 * One pass over the tickets resolved in one period: the counts behind the reopen,
 * repeat-contact, first-contact and SLA rates; when `detailed`, per band limit how many were
 * resolved in under it (a band's count is the difference of two neighbouring limits, which
 * puts a boundary in the band it starts, as the reference does) and the count per priority.
 * On PostgreSQL the same pass sorts out the median and 90th percentile (overall, and per
 * priority when detailed).
 */
const resolvedPass = (where: RawBuilder<unknown>, o: PassOptions): RawBuilder<Row> => {
  const columns: Array<RawBuilder<unknown>> = [
    sql`count(*) as resolved`,
    sql`${countWhere(sql`f.is_reopened = 1`)} as reopened`,
    sql`${countWhere(isRepeatContact(o.windowDays))} as repeated`,
    // Every other first-contact condition is decided per ticket and stored (firstContactResolutionMs).
    sql`${countWhere(sql`f.first_contact_ms <= ${o.fcrMs}`)} as first_contact`,
    sql`${countWhere(sql`f.resolved_at <= f.resolution_due_at`)} as met`,
  ];
  if (o.detailed) {
    columns.push(...BAND_LIMITS.map((limit, i) => sql`${countWhere(sql`f.resolution_ms < ${limit}`)} as ${sql.ref(`under${i}`)}`));
    columns.push(...PRIORITIES.map((p) => sql`${countWhere(sql`f.priority = ${p}`)} as ${sql.ref(`priority_${p}`)}`));
  }
  if (o.kind === 'postgres') {
    columns.push(...percentileColumns('all'));
    if (o.detailed) columns.push(...PRIORITIES.flatMap((p) => percentileColumns(`priority_${p}`, sql`f.priority = ${p}`)));
  }
  return sql<Row>`select ${sql.join(columns)} from ticket_facts f where ${where}`;
};

/**
 * The tickets resolved in the period and in the one before it (technician = the credited one):
 * a pass over each, then on SQLite the median and 90th percentile read at their ranks
 * (pickResolutionTimes), overall for both periods and per priority for the current one.
 */
export const resolvedFigures = async (
  db: Db,
  kind: DatabaseKind,
  period: Period,
  previous: Period,
  filters: StatsFilters,
  options: StatsOptions,
): Promise<ResolvedAnswer> => {
  const o = {
    fcrMs: (options.fcrWindowMinutes ?? DEFAULT_FCR_WINDOW_MINUTES) * 60_000,
    windowDays: options.repeatWindowDays ?? DEFAULT_REPEAT_WINDOW_DAYS,
    kind,
  };
  const current = boundsOf(period);
  const before = boundsOf(previous);
  const filtered = matchesFilters(filters, 'f.credited_to');
  const [inCurrent, inPrevious] = await periodConditions(db, kind, 'f.resolved_at', [current, before]);
  const c = (await resolvedPass(sql`${inCurrent} and ${filtered}`, { ...o, detailed: true }).execute(db)).rows[0] ?? {};
  const p = (await resolvedPass(sql`${inPrevious} and ${filtered}`, { ...o, detailed: false }).execute(db)).rows[0] ?? {};
  const num = (row: Row, key: string): number => Number(row[key] ?? 0);
  const value = (row: Row, key: string): number | null => (row[key] === null || row[key] === undefined ? null : Number(row[key]));

  const pick = (bounds: Bounds, n: number, percent: number, extra: RawBuilder<unknown> = sql`1 = 1`): ResolutionPick => ({
    where: sql`${resolvedInAlongResolutionIndex(kind, bounds)} and ${filtered} and ${extra}`,
    rank: nearestRankPosition(n, percent),
  });
  const [c50, c90, p50, p90, ...byPriorityMs] =
    kind === 'postgres'
      ? [
          value(c, 'all_p50'),
          value(c, 'all_p90'),
          value(p, 'all_p50'),
          value(p, 'all_p90'),
          ...PRIORITIES.flatMap((pr) => [value(c, `priority_${pr}_p50`), value(c, `priority_${pr}_p90`)]),
        ]
      : await pickResolutionTimes(db, [
          pick(current, num(c, 'resolved'), 50),
          pick(current, num(c, 'resolved'), 90),
          pick(before, num(p, 'resolved'), 50),
          pick(before, num(p, 'resolved'), 90),
          ...PRIORITIES.flatMap((pr) => [50, 90].map((percent) => pick(current, num(c, `priority_${pr}`), percent, sql`f.priority = ${pr}`))),
        ]);
  const figures = (row: Row, median: number | null | undefined, p90th: number | null | undefined): ResolvedFigures => ({
    resolved: num(row, 'resolved'),
    reopened: num(row, 'reopened'),
    repeated: num(row, 'repeated'),
    firstContact: num(row, 'first_contact'),
    met: num(row, 'met'),
    medianHours: hours(median),
    p90Hours: hours(p90th),
  });
  const cumulative = [...BAND_LIMITS.map((_, i) => num(c, `under${i}`)), num(c, 'resolved')];
  return {
    current: figures(c, c50, c90),
    previous: figures(p, p50, p90),
    distribution: RESOLUTION_BANDS.map((b, i) => ({ band: b.id, count: (cumulative[i] ?? 0) - (i === 0 ? 0 : (cumulative[i - 1] ?? 0)) })),
    byPriority: new Map(
      PRIORITIES.map((priority, i) => [
        priority,
        { resolved: num(c, `priority_${priority}`), medianHours: hours(byPriorityMs[2 * i]), p90Hours: hours(byPriorityMs[2 * i + 1]) },
      ]),
    ),
  };
};
