import { effectiveResolutionDue } from '../domain/sla';
import { TIERS, type Tier } from '../domain/ticket';
import { HOUR_MS } from './period';
import { openNow, type StatsFilters } from './selection';
import { ticketFacts, type History, type TicketFacts } from './ticketFacts';

/** Age bands of open tickets, by time since creation; each includes its lower bound and excludes its upper. */
export const AGE_BANDS = [
  { id: 'under1d', fromHours: 0, toHours: 24 },
  { id: '1to3d', fromHours: 24, toHours: 72 },
  { id: '3to7d', fromHours: 72, toHours: 168 },
  { id: '7to30d', fromHours: 168, toHours: 720 },
  { id: 'over30d', fromHours: 720, toHours: Number.POSITIVE_INFINITY },
] as const;
export type AgeBand = (typeof AGE_BANDS)[number]['id'];

export const ageBandOf = (ageMs: number): AgeBand => {
  const hours = ageMs / HOUR_MS;
  return AGE_BANDS.find((b) => hours < b.toHours)?.id ?? 'over30d';
};

type BandCounts = Record<AgeBand, number>;
const emptyBands = (): BandCounts => ({ under1d: 0, '1to3d': 0, '3to7d': 0, '7to30d': 0, over30d: 0 });

export type Backlog = {
  /** Open (new, open or pending) tickets created at or before `now`. */
  total: number;
  byTier: Array<{ tier: Tier; total: number; byAgeBand: BandCounts }>;
  byAgeBand: BandCounts;
};

// Tickets created after `now` do not exist yet from its point of view.
const openAt = (all: Iterable<TicketFacts>, filters: StatsFilters, now: string): TicketFacts[] =>
  openNow(all, filters).filter((f) => Date.parse(f.ticket.createdAt) <= Date.parse(now));

/** The backlog as of `now` (the period does not apply: it is a snapshot). */
export const computeBacklog = (history: History, filters: StatsFilters, now: string, facts = ticketFacts(history)): Backlog => {
  const open = openAt(facts.values(), filters, now);
  const byAgeBand = emptyBands();
  const byTier = TIERS.map((tier) => ({ tier, total: 0, byAgeBand: emptyBands() }));
  for (const f of open) {
    const band = ageBandOf(Date.parse(now) - Date.parse(f.ticket.createdAt));
    byAgeBand[band] += 1;
    const row = byTier.find((r) => r.tier === f.ticket.tier);
    if (row !== undefined) {
      row.total += 1;
      row.byAgeBand[band] += 1;
    }
  }
  return { total: open.length, byTier, byAgeBand };
};

/**
 * Ids of open tickets past their resolution due time at `now` (strictly after it). A pending
 * ticket's running pause moves its due time, as on the ticket screen; the ids are oldest due first.
 */
export const breachingNow = (all: Iterable<TicketFacts>, filters: StatsFilters, now: string): string[] =>
  openAt(all, filters, now)
    .map((f) => ({ id: f.ticket.id, due: Date.parse(effectiveResolutionDue(f.ticket, now)) }))
    .filter((t) => t.due < Date.parse(now))
    .sort((a, b) => a.due - b.due || (a.id < b.id ? -1 : 1))
    .map((t) => t.id);
