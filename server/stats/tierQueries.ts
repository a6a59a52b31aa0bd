import { sql } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { TIERS } from '../../shared/domain/ticket';
import { rate } from '../../shared/stats/percentile';
import { HOUR_MS } from '../../shared/stats/period';
import type { StatsQuery } from '../../shared/stats/selection';
import type { TierRow } from '../../shared/stats/tiers';
import { boundsOf, floatSum, inPeriod, larger, matchesFilters } from './sqlParts';

type Row = { tier: number; reached: number; escalated: number; ms: number | null };

/**
 * Escalation rate and time per tier over the tickets opened in the period, from their stays
 * (ticket_tier_stays, by primary key per ticket). A stay with an end is an escalation away; the
 * last stay ends at the last resolution if resolved or closed now, else at `now`.
 */
export const queryTiers = async (db: Db, kind: DatabaseKind, query: StatsQuery): Promise<TierRow[]> => {
  const now = Date.parse(query.options.now);
  const stayMs = larger(kind, sql`0`, sql`coalesce(s.until, f.resolved_at, ${now}) - s.since`);
  const { rows } = await sql<Row>`
    select s.tier as tier,
      count(distinct s.ticket_id) as reached,
      count(distinct case when s.until is not null then s.ticket_id end) as escalated,
      ${floatSum(kind, stayMs)} as ms
    from ticket_facts f join ticket_tier_stays s on s.ticket_id = f.ticket_id
    where ${inPeriod('f.created_at', boundsOf(query.period))} and ${matchesFilters(query.filters, 'f.assignee_id')}
    group by s.tier`.execute(db);
  const byTier = new Map(rows.map((r) => [Number(r.tier), r]));
  return TIERS.map((tier) => {
    const r = byTier.get(tier);
    const reached = Number(r?.reached ?? 0);
    const escalated = Number(r?.escalated ?? 0);
    const hours = Number(r?.ms ?? 0) / HOUR_MS;
    return { tier, reached, escalated, escalationRate: rate(escalated, reached), hours, meanHours: rate(hours, reached) };
  });
};
