import { TIERS, type Tier } from '../domain/ticket';
import { HOUR_MS } from './period';
import { rate } from './percentile';
import { openedIn, type StatsQuery } from './selection';
import { ticketFacts, type History, type TicketFacts } from './ticketFacts';

export type TierRow = {
  tier: Tier;
  /** Tickets opened in the period that were at this tier at some time. */
  reached: number;
  /** Of those, the ones escalated away from this tier. */
  escalated: number;
  escalationRate: number | null;
  /** Hours those tickets spent at this tier, summed, and per ticket (mean). */
  hours: number;
  meanHours: number | null;
};

/**
 * A stay at a tier lasts from arriving there (creation, or the escalation into it) until the
 * next escalation; the last stay ends at the ticket's last resolution if it is resolved or
 * closed now, else at `now`. Time spent resolved before a reopen is not taken out.
 */
const stayHours = (f: TicketFacts, tier: Tier, now: string): number =>
  f.stays
    .filter((s) => s.tier === tier)
    .reduce((sum, s) => {
      const end = Date.parse(s.until ?? f.resolvedAt ?? now);
      return sum + Math.max(0, end - Date.parse(s.since)) / HOUR_MS;
    }, 0);

/** Escalation rate and time spent per tier, over the tickets opened in the period. */
export const computeTiers = (history: History, query: StatsQuery, facts = ticketFacts(history)): TierRow[] => {
  const opened = openedIn(facts.values(), query.period, query.filters);
  return TIERS.map((tier) => {
    const reached = opened.filter((f) => f.stays.some((s) => s.tier === tier));
    // A ticket leaves a tier only by escalation, so a stay with an end before the last one is an escalation away.
    const escalated = reached.filter((f) => f.stays.some((s) => s.tier === tier && s.until !== null)).length;
    const hours = reached.reduce((sum, f) => sum + stayHours(f, tier, query.options.now), 0);
    return { tier, reached: reached.length, escalated, escalationRate: rate(escalated, reached.length), hours, meanHours: rate(hours, reached.length) };
  });
};
