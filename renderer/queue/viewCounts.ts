import { compileFilter, type FilterContext, type QueueFilter } from './queueFilter';
import type { QueueIndex } from './queueIndex';
import { countMatches } from './queueQuery';

/** How many entries each view's filter matched at one version of the index. */
export type ViewCounts = { version: number; filters: readonly QueueFilter[]; context: FilterContext; counts: readonly number[] };

const sameContext = (a: FilterContext, b: FilterContext) =>
  a.meId === b.meId && a.nowMs === b.nowMs && a.escalatedByMe === b.escalatedByMe && a.creditedOf === b.creditedOf;

/** Every view counted over the whole index: a pass over 100,000 entries per view, for idle time. */
export const countViews = (index: QueueIndex, filters: readonly QueueFilter[], context: FilterContext): ViewCounts => ({
  version: index.version(),
  filters,
  context,
  counts: countMatches(index, filters, context),
});

/**
 * `counted` brought up to the index's version by the few entries changed since: each count loses
 * the old entries its filter matched and gains the new ones, so an edit shows in the counts at
 * once instead of after a recount. Null when it cannot follow (other views or clock, or too many
 * changes since): count again.
 */
export const followCounts = (counted: ViewCounts, index: QueueIndex, filters: readonly QueueFilter[], context: FilterContext): ViewCounts | null => {
  if (counted.filters !== filters || !sameContext(counted.context, context)) return null;
  if (counted.version === index.version()) return counted;
  const changes = index.changesSince(counted.version);
  if (changes === null) return null;
  const counts = filters.map((filter, i) => {
    const matches = compileFilter(filter, context);
    let count = counted.counts[i] ?? 0;
    for (const { before, after } of changes) count += (after !== undefined && matches(after) ? 1 : 0) - (before !== undefined && matches(before) ? 1 : 0);
    return count;
  });
  return { version: index.version(), filters, context, counts };
};
