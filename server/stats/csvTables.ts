import type {
  StatsBacklogResponse,
  StatsCategoriesResponse,
  StatsProblemsResponse,
  StatsSummaryResponse,
  StatsTechniciansResponse,
  StatsTrainingResponse,
} from '../../shared/stats/api';
import { AGE_BANDS } from '../../shared/stats/backlog';
import type { CallerFigures } from '../../shared/stats/callerWord';
import type { StatsSummary } from '../../shared/stats/metrics';
import type { ImpactGroupRow } from '../../shared/stats/trainingReport';
import { isoWeekLabel, type Period } from '../../shared/stats/period';
import type { CsvCell } from './csv';

/** Each route's table for `format=csv`: a header row, then the rows (docs/API.md). */

/** The caller's word, last in the summary and in each technician's row. */
const CALLER_FIELDS = [
  'confirmedResolutionRate',
  'callerReopenRate',
  'satisfactionScore',
  'satisfactionMean',
  'satisfactionAnswers',
] as const satisfies ReadonlyArray<keyof CallerFigures>;

const SUMMARY_FIELDS = [
  'opened',
  'resolved',
  'reopenRate',
  'repeatContactRate',
  'firstContactResolutionRate',
  'escalationRate',
  'medianResolutionHours',
  'p90ResolutionHours',
  'slaAttainment',
  ...CALLER_FIELDS,
  'articlesPerResolvedTicket',
  'selfHelpYes',
  'selfHelpNo',
] as const satisfies ReadonlyArray<keyof StatsSummary>;

const summaryRow = (label: string, s: StatsSummary & { period: Period }): CsvCell[] => [label, s.period.from, s.period.to, ...SUMMARY_FIELDS.map((f) => s[f])];

export const summaryTable = (s: StatsSummaryResponse): CsvCell[][] => [
  ['period', 'from', 'to', ...SUMMARY_FIELDS],
  summaryRow('current', s),
  summaryRow('previous', s.previous),
];

export const techniciansTable = (t: StatsTechniciansResponse): CsvCell[][] => [
  ['id', 'name', 'resolved', 'reopenRate', 'repeatContactRate', 'medianResolutionHours', 'remoteSessionHours', ...CALLER_FIELDS, 'articlesPerResolvedTicket'],
  ...t.rows.map((r) => [
    r.id,
    r.name,
    r.resolved,
    r.reopenRate,
    r.repeatContactRate,
    r.medianResolutionHours,
    r.remoteSessionHours,
    ...CALLER_FIELDS.map((f) => r[f]),
    r.articlesPerResolvedTicket,
  ]),
];

/** One column per ISO week, named like 2026-W10. */
export const categoriesTable = (c: StatsCategoriesResponse): CsvCell[][] => [
  ['category', 'total', 'isTrainingTopic', ...c.weeks.map(isoWeekLabel)],
  ...c.rows.map((r) => [r.category, r.total, r.isTrainingTopic, ...r.counts]),
];

export const backlogTable = (b: StatsBacklogResponse): CsvCell[][] => [
  ['tier', 'total', ...AGE_BANDS.map((band) => band.id)],
  ...b.byTier.map((r) => [r.tier, r.total, ...AGE_BANDS.map((band) => r.byAgeBand[band.id])]),
];

/** One row per problem; the per-category sums are the JSON's (they add up from these rows). */
export const problemsTable = (p: StatsProblemsResponse): CsvCell[][] => [
  ['id', 'code', 'title', 'category', 'incidents', 'calls'],
  ...p.rows.map((r) => [r.id, r.code, r.title, r.category, r.incidents, r.calls]),
];

const GROUP_FIELDS = [
  'persons',
  'ticketsBefore',
  'ticketsAfter',
  'personWeeksBefore',
  'personWeeksAfter',
  'rateBefore',
  'rateAfter',
] as const satisfies ReadonlyArray<keyof ImpactGroupRow>;

/** A group's columns, prefixed `attendees` or `comparison`; empty while too early (nothing is counted). */
const groupCells = (g: ImpactGroupRow | null): CsvCell[] => GROUP_FIELDS.map((f) => (g === null ? null : g[f]));
const groupHeaders = (prefix: string): string[] => GROUP_FIELDS.map((f) => `${prefix}${f.charAt(0).toUpperCase()}${f.slice(1)}`);

/** One row per class: what it is, the verdict, both groups' counts, the estimate and its 95 % interval. */
export const trainingTable = (t: StatsTrainingResponse): CsvCell[][] => [
  [
    'id',
    'title',
    'topic',
    'startsAt',
    'attended',
    'invited',
    'verdict',
    'weeksBefore',
    'weeksAfter',
    ...groupHeaders('attendees'),
    ...groupHeaders('comparison'),
    'estimate',
    'low',
    'high',
  ],
  ...t.rows.map((r) => [
    r.id,
    r.title,
    r.topic,
    r.startsAt,
    r.attended,
    r.invited,
    r.verdict,
    r.weeksBefore,
    r.weeksAfter,
    ...groupCells(r.attendees),
    ...groupCells(r.comparison),
    r.estimate,
    r.low,
    r.high,
  ]),
];
