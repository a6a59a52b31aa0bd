import { z } from 'zod';
import { normalizeTag, tagProblem, TAG_PROBLEM_TEXT } from '../domain/tags';
import { TIERS } from '../domain/ticket';
import type { Backlog } from './backlog';
import type { CategoryRow } from './categories';
import type { TopRequester } from './topRequesters';
import type { ComparisonUnit } from './comparison';
import type { MostUsedArticle } from './knowledge';
import type { ResolutionByPriorityRow, StatsSummary, TechnicianRow } from './metrics';
import type { Period } from './period';
import type { ProblemsReport } from './problems';
import type { RemoteTimeReport } from './remoteTime';
import type { TierRow } from './tiers';
import { DEFAULT_IMPACT_WEEKS, MAX_IMPACT_WEEKS } from './trainingImpact';
export type { StatsTrainingResponse } from './trainingReport';

/**
 * The statistics routes (docs/API.md): GET /api/stats/summary | technicians | categories | backlog | problems | training.
 * Every route takes the same query string; `format=csv` answers the route's table as CSV instead of JSON.
 */
export const STATS_ROUTES = ['summary', 'technicians', 'categories', 'backlog', 'problems', 'training'] as const;
export type StatsRoute = (typeof STATS_ROUTES)[number];

const WEEKS_PROBLEM = `weeks must be a whole number from 1 to ${MAX_IMPACT_WEEKS}`;

export const statsQuerySchema = z.strictObject({
  // The descriptions and examples go into the published OpenAPI document (GET /api/openapi.json).
  from: z.string().meta({
    description: 'Start of the period [from, to): an ISO 8601 date (midnight UTC) or a date-time with a zone.',
    examples: ['2026-03-02', '2026-03-02T08:00:00+07:00'],
  }),
  to: z.string().meta({ description: 'End of the period, after `from`; the same forms.', examples: ['2026-04-01', '2026-04-01T00:00:00Z'] }),
  tier: z.coerce
    .number()
    .int()
    .refine((t) => (TIERS as readonly number[]).includes(t), 'tier must be 1, 2 or 3')
    .optional()
    .meta({ description: 'Tickets at this tier now: 1, 2 or 3.', examples: [1, 2, 3] }),
  category: z.string().trim().min(1).max(80).optional().meta({ description: 'One category.' }),
  tag: z
    .string()
    .max(80)
    .transform(normalizeTag)
    .superRefine((tag, context) => {
      const problem = tagProblem(tag);
      if (problem !== null) context.addIssue({ code: 'custom', message: TAG_PROBLEM_TEXT[problem] });
    })
    .optional()
    .meta({ description: 'One tag, compared as it is stored (normalised): `VPN` finds tickets tagged `vpn`.' }),
  technician: z.string().min(1).max(80).optional().meta({ description: "A technician's user id." }),
  repeatWindowDays: z.coerce.number().int().min(1).max(90).optional().meta({ description: 'Repeat-contact window in days (default 7).' }),
  weeks: z.coerce
    .number({ error: WEEKS_PROBLEM })
    .int(WEEKS_PROBLEM)
    .min(1, WEEKS_PROBLEM)
    .max(MAX_IMPACT_WEEKS, WEEKS_PROBLEM)
    .optional()
    .meta({ description: `Training impact only: weeks on each side of a class, 1 to ${MAX_IMPACT_WEEKS} (default ${DEFAULT_IMPACT_WEEKS}).` }),
  format: z.enum(['json', 'csv']).optional().meta({ description: '`json` (default) or `csv`.' }),
});
export type StatsQueryParams = z.infer<typeof statsQuerySchema>;

