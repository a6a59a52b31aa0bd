import { sql } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import type { StatsTechniciansResponse } from '../../shared/stats/api';
import type { TechnicianRow } from '../../shared/stats/metrics';
import { rate } from '../../shared/stats/percentile';
import { DEFAULT_REPEAT_WINDOW_DAYS, type StatsQuery } from '../../shared/stats/selection';
import { resolutionPercentiles } from './percentiles';
import { inStatsSnapshot } from './snapshot';
import { remoteTime } from './remoteQueries';
import { boundsOf, countWhere, inPeriod, isRepeatContact, matchesFilters } from './sqlParts';

type Credited = { id: string; resolved: number; reopened: number; repeated: number };

const queryTechniciansIn = async (db: Db, kind: DatabaseKind, query: StatsQuery): Promise<StatsTechniciansResponse> => {
  const resolvedWhere = sql`${inPeriod('f.resolved_at', boundsOf(query.period))} and ${matchesFilters(query.filters, 'f.credited_to')} and f.credited_to is not null`;
  const windowDays = query.options.repeatWindowDays ?? DEFAULT_REPEAT_WINDOW_DAYS;
  const [credited, medians, remote, users] = await Promise.all([
    sql<Credited>`
      select f.credited_to as id, count(*) as resolved,
        ${countWhere(sql`f.is_reopened = 1`)} as reopened,
        ${countWhere(isRepeatContact(windowDays))} as repeated
      from ticket_facts f where ${resolvedWhere}
      group by f.credited_to`.execute(db),
    resolutionPercentiles(db, resolvedWhere, 'f.credited_to'),
    remoteTime(db, kind, query, 'technician'),
    db.selectFrom('users').select(['id', 'display_name', 'role', 'active']).execute(),
  ]);
  const byId = new Map(credited.rows.map((r) => [r.id, r]));
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
        medianResolutionHours: medians.get(id)?.medianHours ?? null,
        remoteSessionHours: remote.get(id)?.hours ?? 0,
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
