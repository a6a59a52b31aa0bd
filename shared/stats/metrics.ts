import type { Ticket } from '../domain/ticket';
import { PRIORITIES, type Priority } from '../domain/ticket';
import { DAY_MS, HOUR_MS } from './period';
import { nearestRank, rate } from './percentile';
import { remoteHoursByTechnician } from './remoteTime';
import { requesterKey } from './requester';
import { DEFAULT_FCR_WINDOW_MINUTES, DEFAULT_REPEAT_WINDOW_DAYS, openedIn, resolvedIn, type StatsQuery } from './selection';
import { breachingNow } from './backlog';
import { answersIn, answersOf, computeCallerFigures, technicianCallerFigures, type CallerFigures } from './callerWord';
import { articleFiguresOf, articleLinksOf, computeKnowledgeFigures, type ArticleFigures, type SelfHelpFigures } from './knowledge';
import { ticketFacts, type History, type TicketFacts } from './ticketFacts';

/** Headline figures for a period. Rates are fractions 0..1, null when nothing was there to judge. */
export type StatsSummary = {
  opened: number;
  resolved: number;
  reopenRate: number | null;
  repeatContactRate: number | null;
  firstContactResolutionRate: number | null;
  escalationRate: number | null;
  medianResolutionHours: number | null;
  p90ResolutionHours: number | null;
  slaAttainment: number | null;
} & CallerFigures &
  ArticleFigures &
  SelfHelpFigures;

export type TechnicianRow = {
  id: string;
  name: string;
  resolved: number;
  reopenRate: number | null;
  repeatContactRate: number | null;
  medianResolutionHours: number | null;
  remoteSessionHours: number;
} & CallerFigures &
  ArticleFigures;

export type ResolutionByPriorityRow = { priority: Priority; resolved: number; medianHours: number | null; p90Hours: number | null };

/** Creation to last resolution, in hours. */
export const resolutionHours = (f: TicketFacts): number => (Date.parse(f.resolvedAt ?? f.ticket.createdAt) - Date.parse(f.ticket.createdAt)) / HOUR_MS;

/**
 * Whether the requester opened another ticket in the same category within the window after the
 * resolution: created strictly after `resolvedAt` and at most `days` × 24 h later. The other
 * ticket may be any ticket; the filters do not apply to it.
 */
const makeRepeatCheck = (tickets: readonly Ticket[], days: number): ((f: TicketFacts) => boolean) => {
  const byRequester = new Map<string, Ticket[]>();
  for (const t of tickets) {
    const key = `${requesterKey(t)}\u0000${t.category}`;
    const same = byRequester.get(key);
    if (same === undefined) byRequester.set(key, [t]);
    else same.push(t);
  }
  return (f) => {
    if (f.resolvedAt === null) return false;
    const resolved = Date.parse(f.resolvedAt);
    const others = byRequester.get(`${requesterKey(f.ticket)}\u0000${f.ticket.category}`) ?? [];
    return others.some((t) => {
      const created = Date.parse(t.createdAt);
      return t.id !== f.ticket.id && created > resolved && created <= resolved + days * DAY_MS;
    });
  };
};

/**
 * First-contact resolution: the desk fixed it in the first contact. The ticket is at tier 1,
 * was never escalated or reopened, was resolved within `fcrWindowMinutes` of its creation,
 * had at most one call and at most one remote session, and at most one technician was ever assigned.
 */
const isFirstContactResolution = (f: TicketFacts, windowMinutes: number): boolean => {
  const ms = firstContactResolutionMs(f);
  return ms !== null && ms <= windowMinutes * 60_000;
};

/**
 * Everything in the first-contact rule but the time window: the resolution time in ms if the
 * ticket qualifies otherwise, else null. The server stores it per ticket and compares it with
 * the window in SQL, so the rule is written once, here.
 */
export const firstContactResolutionMs = (f: TicketFacts): number | null =>
  f.resolvedAt !== null && f.ticket.tier === 1 && !f.isEscalated && !f.isReopened && f.calls <= 1 && f.sessions <= 1 && f.assignees <= 1
    ? Date.parse(f.resolvedAt) - Date.parse(f.ticket.createdAt)
    : null;

const share = (items: readonly TicketFacts[], test: (f: TicketFacts) => boolean): number | null => rate(items.filter(test).length, items.length);

const hoursOf = (items: readonly TicketFacts[]): number[] => items.map(resolutionHours);

const slaMet = (f: TicketFacts): boolean => f.resolvedAt !== null && Date.parse(f.resolvedAt) <= Date.parse(f.ticket.resolutionDueAt);

