/**
 * Nearest-rank percentile: sort the n values ascending and take the one at 1-based rank
 * ceil(p/100 × n). Always one of the values (no interpolation), so SQLite can reproduce it with
 * ROW_NUMBER() and integer arithmetic: rank = (p × n + 99) / 100 in integer division.
 * The median is p = 50, which for an even n is the lower of the two middle values.
 * Null when there are no values.
 */
export const nearestRank = (values: readonly number[], p: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100));
  return sorted[rank - 1] ?? null;
};

/** numerator / denominator, or null when the denominator is 0 (no tickets to judge: not 0 %, unknown). */
export const rate = (numerator: number, denominator: number): number | null =>
  denominator === 0 ? null : numerator / denominator;
