import { describe, expect, it } from 'vitest';
import { seededRandom } from './seededRandom';

describe('seededRandom', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    const c = seededRandom(43);
    expect(c()).not.toBe(first[0]);
  });

  it('stays within [0, 1) and spreads over it', () => {
    const next = seededRandom(7);
    const values = Array.from({ length: 10_000 }, next);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const lowHalf = values.filter((v) => v < 0.5).length;
    expect(lowHalf).toBeGreaterThan(4_800);
    expect(lowHalf).toBeLessThan(5_200);
  });
});
