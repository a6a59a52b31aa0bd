import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TIERS, type Tier } from '../domain/ticket';
import type { TierStay } from './ticketFacts';
import { tierStayTotals } from './tierStayTotals';

const at = (hour: number) => new Date(Date.UTC(2026, 2, 2) + hour * 3_600_000).toISOString();
const HOUR = 3_600_000;

describe('tierStayTotals', () => {
  // Tier 1 for 2 h, tier 2 for 3 h, back to tier 1 (a de-escalation) for 1 h, then tier 3 since hour 6.
  const stays: TierStay[] = [
    { tier: 1, since: at(0), until: at(2) },
    { tier: 2, since: at(2), until: at(5) },
    { tier: 1, since: at(5), until: at(6) },
    { tier: 3, since: at(6), until: null },
  ];

  it('keeps the start of the stay that is still growing while the ticket is unresolved', () => {
    expect(tierStayTotals(stays, null)).toEqual({
      1: { reached: true, escalated: true, settledMs: 3 * HOUR, openSince: null },
      2: { reached: true, escalated: true, settledMs: 3 * HOUR, openSince: null },
      3: { reached: true, escalated: false, settledMs: 0, openSince: Date.parse(at(6)) },
    });
  });

  it('ends the last stay at the resolution once the ticket is resolved', () => {
    expect(tierStayTotals(stays, at(10))[3]).toEqual({ reached: true, escalated: false, settledMs: 4 * HOUR, openSince: null });
  });

  it('counts a stay that ends before it starts as no time, as the reference does', () => {
    const totals = tierStayTotals(
      [
        { tier: 1, since: at(4), until: at(1) },
        { tier: 2, since: at(1), until: null },
      ],
      at(0),
    );
    expect(totals[1]).toEqual({ reached: true, escalated: true, settledMs: 0, openSince: null });
    expect(totals[2]).toEqual({ reached: true, escalated: false, settledMs: 0, openSince: null });
    expect(totals[3].reached).toBe(false);
  });

  it('gives back the time per tier of summing every stay, for any resolution and now (property)', () => {
    const stay = fc.record({ tier: fc.constantFrom<Tier>(...TIERS), start: fc.integer({ min: 0, max: 500 }), length: fc.integer({ min: -5, max: 100 }) });
    fc.assert(
      fc.property(
        fc.array(stay, { minLength: 1, maxLength: 8 }),
        fc.option(fc.integer({ min: 0, max: 700 })),
        fc.integer({ min: 0, max: 700 }),
        (raw, resolvedHour, nowHour) => {
          const stays: TierStay[] = raw.map((s, i) => ({ tier: s.tier, since: at(s.start), until: i === raw.length - 1 ? null : at(s.start + s.length) }));
          const resolvedAt = resolvedHour === null ? null : at(resolvedHour);
          const now = Date.parse(at(nowHour));
          const totals = tierStayTotals(stays, resolvedAt);
          for (const tier of TIERS) {
            const expected = stays
              .filter((s) => s.tier === tier)
              .reduce((sum, s) => sum + Math.max(0, Date.parse(s.until ?? resolvedAt ?? at(nowHour)) - Date.parse(s.since)), 0);
            const { settledMs, openSince, reached } = totals[tier];
            expect(settledMs + (openSince === null ? 0 : Math.max(0, now - openSince))).toBe(expected);
            expect(reached).toBe(stays.some((s) => s.tier === tier));
          }
        },
      ),
    );
  });
});
