import { sql } from 'kysely';
import type { DatabaseKind } from '../config';
import type { Db } from '../db/connect';
import type { StatsProblemsResponse } from '../../shared/stats/api';
import { problemCategories, sortProblemRows } from '../../shared/stats/problems';
import type { StatsQuery } from '../../shared/stats/selection';
import { inStatsSnapshot } from './snapshot';
import { boundsOf, inPeriod, matchesFilters } from './sqlParts';

type Row = { id: string; code: string; title: string; category: string; incidents: number | string; calls: number | string | null };

/**
 * Incidents opened in the period per problem, with their calls (docs/METRICS.md, "Problems").
 * The pass starts from the incidents' link rows (`kind = 'problem'`), which only tickets linked
 * to a problem have, so it reads few rows whatever the size of the desk; their facts and the
 * problem's record are looked up by primary key.
 */
const queryProblemsIn = async (db: Db, query: StatsQuery): Promise<StatsProblemsResponse> => {
  const { rows } = await sql<Row>`
    select p.id as id, p.code as code, p.title as title, p.category as category, count(*) as incidents, sum(f.calls) as calls
    from ticket_links l
    join ticket_facts f on f.ticket_id = l.ticket_id
    join tickets p on p.id = l.other_id
    where l.kind = 'problem' and ${inPeriod('f.created_at', boundsOf(query.period))} and ${matchesFilters(query.filters, 'f.assignee_id')}
    group by p.id, p.code, p.title, p.category`.execute(db);
  const problems = sortProblemRows(
    rows.map((r) => ({ id: r.id, code: r.code, title: r.title, category: r.category, incidents: Number(r.incidents), calls: Number(r.calls ?? 0) })),
  );
  return { period: query.period, rows: problems, byCategory: problemCategories(problems) };
};

/** GET /api/stats/problems: calls one cause produced, per problem and per problem category. */
export const queryProblems = (db: Db, kind: DatabaseKind, query: StatsQuery): Promise<StatsProblemsResponse> =>
  inStatsSnapshot(db, kind, (snapshot) => queryProblemsIn(snapshot, query));
