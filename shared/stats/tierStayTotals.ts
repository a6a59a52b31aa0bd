import { TIERS, type Tier } from '../domain/ticket';
import type { TierStay } from './ticketFacts';

export type TierTotals = {
  /** The ticket was at this tier at some time. */
  reached: boolean;
  /** It was escalated away from this tier (a stay here has an end). */
  escalated: boolean;
  /** Milliseconds here that no longer grow: every stay that ended, and the last one up to the resolution if resolved. */
  settledMs: number;
  /** Start of the stay here that is still growing (the ticket is here and not resolved), else null. */
  openSince: number | null;
};

/**
 * A ticket's tier stays folded into fixed per-tier totals, so the statistics store them as
 * columns of the ticket's facts row and sum them in one pass (no join, no count distinct).
 * Only an unresolved ticket's current stay depends on the moment the figures are asked for;
 * it is kept as its start. Time is counted per stay exactly as computeTiers does: from its
 * start to its end, the last resolution, or now, and 0 if that end is before the start.
 */
export const tierStayTotals = (stays: readonly TierStay[], resolvedAt: string | null): Record<Tier, TierTotals> => {
  const byTier = Object.fromEntries(TIERS.map((tier) => [tier, { reached: false, escalated: false, settledMs: 0, openSince: null }])) as Record<
    Tier,
    TierTotals
  >;
  for (const stay of stays) {
    const totals = byTier[stay.tier];
    totals.reached = true;
    if (stay.until !== null) totals.escalated = true;
    const end = stay.until ?? resolvedAt;
    if (end === null) totals.openSince = Date.parse(stay.since);
    else totals.settledMs += Math.max(0, Date.parse(end) - Date.parse(stay.since));
  }
  return byTier;
};
