import type { SlotChange } from './changeLog';
import { compileFilter, type FilterContext, type QueueFilter } from './queueFilter';
import type { QueueEntry } from './queueEntry';
import type { QueueIndex } from './queueIndex';
import { ascendingCompare, type AssigneeKey, type QueueSort } from './queueSort';

/**
 * The slots of the rows to show, in order: one pass over the cached order for the sort column,
 * keeping the matches. Descending reads the ascending order backwards, so both directions share
 * one cache.
 */
const querySlots = (index: QueueIndex, filter: QueueFilter, sort: QueueSort, context: FilterContext, assigneeKey: AssigneeKey): number[] => {
  const ordered = index.ascending(sort.column, assigneeKey);
  const matches = index.compile(filter, context);
  // No filter: a copy of the order, without a call per row.
  if (matches === null) return sort.direction === 'ascending' ? ordered.slice() : ordered.slice().reverse();
  const slots: number[] = [];
  if (sort.direction === 'ascending') {
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
export type QueueAnswer = {
  version: number;
  filter: QueueFilter;
  sort: QueueSort;
  context: FilterContext;
  assigneeKey: AssigneeKey;
  rows: QueueEntry[];
  slots: number[];
};

const sameExceptSearch = (a: QueueFilter, b: QueueFilter): boolean =>
  a.statuses === b.statuses &&
  a.tiers === b.tiers &&
  a.assignees === b.assignees &&
  a.priorities === b.priorities &&
  a.categories === b.categories &&
  a.sla === b.sla &&
  a.tags === b.tags &&
  a.resolvers === b.resolvers &&
  a.doneWithinDays === b.doneWithinDays &&
  a.createdIn === b.createdIn &&
  a.resolvedIn === b.resolvedIn &&
  a.following === b.following;

/**
 * The previous answer with a few changed slots taken out and, where they match now, put back
 * where the sort puts them: an edit or a live change costs a copy of the answer and a binary
 * search per slot, not a pass over every entry and sorted order (docs/BENCHMARKS.md, "Queue: where the time goes").
 * The rows not changed keep their entries, so the answer without the changed slots is still in
 * order by the entries they hold now.
 */
const followChanges = (previous: QueueAnswer, changes: readonly SlotChange[]): Pick<QueueAnswer, 'rows' | 'slots'> => {
  const slots = previous.slots.slice();
  const rows = previous.rows.slice();
  for (const { slot } of changes) {
    const at = slots.indexOf(slot);
    if (at === -1) continue;
    slots.splice(at, 1);
    rows.splice(at, 1);
  }
  // The filter on the few entries themselves: the index's compiled test would prepare for all of them.
  const matches = compileFilter(previous.filter, previous.context);
  const ascending = ascendingCompare(previous.sort.column, previous.assigneeKey);
  const compare: typeof ascending = previous.sort.direction === 'ascending' ? ascending : (a, b) => ascending(b, a);
  for (const { slot, after: entry } of changes) {
    if (entry === undefined || !matches(entry)) continue;
    let low = 0;
    let high = rows.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(rows[middle] as QueueEntry, entry) < 0) low = middle + 1;
      else high = middle;
    }
    slots.splice(low, 0, slot);
    rows.splice(low, 0, entry);
  }
  return { rows, slots };
};

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
  const isSameQuery =
    previous !== null && previous.filter === filter && previous.sort === sort && previous.context === context && previous.assigneeKey === assigneeKey;
  const changes = isSameQuery && previous.version !== version ? index.changesSince(previous.version) : null;
  if (previous !== null && changes !== null) return { ...previous, version, ...followChanges(previous, changes) };
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
