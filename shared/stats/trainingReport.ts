import { attendeeKey, type ClassAttendee } from '../training/trainingClass';
import type { Period } from './period';
import { impactWindows, type GroupFigures, type ImpactClass, type ImpactOptions, type TrainingImpact } from './trainingImpact';

/**
 * GET /api/stats/training (docs/API.md; the figures are docs/METRICS.md, "Training impact"): one
 * row per class, flattened from the reference's TrainingImpact so a table, a chart and a CSV read
 * the same fields.
 */

/** A class as the report needs it: what it is and who was marked. */
export type ReportClass = {
  id: string;
  title: string;
  topic: string;
  startsAt: string;
  attendees: readonly Pick<ClassAttendee, 'name' | 'contact' | 'attendance'>[];
};

/** One group's counts over the two sides. Rates are tickets per person-week, null for a group of nobody. */
export type ImpactGroupRow = {
  persons: number;
  ticketsBefore: number;
  ticketsAfter: number;
  personWeeksBefore: number;
  personWeeksAfter: number;
  rateBefore: number | null;
  rateAfter: number | null;
};

/**
 * `estimate`: an estimate with its interval. `tooFewTickets`: either group has fewer than
 * `minimumTickets` over both sides (or nobody). `tooEarly`: no week after the class has ended yet.
 */
export const IMPACT_VERDICTS = ['estimate', 'tooFewTickets', 'tooEarly'] as const;
export type ImpactVerdict = (typeof IMPACT_VERDICTS)[number];

export type TrainingImpactRow = {
  id: string;
  title: string;
  topic: string;
  startsAt: string;
  /** Invited requesters marked as attended: the attendee group. */
  attended: number;
  invited: number;
  verdict: ImpactVerdict;
  weeksBefore: number;
  weeksAfter: number;
  before: Period;
  after: Period;
  /** Null while too early (nothing is counted then). */
  attendees: ImpactGroupRow | null;
  comparison: ImpactGroupRow | null;
  /** Difference in differences, tickets per person-week; null unless the verdict is `estimate`. */
  estimate: number | null;
  standardError: number | null;
  low: number | null;
  high: number | null;
  /** While too early: when the first week after the class ends. */
  measurableFrom: string | null;
};

export type StatsTrainingResponse = { period: Period; weeks: number; minimumTickets: number; rows: TrainingImpactRow[] };

const groupRow = (g: GroupFigures): ImpactGroupRow => ({
  persons: g.persons,
  ticketsBefore: g.before.tickets,
  ticketsAfter: g.after.tickets,
  personWeeksBefore: g.before.personWeeks,
  personWeeksAfter: g.after.personWeeks,
  rateBefore: g.before.rate,
  rateAfter: g.after.rate,
});

const attendedKeys = (c: ReportClass): string[] => c.attendees.filter((a) => a.attendance === 'attended').map(attendeeKey);

/**
 * What the measurement needs of each of `classes`: its attended requesters, and as trained
 * elsewhere those who attended another class of `known` on the same topic that started before the
 * end of this one's after side (docs/METRICS.md: they are not a fair comparison).
 */
export const impactClassesOf = (classes: readonly ReportClass[], known: readonly ReportClass[], options: ImpactOptions): ImpactClass[] =>
  classes.map((c) => {
    const end = Date.parse(impactWindows(c.startsAt, options).after.to);
    const elsewhere = known.filter((other) => other.id !== c.id && other.topic === c.topic && Date.parse(other.startsAt) < end).flatMap(attendedKeys);
    return { topic: c.topic, startsAt: c.startsAt, attendeeKeys: attendedKeys(c), trainedElsewhereKeys: [...new Set(elsewhere)] };
  });

/** A class and its measured impact as one row of the answer. */
export const trainingImpactRow = (c: ReportClass, impact: TrainingImpact): TrainingImpactRow => {
  const { windows } = impact;
  const base = {
    id: c.id,
    title: c.title,
    topic: c.topic,
    startsAt: c.startsAt,
    attended: c.attendees.filter((a) => a.attendance === 'attended').length,
    invited: c.attendees.length,
    weeksBefore: windows.weeksBefore,
    weeksAfter: windows.weeksAfter,
    before: windows.before,
    after: windows.after,
  };
  const none = { estimate: null, standardError: null, low: null, high: null };
  switch (impact.kind) {
    case 'tooEarly':
      return { ...base, verdict: 'tooEarly', attendees: null, comparison: null, ...none, measurableFrom: impact.measurableFrom };
    case 'tooFewTickets':
      return {
        ...base,
        verdict: 'tooFewTickets',
        attendees: groupRow(impact.attendees),
        comparison: groupRow(impact.comparison),
        ...none,
        measurableFrom: null,
      };
    case 'estimate':
      return {
        ...base,
        verdict: 'estimate',
        attendees: groupRow(impact.attendees),
        comparison: groupRow(impact.comparison),
        estimate: impact.estimate,
        standardError: impact.standardError,
        low: impact.interval.low,
        high: impact.interval.high,
        measurableFrom: null,
      };
  }
};
