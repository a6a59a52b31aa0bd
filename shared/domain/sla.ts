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
export const computeDueTimes = (
  createdAt: string,
  priority: Priority,
  pausedMs: number,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): SlaDueTimes => {
  const target = policy[priority];
  const created = ms(createdAt);
  return {
    firstResponseDueAt: iso(created + target.firstResponseMinutes * MINUTE),
    resolutionDueAt: iso(created + target.resolutionMinutes * MINUTE + pausedMs),
  };
};

type ClockFields = Pick<Ticket, 'pendingSince' | 'pausedMs' | 'createdAt' | 'priority'>;

/** Entering pending stops the resolution clock. */
export const pauseClock = <T extends ClockFields>(ticket: T, now: string): T =>
  ticket.pendingSince === null ? { ...ticket, pendingSince: now } : ticket;

/** Leaving pending adds the paused time and moves the resolution due time by as much. */
export const resumeClock = <T extends ClockFields & SlaDueTimes>(
  ticket: T,
  now: string,
  policy: SlaPolicy = DEFAULT_SLA_POLICY,
): T => {
  if (ticket.pendingSince === null) return ticket;
  const pausedMs = ticket.pausedMs + Math.max(0, ms(now) - ms(ticket.pendingSince));
  const due = computeDueTimes(ticket.createdAt, ticket.priority, pausedMs, policy);
  return { ...ticket, pendingSince: null, pausedMs, resolutionDueAt: due.resolutionDueAt };
};

/** The resolution due time as of `now`: a running pause pushes it back minute by minute. */
export const effectiveResolutionDue = (
  ticket: Pick<Ticket, 'resolutionDueAt' | 'pendingSince'>,
  now: string,
): string => {
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
export const slaState = (
  ticket: Pick<Ticket, 'status' | 'createdAt' | 'resolvedAt' | 'resolutionDueAt' | 'pendingSince'>,
  now: string,
): SlaState => {
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
export const isFirstResponseBreached = (
  ticket: Pick<Ticket, 'firstResponseDueAt' | 'firstRespondedAt'>,
  now: string,
): boolean => ms(ticket.firstRespondedAt ?? now) > ms(ticket.firstResponseDueAt);
