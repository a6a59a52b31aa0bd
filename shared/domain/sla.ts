import type { Priority, Ticket } from './ticket';

/** Targets in minutes, counted on the calendar clock (24/7 desk). */
export type SlaTarget = { firstResponseMinutes: number; resolutionMinutes: number };
export type SlaPolicy = Readonly<Record<Priority, SlaTarget>>;

export const DEFAULT_SLA_POLICY: SlaPolicy = {
  urgent: { firstResponseMinutes: 15, resolutionMinutes: 4 * 60 },
  high: { firstResponseMinutes: 60, resolutionMinutes: 8 * 60 },
  normal: { firstResponseMinutes: 4 * 60, resolutionMinutes: 24 * 60 },
  low: { firstResponseMinutes: 8 * 60, resolutionMinutes: 72 * 60 },
};

const MINUTE = 60_000;
const iso = (ms: number): string => new Date(ms).toISOString();
const ms = (time: string): number => Date.parse(time);

export type SlaDueTimes = Pick<Ticket, 'firstResponseDueAt' | 'resolutionDueAt'>;

/** Due times from the creation time, the priority's targets and the time already spent pending. */
export const computeDueTimes = (createdAt: string, priority: Priority, pausedMs: number, policy: SlaPolicy = DEFAULT_SLA_POLICY): SlaDueTimes => {
  const target = policy[priority];
  const created = ms(createdAt);
  return {
    firstResponseDueAt: iso(created + target.firstResponseMinutes * MINUTE),
    resolutionDueAt: iso(created + target.resolutionMinutes * MINUTE + pausedMs),
  };
};

type ClockFields = Pick<Ticket, 'pendingSince' | 'pausedMs' | 'createdAt' | 'priority'>;

/** Entering pending stops the resolution clock. */
export const pauseClock = <T extends ClockFields>(ticket: T, now: string): T => (ticket.pendingSince === null ? { ...ticket, pendingSince: now } : ticket);

/** Leaving pending adds the paused time and moves the resolution due time by as much. */
export const resumeClock = <T extends ClockFields & SlaDueTimes>(ticket: T, now: string, policy: SlaPolicy = DEFAULT_SLA_POLICY): T => {
  if (ticket.pendingSince === null) return ticket;
  const pausedMs = ticket.pausedMs + Math.max(0, ms(now) - ms(ticket.pendingSince));
  const due = computeDueTimes(ticket.createdAt, ticket.priority, pausedMs, policy);
  return { ...ticket, pendingSince: null, pausedMs, resolutionDueAt: due.resolutionDueAt };
};

/** The resolution due time as of `now`: a running pause pushes it back minute by minute. */
export const effectiveResolutionDue = (ticket: Pick<Ticket, 'resolutionDueAt' | 'pendingSince'>, now: string): string => {
  if (ticket.pendingSince === null) return ticket.resolutionDueAt;
  return iso(ms(ticket.resolutionDueAt) + Math.max(0, ms(now) - ms(ticket.pendingSince)));
};

export type SlaState = 'met' | 'ok' | 'near' | 'breached' | 'paused';

/** Share of the target left below which a ticket counts as near breach. */
export const NEAR_BREACH_SHARE = 0.25;

/**
 * Where a ticket stands against its resolution target as of `now`.
 * Resolved or closed tickets are `met` or `breached` by their resolution time; pending ones are `paused`.
 */
export const slaState = (ticket: Pick<Ticket, 'status' | 'createdAt' | 'resolvedAt' | 'resolutionDueAt' | 'pendingSince'>, now: string): SlaState => {
  const due = ms(effectiveResolutionDue(ticket, now));
  if (ticket.status === 'resolved' || ticket.status === 'closed') {
    const resolved = ticket.resolvedAt === null ? ms(now) : ms(ticket.resolvedAt);
    return resolved <= due ? 'met' : 'breached';
  }
  const current = ms(now);
  if (current > due) return 'breached';
  if (ticket.pendingSince !== null) return 'paused';
  const total = due - ms(ticket.createdAt);
  return due - current <= total * NEAR_BREACH_SHARE ? 'near' : 'ok';
};

/** Whether the first response came (or, still missing, is) past its due time. */
export const isFirstResponseBreached = (ticket: Pick<Ticket, 'firstResponseDueAt' | 'firstRespondedAt'>, now: string): boolean =>
  ms(ticket.firstRespondedAt ?? now) > ms(ticket.firstResponseDueAt);

/** The two SLA clocks of a ticket. */
export type SlaClockName = 'firstResponse' | 'resolution';

/** What the next deadline is computed from, as epoch milliseconds (null where the ticket has none). */
export type DeadlineTimes = {
  isDone: boolean;
  createdMs: number;
  firstRespondedMs: number | null;
  firstResponseDueMs: number;
  /** The stored resolution due time (without the pause still running). */
  resolutionDueMs: number;
  pendingSinceMs: number | null;
};

/** A deadline the ticket can still meet or miss, and where it stands. */
export type Deadline = { target: SlaClockName; dueMs: number; state: Exclude<SlaState, 'met'> };

/**
 * The ticket's next deadline as of `nowMs`: its first response until there is one (that clock
 * never pauses, and an overdue one is still owed), then its resolution (pushed back by a pause
 * still running); none once it is resolved or closed, when nothing is left to meet or miss.
 * A deadline is breached once `nowMs` is past it, paused while a resolution waits on pending, and
 * near in the last quarter (NEAR_BREACH_SHARE) of the time from creation to it; as `slaState`.
 */
export const nextDeadlineOfTimes = (times: DeadlineTimes, nowMs: number): Deadline | null => {
  if (times.isDone) return null;
  const isResponded = times.firstRespondedMs !== null;
  const target: SlaClockName = isResponded ? 'resolution' : 'firstResponse';
  const isPaused = isResponded && times.pendingSinceMs !== null;
  const dueMs = !isResponded
    ? times.firstResponseDueMs
    : times.resolutionDueMs + (times.pendingSinceMs === null ? 0 : Math.max(0, nowMs - times.pendingSinceMs));
  const state = nowMs > dueMs ? 'breached' : isPaused ? 'paused' : dueMs - nowMs <= (dueMs - times.createdMs) * NEAR_BREACH_SHARE ? 'near' : 'ok';
  return { target, dueMs, state };
};

type DeadlineTicket = Pick<Ticket, 'status' | 'createdAt' | 'firstRespondedAt' | 'firstResponseDueAt' | 'resolutionDueAt' | 'pendingSince'>;

export const deadlineTimes = (ticket: DeadlineTicket): DeadlineTimes => ({
  isDone: ticket.status === 'resolved' || ticket.status === 'closed',
  createdMs: ms(ticket.createdAt),
  firstRespondedMs: ticket.firstRespondedAt === null ? null : ms(ticket.firstRespondedAt),
  firstResponseDueMs: ms(ticket.firstResponseDueAt),
  resolutionDueMs: ms(ticket.resolutionDueAt),
  pendingSinceMs: ticket.pendingSince === null ? null : ms(ticket.pendingSince),
});

/** nextDeadlineOfTimes of a ticket record, with the due time as ISO 8601. */
export const nextDeadline = (ticket: DeadlineTicket, now: string): (Omit<Deadline, 'dueMs'> & { dueAt: string }) | null => {
  const deadline = nextDeadlineOfTimes(deadlineTimes(ticket), ms(now));
  return deadline === null ? null : { target: deadline.target, dueAt: iso(deadline.dueMs), state: deadline.state };
};
