import { TIERS, type Tier } from '../domain/ticket';
import type { TierStay } from './ticketFacts';

export type TierTotals = {
  /** The ticket was at this tier at some time. */
  reached: boolean;
  /** It was escalated away from this tier (a stay here has an end). */
  escalated: boolean;
  /** Milliseconds of the ended stays here, each counted from 0 if its end is before its start. */
  endedMs: number;
};

export type TierStayTotals = {
  byTier: Record<Tier, TierTotals>;
  /** The stay that has no end yet: it lasts until the last resolution, or until "now" while the ticket is open. */
  current: { tier: Tier; since: number };
};

/**
 * A ticket's tier stays folded into fixed per-tier totals, so the statistics store them as
 * columns of the ticket's facts row and sum them in one pass (no join, no count distinct).
 * Only the current stay depends on the moment the figures are asked for; it is kept apart.
 * Time is summed per stay exactly as computeTiers does (max(0, end − start) per stay).
 */
export const tierStayTotals = (stays: readonly TierStay[], createdAt: string, tierNow: Tier): TierStayTotals => {
  const byTier = Object.fromEntries(TIERS.map((tier) => [tier, { reached: false, escalated: false, endedMs: 0 }])) as Record<Tier, TierTotals>;
  let current: TierStayTotals['current'] = { tier: tierNow, since: Date.parse(createdAt) };
  for (const stay of stays) {
    const totals = byTier[stay.tier];
    totals.reached = true;
    if (stay.until === null) {
      current = { tier: stay.tier, since: Date.parse(stay.since) };
    } else {
      totals.escalated = true;
      totals.endedMs += Math.max(0, Date.parse(stay.until) - Date.parse(stay.since));
    }
  }
  return { byTier, current };
};
