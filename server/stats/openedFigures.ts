import { sql, type RawBuilder } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { TIERS } from '../../shared/domain/ticket';
import { rate } from '../../shared/stats/percentile';
import { HOUR_MS, type Period } from '../../shared/stats/period';
import type { StatsFilters } from '../../shared/stats/selection';
import type { TierRow } from '../../shared/stats/tiers';
import { periodCondition } from './periodAccess';
import { boundsOf, countWhere, floatSum, larger, matchesFilters } from './sqlParts';

export type OpenedFigures = { opened: number; escalated: number };
export type OpenedAnswer = { current: OpenedFigures; previous: OpenedFigures; tiers: TierRow[] };

type Row = Record<string, number | null>;

/**
 * The tickets opened in the period and in the one before it, in one pass (technician = current
 * assignee): how many, and how many were escalated, for each; and for the current period the
 * escalation rate and time per tier from the per-tier columns (shared/stats/tierStayTotals.ts).
 * A ticket's stays at a tier are its ended ones plus, if it is at that tier now, the current
 * stay, which ends at the last resolution if the ticket is resolved or closed, else at `now`.
 */
export const openedFigures = async (db: Db, kind: DatabaseKind, period: Period, previous: Period, filters: StatsFilters, nowIso: string): Promise<OpenedAnswer> => {
  const now = Date.parse(nowIso);
  const current = boundsOf(period);
  const isCurrent = sql`f.created_at >= ${current.from}`;
  const isPrevious = sql`f.created_at < ${current.from}`;
  const currentStayMs = larger(kind, sql`0`, sql`coalesce(f.resolved_at, ${now}) - f.current_tier_since`);
  const perTier = TIERS.flatMap((tier): Array<RawBuilder<unknown>> => {
    const at = (column: string) => sql.ref(`f.${column}_t${tier}`);
    const stayMs = sql`case when ${isCurrent} then ${at('ended_stay_ms')} + case when f.current_tier = ${tier} then ${currentStayMs} else 0 end else 0 end`;
    return [
      sql`${countWhere(sql`${isCurrent} and ${at('reached')} = 1`)} as ${sql.ref(`reached${tier}`)}`,
      sql`${countWhere(sql`${isCurrent} and ${at('escalated')} = 1`)} as ${sql.ref(`escalated${tier}`)}`,
      sql`${floatSum(kind, stayMs)} as ${sql.ref(`ms${tier}`)}`,
    ];
  });
  const { rows } = await sql<Row>`
    select ${countWhere(isCurrent)} as c_opened, ${countWhere(sql`${isCurrent} and f.is_escalated = 1`)} as c_escalated,
      ${countWhere(isPrevious)} as p_opened, ${countWhere(sql`${isPrevious} and f.is_escalated = 1`)} as p_escalated,
      ${sql.join(perTier)}
    from ticket_facts f
    where ${await periodCondition(db, kind, 'f.created_at', { from: boundsOf(previous).from, to: current.to })} and ${matchesFilters(filters, 'f.assignee_id')}`.execute(db);
  const row = rows[0] ?? {};
  const num = (key: string): number => Number(row[key] ?? 0);
  return {
    current: { opened: num('c_opened'), escalated: num('c_escalated') },
    previous: { opened: num('p_opened'), escalated: num('p_escalated') },
    tiers: TIERS.map((tier) => {
      const reached = num(`reached${tier}`);
      const escalated = num(`escalated${tier}`);
      const hours = num(`ms${tier}`) / HOUR_MS;
      return { tier, reached, escalated, escalationRate: rate(escalated, reached), hours, meanHours: rate(hours, reached) };
    }),
  };
};
