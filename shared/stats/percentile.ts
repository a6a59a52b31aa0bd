/**
 * Nearest-rank percentile: sort the n values ascending and take the one at 1-based rank
 * ceil(p/100 × n). Always one of the values (no interpolation), so SQLite can reproduce it with
 * ROW_NUMBER() and integer arithmetic: rank = (p × n + 99) / 100 in integer division.
 * The median is p = 50, which for an even n is the lower of the two middle values.
 * Null when there are no values.
 */
export const nearestRank = (values: readonly number[], p: number): number | null => {
  const rank = nearestRankPosition(values.length, p);
  if (rank === null) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[rank - 1] ?? null;
};

/**
 * The 1-based rank nearestRank takes among n sorted values for a whole-number p from 1 to 100,
 * in integer arithmetic ((p × n + 99) / 100 rounded down, which is ceil(p × n / 100) without
 * floating point), or null for no values. The server asks its database for the value at this rank.
 */
export const nearestRankPosition = (n: number, p: number): number | null => (n <= 0 ? null : Math.max(1, Math.floor((p * n + 99) / 100)));

/** numerator / denominator, or null when the denominator is 0 (no tickets to judge: not 0 %, unknown). */
export const rate = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);
