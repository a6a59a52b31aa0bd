import { RESOLUTION_BANDS, type ResolutionBand } from './api';
import { resolutionHours } from './metrics';
import type { Period } from './period';
import { resolvedIn, type StatsFilters } from './selection';
import type { TicketFacts } from './ticketFacts';

/** The band a resolution time falls in: each band includes its lower bound and excludes its upper. */
export const resolutionBandOf = (hours: number): ResolutionBand => RESOLUTION_BANDS.find((b) => hours < b.toHours)?.id ?? 'over7d';

/** Tickets resolved in the period (last resolution in [from, to)) counted by resolution-time band; every band is listed, empty ones with 0. */
export const resolutionTimeDistribution = (
  facts: Iterable<TicketFacts>,
  period: Period,
  filters: StatsFilters,
): Array<{ band: ResolutionBand; count: number }> => {
  const counts = new Map<ResolutionBand, number>();
  for (const f of resolvedIn(facts, period, filters)) {
    const band = resolutionBandOf(resolutionHours(f));
    counts.set(band, (counts.get(band) ?? 0) + 1);
  }
  return RESOLUTION_BANDS.map((b) => ({ band: b.id, count: counts.get(b.id) ?? 0 }));
};
