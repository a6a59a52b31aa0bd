import { tagsOf } from '../domain/tags';
import type { Ticket, Tier } from '../domain/ticket';
import { isInPeriod, type Period } from './period';
import { isOpenNow, type TicketFacts } from './ticketFacts';

/**
 * Optional narrowing of every figure. Tickets are matched on their fields as they are now
 * (tier, category, tag: one of its tags, normalised); a resolved ticket's tier is the one that resolved it, since a resolved
 * ticket cannot be escalated. The technician is the credited one for figures about resolved
 * tickets, the current assignee for figures about opened or open tickets, and the session's
 * technician for remote-session time.
 */
export type StatsFilters = { tier?: Tier; category?: string; tag?: string; technicianId?: string };

export type StatsOptions = {
  /** "Came back" window for the repeat-contact rate, in days after the resolution. */
  repeatWindowDays?: number;
  /** First-contact resolution: the longest creation-to-resolution time, in minutes. */
  fcrWindowMinutes?: number;
  /** The instant "now" for backlog, ages and breaches (a parameter, so results are reproducible). */
  now: string;
};

export const DEFAULT_REPEAT_WINDOW_DAYS = 7;
export const DEFAULT_FCR_WINDOW_MINUTES = 60;

export type StatsQuery = { period: Period; filters: StatsFilters; options: StatsOptions };

/** The tier, category and tag filters on a ticket as it is now (the technician filter depends on the figure). */
export const ticketMatches = (ticket: Ticket, filters: StatsFilters): boolean =>
  (filters.tier === undefined || ticket.tier === filters.tier) &&
  (filters.category === undefined || ticket.category === filters.category) &&
  (filters.tag === undefined || tagsOf(ticket).includes(filters.tag));

const matchesTicket = (facts: TicketFacts, filters: StatsFilters): boolean => ticketMatches(facts.ticket, filters);

/** Tickets created in the period that match the filters (technician: current assignee). */
export const openedIn = (all: Iterable<TicketFacts>, period: Period, filters: StatsFilters): TicketFacts[] =>
  [...all].filter(
    (f) =>
      isInPeriod(f.ticket.createdAt, period) &&
      matchesTicket(f, filters) &&
      (filters.technicianId === undefined || f.ticket.assigneeId === filters.technicianId),
  );

/** Tickets whose last resolution falls in the period and that match the filters (technician: credited). */
export const resolvedIn = (all: Iterable<TicketFacts>, period: Period, filters: StatsFilters): TicketFacts[] =>
  [...all].filter(
    (f) =>
      f.resolvedAt !== null &&
      isInPeriod(f.resolvedAt, period) &&
      matchesTicket(f, filters) &&
      (filters.technicianId === undefined || f.creditedTo === filters.technicianId),
  );

/** Open tickets now that match the filters (technician: current assignee). */
export const openNow = (all: Iterable<TicketFacts>, filters: StatsFilters): TicketFacts[] =>
  [...all].filter(
    (f) => isOpenNow(f.ticket) && matchesTicket(f, filters) && (filters.technicianId === undefined || f.ticket.assigneeId === filters.technicianId),
  );
