import { compileFilter, type FilterContext, type QueueFilter } from './queueFilter';
import type { QueueEntry } from './queueEntry';
import type { QueueIndex } from './queueIndex';
import type { AssigneeKey, QueueSort } from './queueSort';

/**
 * The rows to show, in order: one pass over the cached order for the sort column, keeping the
 * matches. Descending reads the ascending order backwards, so both directions share one cache.
 */
export const queryQueue = (
  index: QueueIndex,
  filter: QueueFilter,
  sort: QueueSort,
  context: FilterContext,
  assigneeKey: AssigneeKey,
): QueueEntry[] => {
  const ordered = index.ascending(sort.column, assigneeKey);
  const matches = compileFilter(filter, context);
  const rows: QueueEntry[] = [];
  if (sort.direction === 'asc') {
    for (const entry of ordered) if (matches(entry)) rows.push(entry);
  } else {
    for (let i = ordered.length - 1; i >= 0; i -= 1) {
      const entry = ordered[i];
      if (entry !== undefined && matches(entry)) rows.push(entry);
    }
  }
  return rows;
};

/** How many entries each filter matches, in one pass over the index. */
export const countMatches = (entries: Iterable<QueueEntry>, filters: readonly QueueFilter[], context: FilterContext): number[] => {
  const predicates = filters.map((filter) => compileFilter(filter, context));
  const counts = predicates.map(() => 0);
  for (const entry of entries) {
    for (let i = 0; i < predicates.length; i += 1) if (predicates[i]?.(entry) === true) counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
};

/** A sort key function for assignee names from a name lookup; unassigned sorts last. */
export const makeAssigneeKey = (nameOf: (id: string) => string | undefined): AssigneeKey => {
  const cache = new Map<string, string>();
  return (id) => {
    if (id === null) return '\uffff';
    let key = cache.get(id);
    if (key === undefined) {
      key = (nameOf(id) ?? id).toLowerCase();
      cache.set(id, key);
    }
    return key;
  };
};

/** A query and its answer, kept to answer the next one faster. */
export type QueueAnswer = { version: number; filter: QueueFilter; sort: QueueSort; context: FilterContext; assigneeKey: AssigneeKey; rows: QueueEntry[] };

const sameExceptSearch = (a: QueueFilter, b: QueueFilter): boolean =>
  a.statuses === b.statuses && a.tiers === b.tiers && a.assignees === b.assignees && a.priorities === b.priorities && a.categories === b.categories && a.sla === b.sla && a.doneWithinDays === b.doneWithinDays;

/**
 * queryQueue, but while the user types on (the new search extends the last one, nothing else
 * changed) it filters the last answer instead of the whole index: every match of the longer text
 * matched the shorter one, and the order is already right.
 */
export const answerQueue = (
  previous: QueueAnswer | null,
  index: QueueIndex,
  filter: QueueFilter,
  sort: QueueSort,
  context: FilterContext,
  assigneeKey: AssigneeKey,
): QueueAnswer => {
  const version = index.version();
  const isNarrowing =
    previous !== null &&
    previous.version === version &&
    previous.sort === sort &&
    previous.context === context &&
    previous.assigneeKey === assigneeKey &&
    sameExceptSearch(previous.filter, filter) &&
    filter.search.toLowerCase().startsWith(previous.filter.search.toLowerCase());
  const rows = isNarrowing ? previous.rows.filter(compileFilter(filter, context)) : queryQueue(index, filter, sort, context, assigneeKey);
  return { version, filter, sort, context, assigneeKey, rows };
};
