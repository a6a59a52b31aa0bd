import { sql } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import type { StatsBacklogResponse } from '../../shared/stats/api';
import { AGE_BANDS, type AgeBand } from '../../shared/stats/backlog';
import { TIERS } from '../../shared/domain/ticket';
import { HOUR_MS } from '../../shared/stats/period';
import type { StatsFilters } from '../../shared/stats/selection';
import { inStatsSnapshot } from './snapshot';
import { matchesFilters } from './sqlParts';

/** Open tickets that exist at `now` (served by ticket_facts_open on is_open, tier); technician = current assignee. */
const openAt = (filters: StatsFilters, now: number) => sql`f.is_open = 1 and f.created_at <= ${now} and ${matchesFilters(filters, 'f.assignee_id')}`;

/**
 * Open tickets past their resolution due time at `now`. A running pause moves the due time by
 * (now − pending_since), so a pending ticket breaches only if it was already late when the pause
 * began (due < pending_since); a pause that starts after `now` does not count yet. Same rule as
 * effectiveResolutionDue in shared/domain/sla.ts, in whole milliseconds.
 */
export const countBreachingNow = async (db: Db, filters: StatsFilters, nowIso: string): Promise<number> => {
  const now = Date.parse(nowIso);
  const { rows } = await sql<{ n: number }>`
    select count(*) as n from ticket_facts f
    where ${openAt(filters, now)}
      and ((f.resolution_due_at < ${now} and (f.pending_since is null or f.pending_since > ${now}))
        or (f.pending_since <= ${now} and f.resolution_due_at < f.pending_since))`.execute(db);
  return Number(rows[0]?.n ?? 0);
};

const bandCase = (now: number) => {
  const bounded = AGE_BANDS.filter((b) => Number.isFinite(b.toHours));
  const whens = bounded.map((b) => sql`when ${now} - f.created_at < ${b.toHours * HOUR_MS} then ${b.id}`);
  return sql`case ${sql.join(whens, sql` `)} else ${'over30d' satisfies AgeBand} end`;
};

type BandCounts = Record<AgeBand, number>;
const emptyBands = (): BandCounts => ({ under1d: 0, '1to3d': 0, '3to7d': 0, '7to30d': 0, over30d: 0 });

const queryBacklogIn = async (db: Db, kind: DatabaseKind, filters: StatsFilters, nowIso: string): Promise<StatsBacklogResponse> => {
  const now = Date.parse(nowIso);
  // PostgreSQL needs the type of `now - created_at` and of the band labels spelled out (bare parameters).
  const band = kind === 'postgres' ? sql`cast(${bandCase(now)} as text)` : bandCase(now);
  const [{ rows }, breaching] = await Promise.all([
    sql<{ tier: number; band: AgeBand; n: number }>`
      select b.tier as tier, b.band as band, count(*) as n
      from (select f.tier as tier, ${band} as band from ticket_facts f where ${openAt(filters, now)}) b
      group by b.tier, b.band`.execute(db),
    countBreachingNow(db, filters, nowIso),
  ]);
  const byAgeBand = emptyBands();
  const byTier = TIERS.map((tier) => ({ tier, total: 0, byAgeBand: emptyBands() }));
  let total = 0;
  for (const r of rows) {
    const n = Number(r.n);
    total += n;
    byAgeBand[r.band] += n;
    const row = byTier.find((t) => t.tier === Number(r.tier));
    if (row !== undefined) {
      row.total += n;
      row.byAgeBand[r.band] += n;
    }
  }
  return { total, byTier, byAgeBand, now: nowIso, breachingNow: breaching };
};

/** GET /api/stats/backlog: open tickets at `now` by tier (now) and age band; the period does not apply. */
export const queryBacklog = (db: Db, kind: DatabaseKind, filters: StatsFilters, nowIso: string): Promise<StatsBacklogResponse> =>
  inStatsSnapshot(db, kind, (snapshot) => queryBacklogIn(snapshot, kind, filters, nowIso));
