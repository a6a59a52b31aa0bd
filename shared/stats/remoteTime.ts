import type { RemoteSession } from '../domain/records';
import { HOUR_MS, isInPeriod } from './period';
import { ticketMatches, type StatsQuery } from './selection';
import { ticketFacts, type History, type TicketFacts } from './ticketFacts';

/**
 * Remote sessions counted in a period: finished ones whose end falls in [from, to), with their
 * whole length (end − start); a session still running counts nowhere yet. Tier, category and
 * tag filters match the session's ticket; the technician filter matches the session's technician.
 */
const sessionsIn = (history: History, query: StatsQuery, facts: Map<string, TicketFacts>): Array<{ session: RemoteSession; category: string; hours: number }> =>
  history.sessions.flatMap((session) => {
    const ticket = facts.get(session.ticketId)?.ticket;
    const { technicianId } = query.filters;
    if (ticket === undefined || session.endedAt === null || !isInPeriod(session.endedAt, query.period)) return [];
    if (!ticketMatches(ticket, query.filters)) return [];
    if (technicianId !== undefined && session.technicianId !== technicianId) return [];
    return [{ session, category: ticket.category, hours: (Date.parse(session.endedAt) - Date.parse(session.startedAt)) / HOUR_MS }];
  });

const sumBy = <T>(items: readonly T[], key: (item: T) => string, value: (item: T) => number): Map<string, { total: number; count: number }> => {
  const sums = new Map<string, { total: number; count: number }>();
  for (const item of items) {
    const k = key(item);
    const current = sums.get(k) ?? { total: 0, count: 0 };
    sums.set(k, { total: current.total + value(item), count: current.count + 1 });
  }
  return sums;
};

/** Hours in remote sessions per technician id. */
export const remoteHoursByTechnician = (history: History, query: StatsQuery, facts = ticketFacts(history)): Map<string, number> =>
  new Map(
    [
      ...sumBy(
        sessionsIn(history, query, facts),
        (s) => s.session.technicianId,
        (s) => s.hours,
      ),
    ].map(([id, s]) => [id, s.total]),
  );

export type RemoteTimeReport = {
  byTechnician: Array<{ id: string; name: string; sessions: number; hours: number }>;
  byCategory: Array<{ category: string; sessions: number; hours: number }>;
};

/** Remote-session time per technician and per ticket category, most hours first. */
export const computeRemoteTime = (history: History, query: StatsQuery, facts = ticketFacts(history)): RemoteTimeReport => {
  const counted = sessionsIn(history, query, facts);
  const names = new Map(history.users.map((u) => [u.id, u.displayName]));
  const byTechnician = [
    ...sumBy(
      counted,
      (s) => s.session.technicianId,
      (s) => s.hours,
    ),
  ]
    .map(([id, s]) => ({ id, name: names.get(id) ?? id, sessions: s.count, hours: s.total }))
    .sort((a, b) => b.hours - a.hours || a.name.localeCompare(b.name, 'en'));
  const byCategory = [
    ...sumBy(
      counted,
      (s) => s.category,
      (s) => s.hours,
    ),
  ]
    .map(([category, s]) => ({ category, sessions: s.count, hours: s.total }))
    .sort((a, b) => b.hours - a.hours || (a.category < b.category ? -1 : 1));
  return { byTechnician, byCategory };
};
