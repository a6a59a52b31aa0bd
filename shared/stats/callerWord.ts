import type { CallerAnswer, TicketEvent } from '../domain/records';
import { rate } from './percentile';
import { isInPeriod } from './period';
import { resolvedIn, ticketMatches, type StatsQuery } from './selection';
import type { History, TicketFacts } from './ticketFacts';

/**
 * The caller's word on resolutions (docs/METRICS.md, "The caller's word"). Rates are fractions
 * 0..1 and the mean a rating 1..5; each is null when there was nothing to judge.
 */
export type CallerFigures = {
  /** Of the tickets resolved in the period, the share whose last resolution its caller confirmed (Yes). */
  confirmedResolutionRate: number | null;
  /** Of the callers' answers to resolutions made in the period, the share that said No (and so reopened the ticket). */
  callerReopenRate: number | null;
  /** Of the ratings given to resolutions made in the period, the share of 4s and 5s (as a CSAT). */
  satisfactionScore: number | null;
  /** The mean of those ratings. */
  satisfactionMean: number | null;
  /** How many ratings those are. */
  satisfactionAnswers: number;
};

/** One caller's answer as the statistics read it: the ticket, the resolution answered and what was said. */
export type AnswerFact = { ticketId: string } & CallerAnswer;

export const answersOf = (events: readonly TicketEvent[]): AnswerFact[] =>
  events.flatMap((e) => (e.type === 'caller_answered' ? [{ ticketId: e.ticketId, ...e.data }] : []));

/**
 * The answers that count for a period: to a resolution made in it (`resolvedAt`, whatever the time
 * of the answer), on a ticket matching the filters as it is now; the technician filter matches the
 * technician the answer was about (the assignee when the caller answered).
 */
export const answersIn = (answers: readonly AnswerFact[], facts: ReadonlyMap<string, TicketFacts>, query: StatsQuery): AnswerFact[] =>
  answers.filter((a) => {
    const f = facts.get(a.ticketId);
    return (
      f !== undefined &&
      isInPeriod(a.resolvedAt, query.period) &&
      ticketMatches(f.ticket, query.filters) &&
      (query.filters.technicianId === undefined || a.technicianId === query.filters.technicianId)
    );
  });

const isConfirmed = (f: TicketFacts, yes: ReadonlySet<string>): boolean => f.resolvedAt !== null && yes.has(`${f.ticket.id} ${Date.parse(f.resolvedAt)}`);

/** The figures from the tickets resolved and the answers that count, both already chosen. */
export const callerFiguresOf = (resolved: readonly TicketFacts[], answers: readonly AnswerFact[], all: readonly AnswerFact[]): CallerFigures => {
  const yes = new Set(all.filter((a) => a.solved).map((a) => `${a.ticketId} ${Date.parse(a.resolvedAt)}`));
  const ratings = answers.flatMap((a) => (a.solved && a.rating !== null ? [a.rating] : []));
  return {
    confirmedResolutionRate: rate(resolved.filter((f) => isConfirmed(f, yes)).length, resolved.length),
    callerReopenRate: rate(answers.filter((a) => !a.solved).length, answers.length),
    satisfactionScore: rate(ratings.filter((r) => r >= 4).length, ratings.length),
    satisfactionMean: ratings.length === 0 ? null : ratings.reduce((sum, r) => sum + r, 0) / ratings.length,
    satisfactionAnswers: ratings.length,
  };
};

/** The desk's figures for a query. */
export const computeCallerFigures = (history: History, query: StatsQuery, facts: ReadonlyMap<string, TicketFacts>): CallerFigures => {
  const all = answersOf(history.events);
  return callerFiguresOf(resolvedIn(facts.values(), query.period, query.filters), answersIn(all, facts, query), all);
};

/** One technician's figures: their credited resolutions, and the answers about them. */
export const technicianCallerFigures = (
  id: string,
  resolved: readonly TicketFacts[],
  answers: readonly AnswerFact[],
  all: readonly AnswerFact[],
): CallerFigures =>
  callerFiguresOf(
    resolved.filter((f) => f.creditedTo === id),
    answers.filter((a) => a.technicianId === id),
    all,
  );
