import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestRank, nearestRankPosition, rate } from './percentile';

describe('nearest-rank percentiles', () => {
  it('takes the value at rank ceil(p x n)', () => {
    // n = 4: median rank ceil(2) = 2 (the lower middle), p90 rank ceil(3.6) = 4.
    expect(nearestRank([5, 2, 2, 2], 50)).toBe(2);
    expect(nearestRank([5, 2, 2, 2], 90)).toBe(5);
    // n = 10: p90 rank 9.
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(nearestRank([7], 50)).toBe(7);
    expect(nearestRank([], 50)).toBeNull();
  });

  it('takes the smallest rank whose share of the values reaches p, exactly, and one of the values', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 100 }), (values, p) => {
        const n = values.length;
        const rank = nearestRankPosition(n, p) ?? 0;
        // rank / n >= p / 100 and (rank - 1) / n < p / 100, in integers (no floating-point ceil).
        expect(rank * 100).toBeGreaterThanOrEqual(p * n);
        expect((rank - 1) * 100).toBeLessThan(p * n);
        expect(nearestRank(values, p)).toBe([...values].sort((a, b) => a - b)[rank - 1]);
      }),
    );
    expect(nearestRankPosition(0, 50)).toBeNull();
  });

  it('says null rather than 0 when there is nothing to divide by', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(0, 3)).toBe(0);
    expect(rate(3, 4)).toBe(0.75);
  });
});
