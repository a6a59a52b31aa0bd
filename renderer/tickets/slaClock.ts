import { effectiveResolutionDue, isFirstResponseBreached, NEAR_BREACH_SHARE, slaState, type SlaState } from '../../shared/domain/sla';
import { formatUnits } from '../../shared/format/durations';
import type { Ticket } from '../../shared/domain/ticket';

/** One SLA target as the header shows it: its state and the time left (negative once overdue). */
export type SlaClock = { state: SlaState; remainingMs: number; dueAt: string };

export type SlaClocks = { firstResponse: SlaClock; resolution: SlaClock };

type ClockTicket = Pick<Ticket, 'status' | 'createdAt' | 'resolvedAt' | 'resolutionDueAt' | 'pendingSince' | 'firstResponseDueAt' | 'firstRespondedAt'>;

const ms = (time: string): number => Date.parse(time);

// The first-response clock is not paused by pending (the domain counts it on the calendar), so its
// state is derived here from the same near-breach share the resolution clock uses.
const firstResponseClock = (ticket: ClockTicket, now: string): SlaClock => {
  const dueAt = ticket.firstResponseDueAt;
  const breached = isFirstResponseBreached(ticket, now);
  if (ticket.firstRespondedAt !== null) {
    return { state: breached ? 'breached' : 'met', remainingMs: ms(dueAt) - ms(ticket.firstRespondedAt), dueAt };
  }
  const remainingMs = ms(dueAt) - ms(now);
  if (breached) return { state: 'breached', remainingMs, dueAt };
  const total = ms(dueAt) - ms(ticket.createdAt);
  return { state: remainingMs <= total * NEAR_BREACH_SHARE ? 'near' : 'ok', remainingMs, dueAt };
};

/** Both SLA clocks of a ticket as of `now`; a pending ticket's resolution clock stands still. */
export const slaClocks = (ticket: ClockTicket, now: string): SlaClocks => {
  const dueAt = effectiveResolutionDue(ticket, now);
  const isDone = ticket.status === 'resolved' || ticket.status === 'closed';
  // While pending the due time moves with the clock, so the time left is what was left when the pause began.
  const remainingMs = isDone
    ? ms(dueAt) - ms(ticket.resolvedAt ?? now)
    : ticket.pendingSince !== null
      ? ms(ticket.resolutionDueAt) - ms(ticket.pendingSince)
      : ms(dueAt) - ms(now);
  return {
    firstResponse: firstResponseClock(ticket, now),
    resolution: { state: slaState(ticket, now), remainingMs, dueAt },
  };
};

/**
 * A countdown without its sign, in the two largest units and the locale's unit words: `1h 5m`
 * in English, `1 j 5 mnt` in Indonesian. The caller says "left" or "overdue". The header re-renders
 * it every second, over numbers.ts's cached formatters.
 */
export const formatCountdown = (remainingMs: number, locale = 'en'): string => {
  const totalSeconds = Math.floor(Math.abs(remainingMs) / 1000);
  const days = Math.floor(totalSeconds / 86_400);
  const hours = Math.floor((totalSeconds % 86_400) / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (days > 0)
    return formatUnits(
      [
        ['day', days],
        ['hour', hours],
      ],
      locale,
      'narrow',
    );
  if (hours > 0)
    return formatUnits(
      [
        ['hour', hours],
        ['minute', minutes],
      ],
      locale,
      'narrow',
    );
  return formatUnits(
    [
      ['minute', minutes],
      ['second', seconds],
    ],
    locale,
    'narrow',
  );
};
