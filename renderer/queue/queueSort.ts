import type { SortDirection } from '../components/sortDirection';
import type { QueueEntry } from './queueEntry';

export const SORT_COLUMNS = ['code', 'number', 'title', 'requester', 'category', 'priority', 'tier', 'status', 'assignee', 'due', 'updated'] as const;
export type SortColumn = (typeof SORT_COLUMNS)[number];
export type QueueSort = { column: SortColumn; direction: SortDirection };

export const DEFAULT_SORT: QueueSort = { column: 'updated', direction: 'descending' };

/** The lower-case name an assignee sorts by; unassigned sorts last. */
export type AssigneeKey = (id: string | null) => string;

export type Compare = (a: QueueEntry, b: QueueEntry) => number;

const byString =
  (pick: (entry: QueueEntry) => string): Compare =>
  (a, b) => {
    const x = pick(a);
    const y = pick(b);
    return x < y ? -1 : x > y ? 1 : 0;
  };
const byNumber =
  (pick: (entry: QueueEntry) => number): Compare =>
  (a, b) =>
    pick(a) - pick(b);

/** Ties fall back to the code, so every order is total and stable across re-sorts and patches. */
const withTieBreak =
  (compare: Compare): Compare =>
  (a, b) =>
    compare(a, b) || (a.code < b.code ? -1 : a.code > b.code ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Ascending comparators. Plain code-unit comparison of pre-lowered keys, not the locale's
 * collation: about ten times faster at 100k rows, and the same order for the ASCII that codes,
 * categories and most names are made of. Unnumbered tickets sort after numbered ones.
 */
export const ascendingCompare = (column: SortColumn, assigneeKey: AssigneeKey): Compare => {
  switch (column) {
    case 'code':
      return withTieBreak(() => 0);
    case 'number':
      return withTieBreak(byNumber((entry) => entry.number ?? Number.MAX_SAFE_INTEGER));
    case 'title':
      return withTieBreak(byString((entry) => entry.titleKey));
    case 'requester':
      return withTieBreak(byString((entry) => entry.requesterKey));
    case 'category':
      return withTieBreak(byString((entry) => entry.categoryKey));
    case 'priority':
      return withTieBreak(byNumber((entry) => entry.priorityRank));
    case 'tier':
      return withTieBreak(byNumber((entry) => entry.tier));
    case 'status':
      return withTieBreak(byNumber((entry) => entry.statusRank));
    case 'assignee':
      return withTieBreak(byString((entry) => assigneeKey(entry.assigneeId)));
    case 'due':
      return withTieBreak(byNumber((entry) => entry.nextDueMs));
    case 'updated':
      return withTieBreak(byNumber((entry) => entry.updatedMs));
  }
};

/** Where `entry` belongs in `sorted` (ascending by `compare`), by binary search. */
export const insertionPoint = <T>(sorted: readonly T[], entry: T, compare: (a: T, b: T) => number): number => {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    const item = sorted[middle];
    if (item !== undefined && compare(item, entry) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
};

/**
 * Takes `item` out of `sorted` in place, found by binary search: `compareToItem(other)` orders
 * `other` against `item` as `sorted` was sorted (negative: before it), so a changed item is
 * looked up by its old sort values: log n comparisons instead of a pass over the whole array for
 * one item, in every order the queue keeps per sort column (docs/BENCHMARKS.md, "Queue: where the
 * time goes"). An item
 * not found there (the comparator disagrees with the order) is looked for one by one.
 */
export const removeSorted = <T>(sorted: T[], item: T, compareToItem: (other: T) => number): void => {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareToItem(sorted[middle] as T) < 0) low = middle + 1;
    else high = middle;
  }
  const at = sorted[low] === item ? low : sorted.indexOf(item);
  if (at !== -1) sorted.splice(at, 1);
};

/**
 * `sorted` with `added` (in any order) merged in, each where insertionPoint would put it. A splice
 * per entry would move the whole order for every ticket a first sync brings, and a plain merge
 * compares every entry of every order on each page (docs/BENCHMARKS.md, "Queue: where the time
 * goes"); this finds each position by binary search (k log n comparisons) and
 * copies the runs in between.
 */
export const mergeSorted = <T>(sorted: readonly T[], added: readonly T[], compare: (a: T, b: T) => number): T[] => {
  const incoming = [...added].sort(compare);
  const merged: T[] = new Array<T>(sorted.length + incoming.length);
  let from = 0;
  let k = 0;
  for (const entry of incoming) {
    // Lower bound within what is left: the incoming entries are ascending, so positions are too.
    let low = from;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(sorted[middle] as T, entry) < 0) low = middle + 1;
      else high = middle;
    }
    while (from < low) merged[k++] = sorted[from++] as T;
    merged[k++] = entry;
  }
  while (from < sorted.length) merged[k++] = sorted[from++] as T;
  return merged;
};

/** The value a column sorts by; entries with equal keys keep the code order. */
export const sortKey = (column: Exclude<SortColumn, 'code'>, assigneeKey: AssigneeKey): ((entry: QueueEntry) => string | number) => {
  switch (column) {
    case 'number':
      return (entry) => entry.number ?? Number.MAX_SAFE_INTEGER;
    case 'title':
      return (entry) => entry.titleKey;
    case 'requester':
      return (entry) => entry.requesterKey;
    case 'category':
      return (entry) => entry.categoryKey;
    case 'priority':
      return (entry) => entry.priorityRank;
    case 'tier':
      return (entry) => entry.tier;
    case 'status':
      return (entry) => entry.statusRank;
    case 'assignee':
      return (entry) => assigneeKey(entry.assigneeId);
    case 'due':
      return (entry) => entry.nextDueMs;
    case 'updated':
      return (entry) => entry.updatedMs;
  }
};

/**
 * `byCode` (ascending by code) re-ordered by `key`, ties kept in code order: the same order as
 * ascendingCompare, reached by grouping equal keys and sorting only the distinct keys. Most
 * columns have few distinct values (priority, status, tier, names), and where every key differs
 * the sort compares plain numbers or strings instead of calling a comparator with tie-breaks.
 */
export const orderByKey = <T>(byCode: readonly T[], key: (entry: T) => string | number): T[] => {
  const groups = new Map<string | number, T[]>();
  for (const entry of byCode) {
    const value = key(entry);
    const group = groups.get(value);
    if (group === undefined) groups.set(value, [entry]);
    else group.push(entry);
  }
  const keys = [...groups.keys()];
  keys.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const rows: T[] = [];
  for (const value of keys) for (const entry of groups.get(value) ?? []) rows.push(entry);
  return rows;
};
