import { sql } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import type { StatsTechniciansResponse } from '../../shared/stats/api';
import type { TechnicianRow } from '../../shared/stats/metrics';
import { nearestRankPosition, rate } from '../../shared/stats/percentile';
import { HOUR_MS } from '../../shared/stats/period';
import { DEFAULT_REPEAT_WINDOW_DAYS, type StatsQuery } from '../../shared/stats/selection';
import { pickResolutionTimes, resolvedInAlongResolutionIndex } from './percentiles';
import { inStatsSnapshot } from './snapshot';
import { callerFiguresByTechnician } from './callerQueries';
import { articleFiguresByTechnician } from './knowledgeQueries';
import { remoteTime } from './remoteQueries';
import { boundsOf, countWhere, isRepeatContact, matchesFilters } from './sqlParts';

type Credited = { id: string; resolved: number; reopened: number; repeated: number; median_ms?: number | null };

const hoursOrNull = (ms: number | null | undefined): number | null => (ms === null || ms === undefined ? null : ms / HOUR_MS);

const queryTechniciansIn = async (db: Db, kind: DatabaseKind, query: StatsQuery): Promise<StatsTechniciansResponse> => {
  const bounds = boundsOf(query.period);
  const credited = sql`${matchesFilters(query.filters, 'f.credited_to')} and f.credited_to is not null`;
  const windowDays = query.options.repeatWindowDays ?? DEFAULT_REPEAT_WINDOW_DAYS;
  const [counts, remote, users, callers, articles] = await Promise.all([
    (async () =>
      sql<Credited>`
        select f.credited_to as id, count(*) as resolved,
          ${countWhere(sql`f.is_reopened = 1`)} as reopened,
          ${countWhere(isRepeatContact(windowDays))} as repeated
          ${kind === 'postgres' ? sql`, percentile_disc(0.5) within group (order by f.resolution_ms) as median_ms` : sql``}
        from ticket_facts f where ${resolvedInAlongResolutionIndex(kind, bounds)} and ${credited}
        group by f.credited_to`.execute(db))(),
    remoteTime(db, kind, query, 'technician'),
    db.selectFrom('users').select(['id', 'display_name', 'role', 'active']).execute(),
    callerFiguresByTechnician(db, query.period, query.filters),
    articleFiguresByTechnician(db, query.period, query.filters),
  ]);
  // PostgreSQL sorted each technician's times in the pass; SQLite reads each median at its rank
  // from the (credited_to, resolution_ms, resolved_at) index.
  const medianMs =
    kind === 'postgres'
      ? counts.rows.map((r) => (r.median_ms === null || r.median_ms === undefined ? null : Number(r.median_ms)))
      : await pickResolutionTimes(
          db,
          counts.rows.map((r) => ({
            where: sql`${resolvedInAlongResolutionIndex(kind, bounds)} and ${credited} and f.credited_to = ${r.id}`,
            rank: nearestRankPosition(Number(r.resolved), 50),
          })),
        );
  const medians = new Map(counts.rows.map((r, i) => [r.id, medianMs[i] ?? null]));
  const byId = new Map(counts.rows.map((r) => [r.id, r]));
  const ids = new Set<string>([...byId.keys(), ...remote.keys()]);
  for (const u of users) if (u.role === 'technician' && Number(u.active) === 1) ids.add(u.id);
  const names = new Map(users.map((u) => [u.id, u.display_name]));
  const rows = [...ids]
    .filter((id) => query.filters.technicianId === undefined || id === query.filters.technicianId)
    .map((id): TechnicianRow => {
      const c = byId.get(id);
      const resolved = Number(c?.resolved ?? 0);
      return {
        id,
        name: names.get(id) ?? id,
        resolved,
        reopenRate: rate(Number(c?.reopened ?? 0), resolved),
        repeatContactRate: rate(Number(c?.repeated ?? 0), resolved),
        medianResolutionHours: hoursOrNull(medians.get(id)),
        remoteSessionHours: remote.get(id)?.hours ?? 0,
        ...callers(id),
        ...articles(id),
      };
    })
    .sort((a, b) => b.resolved - a.resolved || a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));
  return { period: query.period, rows };
};

/**
 * GET /api/stats/technicians: one row per technician credited with a resolution or with
 * remote-session time in the period, plus every active technician account (zeros, so an idle
 * technician shows); names from users. Sorted by resolved (most first), then name, as the reference.
 */
export const queryTechnicians = (db: Db, kind: DatabaseKind, query: StatsQuery): Promise<StatsTechniciansResponse> =>
  inStatsSnapshot(db, kind, (snapshot) => queryTechniciansIn(snapshot, kind, query));
