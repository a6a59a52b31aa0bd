import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../db/connect';
import { RESOLUTION_BANDS, type StatsSummaryResponse } from '../../shared/stats/api';
import { HOUR_MS } from '../../shared/stats/period';
import { DEFAULT_FCR_WINDOW_MINUTES, DEFAULT_REPEAT_WINDOW_DAYS, type StatsOptions } from '../../shared/stats/selection';
import { isRepeatContact } from './sqlParts';

export type ResolvedFigures = {
  resolved: number;
  reopened: number;
  repeated: number;
  firstContact: number;
  met: number;
  medianHours: number | null;
  p90Hours: number | null;
  distribution: StatsSummaryResponse['resolutionTimeDistribution'];
};

// The upper bounds of every band but the last, in milliseconds: "resolved in under N hours".
const BAND_LIMITS = RESOLUTION_BANDS.flatMap((b) => (Number.isFinite(b.toHours) ? [b.toHours * HOUR_MS] : []));

type Row = Record<string, number | null>;

/**
 * Everything about the tickets resolved in the period in one pass over them (ticket_facts_resolved):
 * the counts behind the reopen, repeat-contact, first-contact and SLA rates, the nearest-rank
 * median and 90th percentile (row_number() and count(*) over the ordered times; rank
 * (p × n + 99) / 100 in integer division on both engines) and, per band limit, how many were
 * resolved in under it; a band's count is the difference of two neighbouring limits, which
 * puts a boundary in the band it starts, as the reference does.
 */
export const resolvedFigures = async (db: Db, where: RawBuilder<unknown>, options: StatsOptions): Promise<ResolvedFigures> => {
  const fcrMs = (options.fcrWindowMinutes ?? DEFAULT_FCR_WINDOW_MINUTES) * 60_000;
  const windowDays = options.repeatWindowDays ?? DEFAULT_REPEAT_WINDOW_DAYS;
  const under = BAND_LIMITS.map((limit, i) => sql`coalesce(sum(case when r.ms < ${limit} then 1 else 0 end), 0) as ${sql.raw(`under${i}`)}`);
  const { rows } = await sql<Row>`
    with r as (
      select f.resolved_at - f.created_at as ms,
        row_number() over (order by f.resolved_at - f.created_at, f.ticket_id) as rn,
        count(*) over () as n,
        f.is_reopened as reopened,
        case when ${isRepeatContact(windowDays)} then 1 else 0 end as repeated,
        case when f.tier = 1 and f.is_escalated = 0 and f.is_reopened = 0 and f.resolved_at - f.created_at <= ${fcrMs}
          and f.calls <= 1 and f.sessions <= 1 and f.assignees <= 1 then 1 else 0 end as first_contact,
        case when f.resolved_at <= f.resolution_due_at then 1 else 0 end as met
      from ticket_facts f
      where ${where}
    )
    select count(*) as resolved,
      coalesce(sum(r.reopened), 0) as reopened,
      coalesce(sum(r.repeated), 0) as repeated,
      coalesce(sum(r.first_contact), 0) as first_contact,
      coalesce(sum(r.met), 0) as met,
      max(case when r.rn = (50 * r.n + 99) / 100 then r.ms end) as p50,
      max(case when r.rn = (90 * r.n + 99) / 100 then r.ms end) as p90,
      ${sql.join(under)}
    from r`.execute(db);
  const row = rows[0] ?? {};
  const num = (key: string): number => Number(row[key] ?? 0);
  const hours = (key: string): number | null => (row[key] === null || row[key] === undefined ? null : Number(row[key]) / HOUR_MS);
  const resolved = num('resolved');
  const cumulative = [...BAND_LIMITS.map((_, i) => num(`under${i}`)), resolved];
  return {
    resolved,
    reopened: num('reopened'),
    repeated: num('repeated'),
    firstContact: num('first_contact'),
    met: num('met'),
    medianHours: hours('p50'),
    p90Hours: hours('p90'),
    distribution: RESOLUTION_BANDS.map((b, i) => ({ band: b.id, count: (cumulative[i] ?? 0) - (i === 0 ? 0 : (cumulative[i - 1] ?? 0)) })),
  };
};