/** Resolution-time bands of the distribution chart; each includes its lower bound and excludes its upper. */
export const RESOLUTION_BANDS = [
  { id: 'under1h', fromHours: 0, toHours: 1 },
  { id: '1to4h', fromHours: 1, toHours: 4 },
  { id: '4to8h', fromHours: 4, toHours: 8 },
  { id: '8to24h', fromHours: 8, toHours: 24 },
  { id: '1to3d', fromHours: 24, toHours: 72 },
  { id: '3to7d', fromHours: 72, toHours: 168 },
  { id: 'over7d', fromHours: 168, toHours: Number.POSITIVE_INFINITY },
] as const;
export type ResolutionBand = (typeof RESOLUTION_BANDS)[number]['id'];

/** GET /api/stats/summary: the headline figures at the top level, with context for the panel. */
export type StatsSummaryResponse = StatsSummary & {
  period: Period;
  /**
   * The same figures for the period compared with (comparisonPeriod): while the period runs, the
   * same elapsed part of the one before; once it is over, the whole one before.
   */
  previous: StatsSummary & { period: Period };
  /** What `previous` is: one calendar unit (or the same length) back, and whether only the part elapsed so far. */
  comparison: { unit: ComparisonUnit; isSoFar: boolean };
  /** Open tickets past their resolution due time now. */
  breachingNow: number;
  resolutionByPriority: ResolutionByPriorityRow[];
  /** Tickets resolved in the period, by resolution time band. */
  resolutionTimeDistribution: Array<{ band: ResolutionBand; count: number }>;
  tiers: TierRow[];
  /** The articles linked to the most tickets resolved in the period (rankMostUsed). */
  mostUsedArticles: MostUsedArticle[];
};

/** GET /api/stats/technicians */
export type StatsTechniciansResponse = { period: Period; rows: TechnicianRow[] };

/**
 * GET /api/stats/categories: opened per category per ISO week (Monday 00:00 UTC) and, for a
 * period of at most DAILY_MAX_DAYS days, per day (`days`, midnight UTC); remote time per category.
 */
export type StatsCategoriesResponse = {
  period: Period;
  weeks: string[];
  days: string[];
  rows: CategoryRow[];
  remoteTime: RemoteTimeReport['byCategory'];
  /** The requesters to suggest for a class on each training topic (docs/METRICS.md, "Suggested attendees"). */
  topRequesters: TopRequester[];
};

/**
 * GET /api/stats/problems: the incidents opened in the period that are linked to a problem, per
 * problem with their calls, and added up per problem category.
 */
export type StatsProblemsResponse = { period: Period } & ProblemsReport;

/** GET /api/stats/backlog: a snapshot at the server's now (the period does not apply). */
export type StatsBacklogResponse = Backlog & { now: string; breachingNow: number };

/**
 * One form-encoded value, as URLSearchParams writes it (space as `+`; only letters, digits and `*-._`
 * left as they are): shared/ has no URLSearchParams in every runtime's types, and cache keys built from
 * these strings must stay the same.
 */
const formEncode = (value: string): string =>
  encodeURIComponent(value)
    .replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');

/** The query string of a statistics request, keys in a fixed order so equal queries give equal strings. */
export const statsSearch = (params: StatsQueryParams): string => {
  const pairs: Array<[string, string]> = [
    ['from', params.from],
    ['to', params.to],
  ];
  if (params.tier !== undefined) pairs.push(['tier', String(params.tier)]);
  if (params.category !== undefined) pairs.push(['category', params.category]);
  if (params.tag !== undefined) pairs.push(['tag', params.tag]);
  if (params.technician !== undefined) pairs.push(['technician', params.technician]);
  if (params.repeatWindowDays !== undefined) pairs.push(['repeatWindowDays', String(params.repeatWindowDays)]);
  if (params.weeks !== undefined) pairs.push(['weeks', String(params.weeks)]);
  if (params.format !== undefined) pairs.push(['format', params.format]);
  return pairs.map(([key, value]) => `${key}=${formEncode(value)}`).join('&');
};

/** A statistics request's path and query on the server; the web console and the desktop main process send the same. */
export const statsHttpPath = (route: StatsRoute, params: StatsQueryParams): string => `/api/stats/${route}?${statsSearch(params)}`;
