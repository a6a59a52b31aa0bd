import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestRank, rate } from './percentile';

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

  it('matches the integer rank SQL uses, (p x n + 99) div 100, and is one of the values', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 60 }), fc.constantFrom(50, 90), (values, p) => {
        const sorted = [...values].sort((a, b) => a - b);
        const rank = Math.floor((p * values.length + 99) / 100);
        expect(nearestRank(values, p)).toBe(sorted[rank - 1]);
      }),
    );
  });

  it('says null rather than 0 when there is nothing to divide by', () => {
    expect(rate(0, 0)).toBeNull();
    expect(rate(0, 3)).toBe(0);
    expect(rate(3, 4)).toBe(0.75);
  });
});
