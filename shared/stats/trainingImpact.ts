import type { Ticket } from '../domain/ticket';
import { rate } from './percentile';
import { isoWeekStart, WEEK_MS, type Period } from './period';
import { requesterKey } from './requester';

/**
 * Training impact (docs/METRICS.md, "Training impact"): did the people who attended a class
 * open fewer tickets in its topic afterwards than comparable people who did not attend, over the
 * same calendar weeks? A difference in differences of rates per person-week, with a 95 % interval.
 */

/** Weeks on each side of the class unless asked otherwise. */
export const DEFAULT_IMPACT_WEEKS = 8;
/** The most weeks a side may have: a year. */
export const MAX_IMPACT_WEEKS = 52;
/** Tickets each group needs over both sides together before an estimate is given (below it the normal interval is not trustworthy). */
export const MIN_IMPACT_TICKETS = 10;
/** The two-sided 95 % quantile of the normal distribution, rounded as textbooks print it. */
export const Z_95 = 1.96;

/**
 * One class as the measurement needs it, whatever stores it. `attendeeKeys` are the requester
 * keys (`requesterKey`) of the people marked as attended, not merely invited.
 * `trainedElsewhereKeys`: people who attended another class on the same topic that started before
 * the end of this class's after side; they were trained too, so they are kept out of the comparison
 * group (they are not attendees of this class either).
 */
export type ImpactClass = {
  topic: string;
  startsAt: string;
  attendeeKeys: readonly string[];
  trainedElsewhereKeys?: readonly string[];
};

/** A ticket as the measurement reads it: who (requester key), what (category) and when (ISO creation time). */
export type ImpactTicket = { requesterKey: string; category: string; createdAt: string };

export const impactTicketOf = (ticket: Pick<Ticket, 'requester' | 'category' | 'createdAt'>): ImpactTicket => ({
  requesterKey: requesterKey(ticket),
  category: ticket.category,
  createdAt: ticket.createdAt,
});

/** `weeks`: an integer from 1 to MAX_IMPACT_WEEKS. `now`: only weeks that have ended by then are counted. */
export type ImpactOptions = { weeks: number; now: string };

/**
 * The calendar weeks compared, ISO weeks (Monday 00:00 UTC). The class's own week is in neither
 * side. `before`: the `weeks` whole weeks just before it. `after`: from the Monday after it, the
 * whole weeks that have ended by `now`, at most `weeks` (`weeksAfter` of them; 0 until the first ends).
 */
export type ImpactWindows = {
  classWeek: string;
  before: Period;
  after: Period;
  weeksBefore: number;
  weeksAfter: number;
};

export const impactWindows = (startsAt: string, options: ImpactOptions): ImpactWindows => {
  const { weeks, now } = options;
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > MAX_IMPACT_WEEKS)
    throw new RangeError(`weeks must be an integer from 1 to ${MAX_IMPACT_WEEKS}: ${weeks}`);
  const start = Date.parse(startsAt);
  const nowMs = Date.parse(now);
  if (Number.isNaN(start)) throw new RangeError(`startsAt is not a time: ${startsAt}`);
  if (Number.isNaN(nowMs)) throw new RangeError(`now is not a time: ${now}`);
  const classWeek = Date.parse(isoWeekStart(start));
  const afterFrom = classWeek + WEEK_MS;
  const weeksAfter = Math.min(weeks, Math.max(0, Math.floor((nowMs - afterFrom) / WEEK_MS)));
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    classWeek: iso(classWeek),
    before: { from: iso(classWeek - weeks * WEEK_MS), to: iso(classWeek) },
    after: { from: iso(afterFrom), to: iso(afterFrom + weeksAfter * WEEK_MS) },
    weeksBefore: weeks,
    weeksAfter,
  };
};

/** Tickets in the topic per week of each side (oldest first), and how many people the group has. */
export type GroupCounts = { persons: number; before: number[]; after: number[] };

export type SideFigures = {
  /** Tickets in the topic in each week of the side, oldest first. */
  weekly: number[];
  tickets: number;
  /** persons × weeks of the side. */
  personWeeks: number;
  /** tickets ÷ personWeeks; null when the group has nobody. */
  rate: number | null;
};

export type GroupFigures = {
  persons: number;
  before: SideFigures;
  after: SideFigures;
  /** after.rate − before.rate, in tickets per person-week; null when the group has nobody. */
  change: number | null;
};

