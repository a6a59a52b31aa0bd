import { z } from 'zod';
import { PRIORITIES } from '../domain/ticket';
import { IMPACT_VERDICTS } from '../stats/trainingReport';
import { isoTime, tierSchema } from './records';

/**
 * Answers of the statistics routes (docs/API.md, Statistics; fields defined in docs/METRICS.md).
 * stats.test.ts holds them to the types in shared/stats.
 */

const count = z.number().int().min(0);
/** A fraction 0..1, null when nothing was there to judge. */
const rate = z.number().min(0).max(1).nullable();
const hours = z.number();

const periodSchema = z.object({ from: isoTime, to: isoTime }).meta({ id: 'Period', description: 'The period [from, to).' });

/** The caller's word on resolutions (docs/METRICS.md, "The caller's word"). */
const callerFields = {
  confirmedResolutionRate: rate,
  callerReopenRate: rate,
  satisfactionScore: rate.meta({ description: 'Share of ratings that are 4 or 5 (CSAT).' }),
  satisfactionMean: z.number().min(1).max(5).nullable().meta({ description: 'Mean rating, 1 to 5.' }),
  satisfactionAnswers: count.meta({ description: 'Number of ratings behind the two figures above.' }),
};

/** The knowledge base at work (docs/METRICS.md, "The caller's word and knowledge"). */
const articleFields = {
  articlesPerResolvedTicket: z.number().min(0).nullable().meta({ description: 'Articles linked per ticket resolved in the period.' }),
};

const summaryFields = {
  opened: count,
  resolved: count,
  reopenRate: rate,
  repeatContactRate: rate,
  firstContactResolutionRate: rate,
  escalationRate: rate,
  medianResolutionHours: hours.nullable(),
  p90ResolutionHours: hours.nullable(),
  slaAttainment: rate,
  ...callerFields,
  ...articleFields,
  selfHelpYes: count.meta({ description: 'Self-help answers "yes" on /help in the period (desk-wide: the filters do not apply).' }),
  selfHelpNo: count.meta({ description: 'Self-help answers "no" on /help in the period (desk-wide).' }),
};

const tierRowSchema = z.object({ tier: tierSchema, reached: count, escalated: count, escalationRate: rate, hours, meanHours: hours.nullable() });

// Band ids spelled out for the same reason.
export const statsSummaryResponseSchema = z
  .object({
    ...summaryFields,
    period: periodSchema,
    previous: z.object({ ...summaryFields, period: periodSchema }),
    comparison: z
      .object({ unit: z.enum(['week', 'month', 'quarter', 'year', 'period']), isSoFar: z.boolean() })
      .meta({ description: 'What `previous` is: one calendar unit (or the same length) back, and whether only the part elapsed so far (docs/METRICS.md).' }),
    breachingNow: count,
    resolutionByPriority: z.array(z.object({ priority: z.enum(PRIORITIES), resolved: count, medianHours: hours.nullable(), p90Hours: hours.nullable() })),
    resolutionTimeDistribution: z.array(z.object({ band: z.enum(['under1h', '1to4h', '4to8h', '8to24h', '1to3d', '3to7d', 'over7d']), count })),
    tiers: z.array(tierRowSchema),
    mostUsedArticles: z
      .array(
        z.object({
          id: z.string(),
          title: z.string(),
          tickets: count.meta({ description: 'Tickets resolved in the period that link the article.' }),
          reopened: count.meta({ description: 'Of those, how many were ever reopened.' }),
        }),
      )
      .meta({ description: 'The 10 articles linked to the most tickets resolved in the period (then by title, then id).' }),
  })
  .meta({ id: 'StatsSummary' });

export const statsTechniciansResponseSchema = z
  .object({
    period: periodSchema,
    rows: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        resolved: count,
        reopenRate: rate,
        repeatContactRate: rate,
        medianResolutionHours: hours.nullable(),
        remoteSessionHours: hours,
        ...callerFields,
        ...articleFields,
      }),
    ),
  })
  .meta({ id: 'StatsTechnicians' });

