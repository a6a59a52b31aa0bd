import { sql, type RawBuilder } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import { TIERS } from '../../shared/domain/ticket';
import { rate } from '../../shared/stats/percentile';
import { HOUR_MS, type Period } from '../../shared/stats/period';
import type { StatsFilters } from '../../shared/stats/selection';
import type { TierRow } from '../../shared/stats/tiers';
import { periodConditions } from './periodAccess';
import { boundsOf, floatSum, larger, matchesFilters } from './sqlParts';

export type OpenedFigures = { opened: number; escalated: number };
export type OpenedAnswer = { current: OpenedFigures; previous: OpenedFigures; tiers: TierRow[] };

type Row = Record<string, number | null>;

/** Per tier: reached, escalated away, and time there from the per-tier columns (shared/stats/tierStayTotals.ts). */
const tierColumns = (kind: DatabaseKind, now: number): Array<RawBuilder<unknown>> =>
  TIERS.flatMap((tier) => {
    const at = (column: string) => sql.ref(`f.${column}_t${tier}`);
    // The time that no longer grows, plus an unresolved ticket's growing stay up to now. A null
    // open_since (no growing stay there) makes that term null on SQLite, which sum() skips, and
    // 0 on PostgreSQL (greatest ignores nulls).
    return [
      sql`coalesce(sum(${at('reached')}), 0) as ${sql.ref(`reached${tier}`)}`,
      sql`coalesce(sum(${at('escalated')}), 0) as ${sql.ref(`escalated${tier}`)}`,
      sql`${floatSum(kind, at('settled_ms'))} as ${sql.ref(`settled${tier}`)}`,
      sql`${floatSum(kind, larger(kind, sql`0`, sql`${now} - ${at('open_since')}`))} as ${sql.ref(`open${tier}`)}`,
    ];
  });

/**
 * The tickets opened in the period and in the one before it, a pass over each (technician =
 * current assignee): how many, and how many were escalated; for the current period also the
 * escalation rate and time per tier.
 */
export const openedFigures = async (
  db: Db,
  kind: DatabaseKind,
  period: Period,
  previous: Period,
  filters: StatsFilters,
  nowIso: string,
): Promise<OpenedAnswer> => {
  const filtered = matchesFilters(filters, 'f.assignee_id');
  const [inCurrent, inPrevious] = await periodConditions(db, kind, 'f.created_at', [boundsOf(period), boundsOf(previous)]);
  const counts = sql`count(*) as opened, coalesce(sum(f.is_escalated), 0) as escalated`;
  const c =
    (await sql<Row>`select ${counts}, ${sql.join(tierColumns(kind, Date.parse(nowIso)))} from ticket_facts f where ${inCurrent} and ${filtered}`.execute(db))
      .rows[0] ?? {};
  const p = (await sql<Row>`select ${counts} from ticket_facts f where ${inPrevious} and ${filtered}`.execute(db)).rows[0] ?? {};
  const num = (row: Row, key: string): number => Number(row[key] ?? 0);
  return {
    current: { opened: num(c, 'opened'), escalated: num(c, 'escalated') },
    previous: { opened: num(p, 'opened'), escalated: num(p, 'escalated') },
    tiers: TIERS.map((tier) => {
      const reached = num(c, `reached${tier}`);
      const escalated = num(c, `escalated${tier}`);
      const hours = (num(c, `settled${tier}`) + num(c, `open${tier}`)) / HOUR_MS;
      return { tier, reached, escalated, escalationRate: rate(escalated, reached), hours, meanHours: rate(hours, reached) };
    }),
  };
};
