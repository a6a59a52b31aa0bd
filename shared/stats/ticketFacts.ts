import type { PublicUser, RemoteSession, TicketEvent } from '../domain/records';
import type { Ticket, Tier } from '../domain/ticket';

/** A reader's answer to "Did this solve your problem?" under a public article on /help. */
export type SelfHelpAnswer = { articleId: string; solved: boolean; at: string };

/** Everything the statistics know: the desk's records, as the server stores them. */
export type History = {
  tickets: readonly Ticket[];
  events: readonly TicketEvent[];
  sessions: readonly RemoteSession[];
  users: readonly PublicUser[];
  /** Knowledge-base articles, for the titles of the most-used ones; absent means none. */
  articles?: readonly { id: string; title: string }[];
  /** The self-help answers given on /help; absent means none. */
  selfHelp?: readonly SelfHelpAnswer[];
};

/** A stretch of time a ticket spent at one tier; `until` null means it is still there. */
export type TierStay = { tier: Tier; since: string; until: string | null };

/** What the metrics need to know about one ticket, derived from its record and its timeline. */
export type TicketFacts = {
  ticket: Ticket;
  /** The last resolution if the ticket is resolved or closed now (`ticket.resolvedAt`), else null. */
  resolvedAt: string | null;
  /** Assignee at the moment of the last resolution; null if unassigned then or not resolved. */
  creditedTo: string | null;
  isReopened: boolean;
  isEscalated: boolean;
  /** Tiers in the order the ticket went through them. */
  stays: TierStay[];
  calls: number;
  sessions: number;
  /** Distinct technicians the ticket was ever assigned to. */
  assignees: number;
};

const OPEN_STATUSES = new Set(['new', 'open', 'pending']);
export const isOpenNow = (ticket: Ticket): boolean => OPEN_STATUSES.has(ticket.status);

// Same-instant events keep a stable order: by time, then id (event ids are mutationId:index).
const byTime = (a: TicketEvent, b: TicketEvent): number => Date.parse(a.at) - Date.parse(b.at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const groupBy = <T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
};

/**
 * The credited technician: replay `assigned` events (in time order) up to and including the resolution instant.
 * A ticket with no `assigned` events at all (imported history) credits its stored assignee.
 */
const creditedAssignee = (ticket: Pick<Ticket, 'assigneeId'>, events: readonly TicketEvent[], resolvedAt: string | null): string | null => {
  if (resolvedAt === null) return null;
  const assignments = events.filter((e) => e.type === 'assigned');
  if (assignments.length === 0) return ticket.assigneeId;
  const resolved = Date.parse(resolvedAt);
  let assignee: string | null = null;
  for (const e of assignments) if (e.type === 'assigned' && Date.parse(e.at) <= resolved) assignee = e.data.to;
  return assignee;
};

/**
 * The technician credited with a ticket's resolution (docs/METRICS.md, "Resolved, and by whom"),
 * from the ticket and its timeline in any order; null while it is open, or if nobody held it then.
 * The queue uses it to show exactly the tickets a technician's resolved figure counts.
 */
export const creditedTechnician = (ticket: Pick<Ticket, 'status' | 'resolvedAt' | 'assigneeId'>, events: readonly TicketEvent[]): string | null =>
  creditedAssignee(ticket, [...events].sort(byTime), OPEN_STATUSES.has(ticket.status) ? null : ticket.resolvedAt);

const tierStays = (ticket: Ticket, events: readonly TicketEvent[]): TierStay[] => {
  const escalations = events.flatMap((e) => (e.type === 'escalated' ? [{ at: e.at, ...e.data }] : []));
  const first = escalations[0];
  // Before its first escalation a ticket sat at that escalation's fromTier; never escalated: its tier now.
  const stays: TierStay[] = [{ tier: first?.fromTier ?? ticket.tier, since: ticket.createdAt, until: null }];
  for (const esc of escalations) {
    const current = stays[stays.length - 1];
    if (current !== undefined) current.until = esc.at;
    stays.push({ tier: esc.toTier, since: esc.at, until: null });
  }
  return stays;
};

/** Facts for every ticket, keyed by ticket id. */
export const ticketFacts = (history: History): Map<string, TicketFacts> => {
  const eventsByTicket = groupBy(history.events, (e) => e.ticketId);
  const sessionsByTicket = groupBy(history.sessions, (s) => s.ticketId);
  const facts = new Map<string, TicketFacts>();
  for (const ticket of history.tickets) {
    const events = [...(eventsByTicket.get(ticket.id) ?? [])].sort(byTime);
    const resolvedAt = isOpenNow(ticket) ? null : ticket.resolvedAt;
    const assignees = new Set(events.flatMap((e) => (e.type === 'assigned' && e.data.to !== null ? [e.data.to] : [])));
    if (ticket.assigneeId !== null) assignees.add(ticket.assigneeId);
    facts.set(ticket.id, {
      ticket,
      resolvedAt,
      creditedTo: creditedAssignee(ticket, events, resolvedAt),
      isReopened: ticket.reopenCount > 0 || events.some((e) => e.type === 'status_changed' && e.data.isReopen),
      isEscalated: events.some((e) => e.type === 'escalated'),
      stays: tierStays(ticket, events),
      calls: events.filter((e) => e.type === 'call_logged').length,
      sessions: sessionsByTicket.get(ticket.id)?.length ?? 0,
      assignees: assignees.size,
    });
  }
  return facts;
};
