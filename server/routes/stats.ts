import type { FastifyInstance, FastifyReply } from 'fastify';
import { STATS_ROUTES, statsQuerySchema, type StatsQueryParams, type StatsRoute } from '../../shared/stats/api';
import { parsePeriod } from '../../shared/stats/period';
import type { StatsQuery } from '../../shared/stats/selection';
import type { Tier } from '../../shared/domain/ticket';
import type { DatabaseKind } from '../config';
import { auditRequest } from '../audit/auditLog';
import { currentUser } from '../auth/guard';
import type { Db } from '../db/connect';
import { HttpError, parseInput } from '../http';
import { toCsv, type CsvCell } from '../stats/csv';
import { backlogTable, categoriesTable, summaryTable, techniciansTable } from '../stats/csvTables';
import { queryBacklog, queryCategories, querySummary, queryTechnicians } from '../stats/queries';

const toQuery = (params: StatsQueryParams): StatsQuery => {
  const period = parsePeriod(params.from, params.to);
  if (!period.ok) throw new HttpError(400, 'invalid_request', `Invalid statistics query: ${period.error.message}`);
  return {
    period: period.value,
    filters: {
      ...(params.tier === undefined ? {} : { tier: params.tier as Tier }),
      ...(params.category === undefined ? {} : { category: params.category }),
      ...(params.tag === undefined ? {} : { tag: params.tag }),
      ...(params.technician === undefined ? {} : { technicianId: params.technician }),
    },
    // The server's clock: backlog, ages and breaches are "as of this request".
    options: { now: new Date().toISOString(), ...(params.repeatWindowDays === undefined ? {} : { repeatWindowDays: params.repeatWindowDays }) },
  };
};

/** One route's answer as JSON and as its CSV table. */
const answer = async (db: Db, kind: DatabaseKind, route: StatsRoute, query: StatsQuery): Promise<{ json: unknown; table: CsvCell[][] }> => {
  switch (route) {
    case 'summary': {
      const json = await querySummary(db, kind, query);
      return { json, table: summaryTable(json) };
    }
    case 'technicians': {
      const json = await queryTechnicians(db, kind, query);
      return { json, table: techniciansTable(json) };
    }
    case 'categories': {
      const json = await queryCategories(db, kind, query);
      return { json, table: categoriesTable(json) };
    }
    case 'backlog': {
      const json = await queryBacklog(db, kind, query.filters, query.options.now);
      return { json, table: backlogTable(json) };
    }
  }
};

const sendCsv = (reply: FastifyReply, route: StatsRoute, query: StatsQuery, table: CsvCell[][]): FastifyReply =>
  reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="meja-${route}-${query.period.from.slice(0, 10)}-${query.period.to.slice(0, 10)}.csv"`)
    .send(toCsv(table));

/** GET /api/stats/summary | technicians | categories | backlog, for supervisors and admins (docs/API.md, Statistics). */
export const statsRoutes = (app: FastifyInstance, db: Db, kind: DatabaseKind): void => {
  for (const route of STATS_ROUTES) {
    app.get(`/api/stats/${route}`, { config: { access: ['supervisor', 'admin'] } }, async (request, reply) => {
      const params = parseInput(statsQuerySchema, request.query, 'statistics query');
      const query = toQuery(params);
      const { json, table } = await answer(db, kind, route, query);
      if (params.format !== 'csv') return json;
      // Exports leave the system as files, so they are audited; JSON views on screen are not.
      await auditRequest(db, request, { action: 'stats_exported', actorId: currentUser(request).id, subject: route, detail: { from: query.period.from, to: query.period.to, ...query.filters } });
      return sendCsv(reply, route, query, table);
    });
  }
};