export type TrainingImpact =
  | {
      kind: 'estimate';
      windows: ImpactWindows;
      attendees: GroupFigures;
      comparison: GroupFigures;
      /** attendees.change − comparison.change, tickets per person-week: below 0 means attendees fell more (or rose less). */
      estimate: number;
      /** √(Σ tickets ÷ personWeeks²) over the four cells: each count taken as Poisson, its variance estimated by itself. */
      standardError: number;
      /** estimate ± Z_95 × standardError. */
      interval: { low: number; high: number };
    }
  | { kind: 'tooFewTickets'; windows: ImpactWindows; attendees: GroupFigures; comparison: GroupFigures; minimum: number }
  /** No week after the class has ended yet: `measurableFrom` is when the first one does. */
  | { kind: 'tooEarly'; windows: ImpactWindows; measurableFrom: string };

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

const sideFigures = (weekly: readonly number[], persons: number): SideFigures => {
  const tickets = sum(weekly);
  const personWeeks = persons * weekly.length;
  return { weekly: [...weekly], tickets, personWeeks, rate: rate(tickets, personWeeks) };
};

const groupFigures = (counts: GroupCounts): GroupFigures => {
  const before = sideFigures(counts.before, counts.persons);
  const after = sideFigures(counts.after, counts.persons);
  return { persons: counts.persons, before, after, change: before.rate === null || after.rate === null ? null : after.rate - before.rate };
};

/** A Poisson count's estimated variance, carried to its rate: tickets ÷ personWeeks². */
const rateVariance = (side: SideFigures): number => (side.personWeeks === 0 ? 0 : side.tickets / side.personWeeks ** 2);

/**
 * The estimate from the weekly counts of both groups: the one place the arithmetic is done, for
 * the reference and for SQL alike. The counts' lengths must be the windows' weeks.
 */
export const impactFromCounts = (windows: ImpactWindows, counts: { attendees: GroupCounts; comparison: GroupCounts }): TrainingImpact => {
  if (windows.weeksAfter === 0) return { kind: 'tooEarly', windows, measurableFrom: new Date(Date.parse(windows.after.from) + WEEK_MS).toISOString() };
  const attendees = groupFigures(counts.attendees);
  const comparison = groupFigures(counts.comparison);
  const enough = (g: GroupFigures) => g.before.tickets + g.after.tickets >= MIN_IMPACT_TICKETS;
  if (!enough(attendees) || !enough(comparison) || attendees.change === null || comparison.change === null)
    return { kind: 'tooFewTickets', windows, attendees, comparison, minimum: MIN_IMPACT_TICKETS };
  const estimate = attendees.change - comparison.change;
  const variance = rateVariance(attendees.before) + rateVariance(attendees.after) + rateVariance(comparison.before) + rateVariance(comparison.after);
  const standardError = Math.sqrt(variance);
  const half = Z_95 * standardError;
  return { kind: 'estimate', windows, attendees, comparison, estimate, standardError, interval: { low: estimate - half, high: estimate + half } };
};

/** Which week of a side `time` falls in, or null outside it. */
const weekIn = (time: number, side: Period): number | null => {
  const from = Date.parse(side.from);
  return time >= from && time < Date.parse(side.to) ? Math.floor((time - from) / WEEK_MS) : null;
};

/**
 * The reference: a class's training impact from a plain list of tickets.
 * Attendees: the distinct `attendeeKeys`. Comparison: every other requester with at least one
 * ticket in the topic in the weeks before, except those trained elsewhere. Both are counted over
 * the same weeks; a ticket counts when it is in the topic and in one of the two sides.
 */
export const trainingImpact = (trainingClass: ImpactClass, tickets: Iterable<ImpactTicket>, options: ImpactOptions): TrainingImpact => {
  const windows = impactWindows(trainingClass.startsAt, options);
  const attendees = new Set(trainingClass.attendeeKeys);
  const excluded = new Set([...attendees, ...(trainingClass.trainedElsewhereKeys ?? [])]);
  const inTopic = [...tickets].filter((t) => t.category === trainingClass.topic);
  const comparison = new Set(
    inTopic.filter((t) => !excluded.has(t.requesterKey) && weekIn(Date.parse(t.createdAt), windows.before) !== null).map((t) => t.requesterKey),
  );
  const counts = {
    attendees: { persons: attendees.size, before: zeros(windows.weeksBefore), after: zeros(windows.weeksAfter) },
    comparison: { persons: comparison.size, before: zeros(windows.weeksBefore), after: zeros(windows.weeksAfter) },
  };
  for (const t of inTopic) {
    const group = attendees.has(t.requesterKey) ? counts.attendees : comparison.has(t.requesterKey) ? counts.comparison : null;
    if (group === null) continue;
    const time = Date.parse(t.createdAt);
    const before = weekIn(time, windows.before);
    const after = weekIn(time, windows.after);
    if (before !== null) group.before[before] = (group.before[before] ?? 0) + 1;
    if (after !== null) group.after[after] = (group.after[after] ?? 0) + 1;
  }
  return impactFromCounts(windows, counts);
};

const zeros = (length: number): number[] => Array.from({ length }, () => 0);
