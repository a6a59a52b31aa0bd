import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  csvSchema,
  statsBacklogResponseSchema,
  statsCategoriesResponseSchema,
  statsProblemsResponseSchema,
  statsSummaryResponseSchema,
  statsTechniciansResponseSchema,
  statsTrainingResponseSchema,
} from '../../shared/api/stats';
import { STATS_ROUTES, statsQuerySchema, type StatsQueryParams, type StatsRoute } from '../../shared/stats/api';
import { parsePeriod } from '../../shared/stats/period';
import type { StatsQuery } from '../../shared/stats/selection';
import type { Tier } from '../../shared/domain/ticket';
import { defineRoute } from '../api/contract';
import { route } from '../api/route';
import type { DatabaseKind } from '../config';
import { auditRequest } from '../audit/auditLog';
import { currentUser } from '../auth/guard';
import type { Db } from '../db/connect';
import { HttpError } from '../http';
import { toCsv, type CsvCell } from '../stats/csv';
import { backlogTable, categoriesTable, problemsTable, summaryTable, techniciansTable, trainingTable } from '../stats/csvTables';
import { queryTraining } from '../stats/trainingReportQuery';
import { DEFAULT_IMPACT_WEEKS } from '../../shared/stats/trainingImpact';
import { queryBacklog, queryCategories, queryProblems, querySummary, queryTechnicians } from '../stats/queries';
import { rolesWith } from '../../shared/auth/capabilities';

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

const ANSWERS = {
  summary: { schema: statsSummaryResponseSchema, summary: 'Headline figures for a period, the previous period, SLA now, resolution times, tiers' },
  technicians: { schema: statsTechniciansResponseSchema, summary: 'One row per technician' },
  categories: { schema: statsCategoriesResponseSchema, summary: 'Tickets opened per category per ISO week, training topics, remote time per category' },
  backlog: { schema: statsBacklogResponseSchema, summary: 'Open tickets now by tier and age band (the period does not apply)' },
  problems: { schema: statsProblemsResponseSchema, summary: 'Incidents opened in the period per problem, with their calls, and per problem category' },
  training: {
    schema: statsTrainingResponseSchema,
    summary: 'Training impact of each class that started in the period: tickets in its topic per person-week before and after, attendees against non-attendees',
  },
} as const;

const statsRoute = <R extends StatsRoute>(name: R) =>
  defineRoute({
    id: `stats${name.charAt(0).toUpperCase()}${name.slice(1)}`,
    method: 'GET',
    url: `/api/stats/${name}`,
    access: rolesWith('stats:read'),
    summary: ANSWERS[name].summary,
    description:
      "Figures defined in docs/METRICS.md. Any parameter not listed is refused. With format=csv the route's table as CSV (audited as `stats_exported`).",
    query: { schema: statsQuerySchema, what: 'statistics query' },
    responses: {
      200: {
        description: 'The figures as JSON, or with format=csv as a CSV file.',
        content: { 'application/json': ANSWERS[name].schema, 'text/csv': csvSchema },
        headers: { 'Content-Disposition': 'With format=csv: `attachment; filename="meja-<route>-<from>-<to>.csv"`.' },
      },
    },
  });

const STATS_CONTRACTS = STATS_ROUTES.map((name) => ({ name, contract: statsRoute(name) }));
export const statsContracts = STATS_CONTRACTS.map(({ contract }) => contract);

/** One route's answer as JSON and as its CSV table. */
const answer = async (db: Db, kind: DatabaseKind, name: StatsRoute, query: StatsQuery, params: StatsQueryParams) => {
  switch (name) {
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
    case 'problems': {
      const json = await queryProblems(db, kind, query);
      return { json, table: problemsTable(json) };
    }
    case 'training': {
      const json = await queryTraining(db, kind, query, params.weeks ?? DEFAULT_IMPACT_WEEKS);
      return { json, table: trainingTable(json) };
    }
  }
};

const sendCsv = (reply: FastifyReply, name: StatsRoute, query: StatsQuery, table: CsvCell[][]): FastifyReply =>
  reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="meja-${name}-${query.period.from.slice(0, 10)}-${query.period.to.slice(0, 10)}.csv"`)
    .send(toCsv(table));

/** GET /api/stats/summary | technicians | categories | backlog | problems | training, for supervisors and admins (docs/API.md, Statistics). */
export const statsRoutes = (app: FastifyInstance, db: Db, kind: DatabaseKind): void => {
  for (const { name, contract } of STATS_CONTRACTS) {
    route(app, contract, async ({ query: params }, request, reply) => {
      const query = toQuery(params);
      const { json, table } = await answer(db, kind, name, query, params);
      if (params.format !== 'csv') return json;
      // Exports leave the system as files, so they are audited; JSON views on screen are not.
      await auditRequest(db, request, {
        action: 'stats_exported',
        actorId: currentUser(request).id,
        subject: name,
        detail: { from: query.period.from, to: query.period.to, ...query.filters },
      });
      return sendCsv(reply, name, query, table);
    });
  }
};
