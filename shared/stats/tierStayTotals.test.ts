import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIERS, type Tier } from '../domain/ticket';
import type { TierStay } from './ticketFacts';
import { tierStayTotals } from './tierStayTotals';

const at = (hour: number) => new Date(Date.UTC(2026, 2, 2) + hour * 3_600_000).toISOString();
const HOUR = 3_600_000;

describe('tierStayTotals', () => {
  it('sums the ended stays per tier and keeps the current one apart', () => {
    // Tier 1 for 2 h, tier 2 for 3 h, back to tier 1 (a de-escalation) for 1 h, then tier 3 until now.
    const stays: TierStay[] = [
      { tier: 1, since: at(0), until: at(2) },
      { tier: 2, since: at(2), until: at(5) },
      { tier: 1, since: at(5), until: at(6) },
      { tier: 3, since: at(6), until: null },
    ];
    expect(tierStayTotals(stays, at(0), 3)).toEqual({
      byTier: {
        1: { reached: true, escalated: true, endedMs: 3 * HOUR },
        2: { reached: true, escalated: true, endedMs: 3 * HOUR },
        3: { reached: true, escalated: false, endedMs: 0 },
      },
      current: { tier: 3, since: Date.parse(at(6)) },
    });
  });

  it('counts a stay that ends before it starts as no time, as the reference does', () => {
    const totals = tierStayTotals([{ tier: 1, since: at(4), until: at(1) }, { tier: 2, since: at(1), until: null }], at(4), 2);
    expect(totals.byTier[1]).toEqual({ reached: true, escalated: true, endedMs: 0 });
    expect(totals.byTier[3].reached).toBe(false);
  });

  it('gives back the same hours per tier as summing every stay (property)', () => {
    const stay = fc.record({ tier: fc.constantFrom<Tier>(...TIERS), start: fc.integer({ min: 0, max: 500 }), length: fc.integer({ min: -5, max: 100 }) });
    fc.assert(
      fc.property(fc.array(stay, { minLength: 1, maxLength: 8 }), fc.integer({ min: 0, max: 700 }), (raw, endHour) => {
        const stays: TierStay[] = raw.map((s, i) => ({ tier: s.tier, since: at(s.start), until: i === raw.length - 1 ? null : at(s.start + s.length) }));
        const end = Date.parse(at(endHour));
        const totals = tierStayTotals(stays, at(0), 1);
        for (const tier of TIERS) {
          const expected = stays
            .filter((s) => s.tier === tier)
            .reduce((sum, s) => sum + Math.max(0, (s.until === null ? end : Date.parse(s.until)) - Date.parse(s.since)), 0);
          const current = totals.current.tier === tier ? Math.max(0, end - totals.current.since) : 0;
          expect(totals.byTier[tier].endedMs + current).toBe(expected);
          expect(totals.byTier[tier].reached).toBe(stays.some((s) => s.tier === tier));
        }
      }),
    );
  });
});