export const statsCategoriesResponseSchema = z
  .object({
    period: periodSchema,
    weeks: z.array(isoTime).meta({ description: 'Monday 00:00 UTC of each ISO week overlapping the period.' }),
    days: z.array(isoTime).meta({ description: 'Midnight UTC of each day of a period of at most 31 days; empty for longer periods.' }),
    rows: z.array(
      z.object({
        category: z.string(),
        total: count,
        counts: z.array(count),
        dailyCounts: z.array(count),
        slope: z.number().nullable(),
        isTrainingTopic: z.boolean(),
      }),
    ),
    remoteTime: z.array(z.object({ category: z.string(), sessions: count, hours })),
    topRequesters: z.array(z.object({ category: z.string(), name: z.string(), contact: z.string().nullable(), tickets: count })).meta({
      description:
        'For each training topic, in the order of `rows`, the 10 requesters with the most tickets opened in it in the period (more tickets first, then the later latest ticket), named as on their latest one: the attendees a class on it suggests.',
    }),
  })
  .meta({ id: 'StatsCategories' });

// Spelled out, not mapped from AGE_BANDS, so the keys stay literal types (stats.test.ts compares them).
const ageBandCounts = z.object({ under1d: count, '1to3d': count, '3to7d': count, '7to30d': count, over30d: count });

export const statsBacklogResponseSchema = z
  .object({
    now: isoTime,
    total: count,
    byTier: z.array(z.object({ tier: tierSchema, total: count, byAgeBand: ageBandCounts })),
    byAgeBand: ageBandCounts,
    breachingNow: count,
  })
  .meta({ id: 'StatsBacklog' });

export const statsProblemsResponseSchema = z
  .object({
    period: periodSchema,
    rows: z.array(
      z.object({
        id: z.string(),
        code: z.string(),
        title: z.string(),
        category: z.string().meta({ description: "The problem's own category." }),
        incidents: count.meta({ description: 'Its incidents opened in the period that match the filters.' }),
        calls: count.meta({ description: 'Calls logged on those incidents.' }),
      }),
    ),
    byCategory: z.array(z.object({ category: z.string(), problems: count, incidents: count, calls: count })),
  })
  .meta({ id: 'StatsProblems' });

const impactGroupSchema = z
  .object({
    persons: count,
    ticketsBefore: count,
    ticketsAfter: count,
    personWeeksBefore: count,
    personWeeksAfter: count,
    rateBefore: z.number().min(0).nullable(),
    rateAfter: z.number().min(0).nullable(),
  })
  .meta({ id: 'TrainingImpactGroup', description: "One group's tickets in the topic and person-weeks on each side; rates are tickets per person-week." });

export const statsTrainingResponseSchema = z
  .object({
    period: periodSchema,
    weeks: count.meta({ description: 'Weeks on each side asked for.' }),
    minimumTickets: count.meta({ description: 'Tickets each group needs over both sides for an estimate.' }),
    rows: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        topic: z.string(),
        startsAt: isoTime,
        attended: count,
        invited: count,
        verdict: z.enum(IMPACT_VERDICTS).meta({
          description: '`estimate`; `tooFewTickets` (below `minimumTickets`: too few tickets to tell); `tooEarly` (no week after the class has ended yet).',
        }),
        weeksBefore: count,
        weeksAfter: count,
        before: periodSchema,
        after: periodSchema,
        attendees: impactGroupSchema.nullable(),
        comparison: impactGroupSchema.nullable(),
        estimate: z.number().nullable().meta({ description: 'Difference in differences, tickets per person-week; below 0: attendees called less.' }),
        standardError: z.number().min(0).nullable(),
        low: z.number().nullable().meta({ description: '95 % interval: estimate − 1.96 × standardError.' }),
        high: z.number().nullable(),
        measurableFrom: isoTime.nullable(),
      }),
    ),
  })
  .meta({ id: 'StatsTraining' });

/** CSV exports (format=csv): RFC 4180 text, described in docs/API.md. */
export const csvSchema = z.string().meta({ id: 'Csv', description: 'RFC 4180 CSV: a header row, CRLF after every record.' });