export const computeSummary = (history: History, query: StatsQuery, facts = ticketFacts(history)): StatsSummary => {
  const { period, filters, options } = query;
  const opened = openedIn(facts.values(), period, filters);
  const resolved = resolvedIn(facts.values(), period, filters);
  const isRepeat = makeRepeatCheck(history.tickets, options.repeatWindowDays ?? DEFAULT_REPEAT_WINDOW_DAYS);
  const fcrWindow = options.fcrWindowMinutes ?? DEFAULT_FCR_WINDOW_MINUTES;
  const hours = hoursOf(resolved);
  return {
    opened: opened.length,
    resolved: resolved.length,
    reopenRate: share(resolved, (f) => f.isReopened),
    repeatContactRate: share(resolved, isRepeat),
    firstContactResolutionRate: share(resolved, (f) => isFirstContactResolution(f, fcrWindow)),
    escalationRate: share(opened, (f) => f.isEscalated),
    medianResolutionHours: nearestRank(hours, 50),
    p90ResolutionHours: nearestRank(hours, 90),
    slaAttainment: share(resolved, slaMet),
    ...computeCallerFigures(history, query, facts),
    ...computeKnowledgeFigures(history, query, facts),
  };
};

/**
 * One row per technician with a credited resolution or remote-session time in the period, plus
 * every active technician account (with zeros), so an idle technician shows. Sorted by resolved
 * (most first), then name. Tickets resolved by nobody (unassigned at resolution) count in the
 * summary but in no row.
 */
export const computeTechnicians = (history: History, query: StatsQuery, facts = ticketFacts(history)): { rows: TechnicianRow[] } => {
  const { period, filters, options } = query;
  const resolved = resolvedIn(facts.values(), period, filters);
  const isRepeat = makeRepeatCheck(history.tickets, options.repeatWindowDays ?? DEFAULT_REPEAT_WINDOW_DAYS);
  const remote = remoteHoursByTechnician(history, query, facts);
  const ids = new Set<string>([...resolved.flatMap((f) => (f.creditedTo === null ? [] : [f.creditedTo])), ...remote.keys()]);
  for (const u of history.users) if (u.role === 'technician' && u.active) ids.add(u.id);
  const names = new Map(history.users.map((u) => [u.id, u.displayName]));
  const allAnswers = answersOf(history.events);
  const answers = answersIn(allAnswers, facts, query);
  const links = articleLinksOf(history.events);
  const rows = [...ids]
    .filter((id) => filters.technicianId === undefined || id === filters.technicianId)
    .map((id): TechnicianRow => {
      const mine = resolved.filter((f) => f.creditedTo === id);
      return {
        id,
        name: names.get(id) ?? id,
        resolved: mine.length,
        reopenRate: share(mine, (f) => f.isReopened),
        repeatContactRate: share(mine, isRepeat),
        medianResolutionHours: nearestRank(hoursOf(mine), 50),
        remoteSessionHours: remote.get(id) ?? 0,
        ...technicianCallerFigures(id, resolved, answers, allAnswers),
        ...articleFiguresOf(mine, links),
      };
    })
    .sort((a, b) => b.resolved - a.resolved || a.name.localeCompare(b.name, 'en') || (a.id < b.id ? -1 : 1));
  return { rows };
};

/** Median and 90th percentile of resolution time per priority, over the tickets resolved in the period. */
export const computeResolutionByPriority = (history: History, query: StatsQuery, facts = ticketFacts(history)): ResolutionByPriorityRow[] => {
  const resolved = resolvedIn(facts.values(), query.period, query.filters);
  return [...PRIORITIES].reverse().map((priority) => {
    const hours = hoursOf(resolved.filter((f) => f.ticket.priority === priority));
    return { priority, resolved: hours.length, medianHours: nearestRank(hours, 50), p90Hours: nearestRank(hours, 90) };
  });
};

export type SlaReport = { resolved: number; met: number; attainment: number | null; breachingNow: number; breachingTicketIds: string[] };

/** SLA attainment over the tickets resolved in the period, and the open tickets past their due time now. */
export const computeSla = (history: History, query: StatsQuery, facts = ticketFacts(history)): SlaReport => {
  const resolved = resolvedIn(facts.values(), query.period, query.filters);
  const met = resolved.filter(slaMet).length;
  const breaching = breachingNow(facts.values(), query.filters, query.options.now);
  return { resolved: resolved.length, met, attainment: rate(met, resolved.length), breachingNow: breaching.length, breachingTicketIds: breaching };
};
