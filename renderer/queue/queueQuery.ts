import type { FilterContext, QueueFilter } from './queueFilter';
import type { QueueEntry } from './queueEntry';
import type { QueueIndex } from './queueIndex';
import type { AssigneeKey, QueueSort } from './queueSort';

/**
 * The slots of the rows to show, in order: one pass over the cached order for the sort column,
 * keeping the matches. Descending reads the ascending order backwards, so both directions share
 * one cache.
 */
const querySlots = (index: QueueIndex, filter: QueueFilter, sort: QueueSort, context: FilterContext, assigneeKey: AssigneeKey): number[] => {
  const ordered = index.ascending(sort.column, assigneeKey);
  const matches = index.compile(filter, context);
  // No filter: a copy of the order, without a call per row.
  if (matches === null) return sort.direction === 'asc' ? ordered.slice() : ordered.slice().reverse();
  const slots: number[] = [];
  if (sort.direction === 'asc') {
    for (const slot of ordered) if (matches(slot)) slots.push(slot);
  } else {
    for (let i = ordered.length - 1; i >= 0; i -= 1) {
      const slot = ordered[i];
      if (slot !== undefined && matches(slot)) slots.push(slot);
    }
  }
  return slots;
};

/** The rows to show, in order. */
export const queryQueue = (index: QueueIndex, filter: QueueFilter, sort: QueueSort, context: FilterContext, assigneeKey: AssigneeKey): QueueEntry[] =>
  querySlots(index, filter, sort, context, assigneeKey).map(index.entryAt);

/** How many entries each filter matches. */
export const countMatches = (index: QueueIndex, filters: readonly QueueFilter[], context: FilterContext): number[] => index.count(filters, context);

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
export type QueueAnswer = { version: number; filter: QueueFilter; sort: QueueSort; context: FilterContext; assigneeKey: AssigneeKey; rows: QueueEntry[]; slots: number[] };

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
  const narrowed = isNarrowing ? index.compile(filter, context) : null;
  const slots = isNarrowing ? (narrowed === null ? previous.slots : previous.slots.filter(narrowed)) : querySlots(index, filter, sort, context, assigneeKey);
  return { version, filter, sort, context, assigneeKey, rows: slots.map(index.entryAt), slots };
};
