import { createQueueColumns } from './queueColumns';
import { compileFilter, EMPTY_FILTER, searchWords, type FilterContext, type QueueFilter } from './queueFilter';
import type { QueueEntry } from './queueEntry';
import { ascendingCompare, insertionPoint, mergeSorted, orderByKey, sortKey, SORT_COLUMNS, type AssigneeKey, type SortColumn } from './queueSort';
import { createSearchIndex } from './searchIndex';

/** Above this many changed rows in one patch a cached order is dropped and re-sorted on demand. */
const MAX_INCREMENTAL = 2_000;

/** Up to this many added entries are spliced into each order one by one; more are merged in one pass. */
const FEW_TO_SPLICE = 8;

/** Entries whose search words are added per warmOne call: a slice of idle time, not a long task. */
const SEARCH_SLICE = 5_000;

/**
 * A search word whose postings outnumber the entries this many times over (a letter, "the") is
 * tested on the haystacks instead: nearly every haystack holds it, early on.
 */
const MAX_POSTINGS_PER_ENTRY = 2;

type CachedOrder = { slots: number[]; compare: (a: number, b: number) => number; assigneeKey: AssigneeKey };

/**
 * The queue's in-memory rows, one entry per cached ticket. Each ticket id holds a slot (a small
 * number) for as long as it is in the index; sorted orders are arrays of slots, cached per
 * column and patched in place when a few tickets change (a sync page, a local change), so
 * neither a filter change nor a sync re-sorts 100,000 rows. Facets live in typed arrays by slot
 * (queueColumns.ts) and search words in an inverted index (searchIndex.ts), so a query reads
 * the entry objects only of rows that pass the cheap tests.
 * Invariants: `slots` and `byId` hold the same ids; every cached order holds exactly the slots in
 * use, ascending by its comparator; the columns describe every slot's entry, the search index
 * every slot's entry but those still waiting in `unsearched`.
 */
export type QueueIndex = {
  /** Grows with every change; memoise on it. */
  version(): number;
  size(): number;
  get(id: string): QueueEntry | undefined;
  values(): Iterable<QueueEntry>;
  /** Adds or replaces entries (by id). */
  upsert(entries: readonly QueueEntry[]): void;
  remove(ids: readonly string[]): void;
  clear(): void;
  /** Every slot in use, ascending by `column`; the array is the index's own: read it, never change it. */
  ascending(column: SortColumn, assigneeKey: AssigneeKey): readonly number[];
  /** The entry in a slot taken from `ascending` (or from a test's answer) since the last change. */
  entryAt(slot: number): QueueEntry;
  /**
   * The filter as a test of a slot, the same answer as compileFilter on the slot's entry; null
   * when it keeps everything. Valid until the next change of the index.
   */
  compile(filter: QueueFilter, context: FilterContext): ((slot: number) => boolean) | null;
  /** How many entries each filter keeps. */
  count(filters: readonly QueueFilter[], context: FilterContext): number[];
  /** The distinct categories of the entries, sorted. */
  categories(): string[];
  /**
   * Sorts one column not yet cached, or else readies the search index, and says whether there
   * was anything to do; for idle time, so a click or a key finds its work done.
   */
  warmOne(assigneeKey: AssigneeKey): boolean;
  subscribe(listener: () => void): () => void;
};

/** `searchMinWaste`: dead search postings tolerated before a rebuild (small in tests, to reach it). */
export const createQueueIndex = ({ searchMinWaste }: { searchMinWaste?: number } = {}): QueueIndex => {
  const byId = new Map<string, QueueEntry>();
  const slots = new Map<string, number>();
  /** The entry in each slot; undefined for a free slot. */
  const entries: Array<QueueEntry | undefined> = [];
  const free: number[] = [];
  const orders = new Map<SortColumn, CachedOrder>();
  const categoryCounts = new Map<string, number>();
  let columns = createQueueColumns();
  let search = createSearchIndex(searchMinWaste);
  const listeners = new Set<() => void>();
  let version = 0;

  const changed = () => {
    version += 1;
    listeners.forEach((listener) => listener());
  };

  const entryAt = (slot: number): QueueEntry => {
    const entry = entries[slot];
    if (entry === undefined) throw new Error(`queue index: slot ${slot} is free`);
    return entry;
  };

  const countCategory = (category: string, delta: number) => {
    const count = (categoryCounts.get(category) ?? 0) + delta;
    if (count === 0) categoryCounts.delete(category);
    else categoryCounts.set(category, count);
  };

  /** The column of the order read last: the one on screen. */
  let shownColumn: SortColumn = 'code';

  const patchOrders = (removed: ReadonlySet<number>, added: readonly number[]) => {
    const isBatch = added.length > FEW_TO_SPLICE;
    for (const [column, order] of orders) {
      // A sync brings pages of a thousand tickets several times a second: merging each into all
      // eleven orders was half the queue's work during a first sync. A batch keeps only the order
      // on screen and the code order (every other is derived from it); the rest are sorted again
      // when asked for, or in idle time once the changes stop.
      if (removed.size + added.length > MAX_INCREMENTAL || (isBatch && column !== 'code' && column !== shownColumn)) {
        orders.delete(column);
        continue;
      }
      const patched = removed.size === 0 ? order.slots : order.slots.filter((slot) => !removed.has(slot));
      // A few entries (an edit) go in by binary search; a page of a sync in one merge pass.
      if (isBatch) order.slots = mergeSorted(patched, added, order.compare);
      else {
        for (const slot of added) patched.splice(insertionPoint(patched, slot, order.compare), 0, slot);
        order.slots = patched;
      }
    }
  };

  /**
   * Slots whose current entry's words are not in the search index yet. Splitting 100,000
   * haystacks into words was a fifth of the queue's work during a first sync, for a search nobody
   * had typed: they are added by the first search, or in idle time (warmOne).
   */
  const unsearched = new Set<number>();

  const addSearchWords = (limit: number) => {
    let added = 0;
    for (const slot of unsearched) {
      if (added === limit) return;
      unsearched.delete(slot);
      search.add(slot, entryAt(slot).haystack);
      added += 1;
    }
  };

  /** Starts the search index again once most of its postings are of entries since replaced. */
  const compactSearch = () => {
    if (!search.isWasteful()) return;
    search = createSearchIndex(searchMinWaste);
    for (const slot of slots.values()) unsearched.add(slot);
  };

  const ascending = (column: SortColumn, assigneeKey: AssigneeKey): readonly number[] => {
    const cached = orders.get(column);
    if (cached !== undefined && cached.assigneeKey === assigneeKey) {
      shownColumn = column;
      return cached.slots;
    }
    const byEntry = ascendingCompare(column, assigneeKey);
    const compare = (a: number, b: number) => byEntry(entryAt(a), entryAt(b));
    let sorted: number[];
    if (column === 'code') sorted = [...slots.values()].sort(compare);
    else {
      const key = sortKey(column, assigneeKey);
      sorted = orderByKey(ascending('code', assigneeKey), (slot) => key(entryAt(slot)));
    }
    orders.set(column, { slots: sorted, compare, assigneeKey });
    // Set last: building this order read the code order, which is not what is shown.
    shownColumn = column;
    return sorted;
  };

  const compile = (filter: QueueFilter, context: FilterContext): ((slot: number) => boolean) | null => {
    const facets = columns.compile(filter, context);
    const words = searchWords(filter.search);
    if (words.length === 0) return facets;
    addSearchWords(Infinity);
    const { counts, indexed, unindexed, byCharacter } = search.candidates(words, entries.length, byId.size * MAX_POSTINGS_PER_ENTRY);
    // The haystack itself is read only for words the index left out, and where it cannot answer exactly.
    const hasAll = compileFilter({ ...EMPTY_FILTER, search: filter.search }, context);
    const hasRest = unindexed.length === 0 ? null : compileFilter({ ...EMPTY_FILTER, search: unindexed.join(' ') }, context);
    return (slot) => {
      if (facets !== null && !facets(slot)) return false;
      if (indexed.length > 0 && counts[slot] !== indexed.length) return false;
      if (byCharacter !== null && !byCharacter(slot)) return false;
      const entry = entries[slot];
      if (entry === undefined) return false;
      if (search.isStale(slot)) return hasAll(entry);
      return hasRest === null || hasRest(entry);
    };
  };

  return {
    version: () => version,
    size: () => byId.size,
    get: (id) => byId.get(id),
    values: () => byId.values(),
    upsert: (batch) => {
      if (batch.length === 0) return;
      const replaced = new Set<number>();
      const added = new Set<number>();
      for (const entry of batch) {
        const previous = byId.get(entry.id);
        let slot = slots.get(entry.id);
        if (slot === undefined) {
          slot = free.pop() ?? entries.length;
          slots.set(entry.id, slot);
        } else if (!added.has(slot)) replaced.add(slot);
        added.add(slot);
        byId.set(entry.id, entry);
        entries[slot] = entry;
        // The same object again (upserted twice) is already described.
        if (previous === entry) continue;
        if (previous !== undefined) {
          if (!unsearched.has(slot)) search.retire(slot, previous.haystack);
          countCategory(previous.category, -1);
        }
        unsearched.add(slot);
        columns.set(slot, entry);
        countCategory(entry.category, 1);
      }
      patchOrders(replaced, [...added]);
      compactSearch();
      changed();
    },
    remove: (ids) => {
      const removed = new Set<number>();
      for (const id of ids) {
        const previous = byId.get(id);
        const slot = slots.get(id);
        if (previous === undefined || slot === undefined) continue;
        byId.delete(id);
        slots.delete(id);
        entries[slot] = undefined;
        free.push(slot);
        if (!unsearched.delete(slot)) search.retire(slot, previous.haystack);
        countCategory(previous.category, -1);
        removed.add(slot);
      }
      if (removed.size === 0) return;
      patchOrders(removed, []);
      compactSearch();
      changed();
    },
    clear: () => {
      byId.clear();
      slots.clear();
      entries.length = 0;
      free.length = 0;
      orders.clear();
      categoryCounts.clear();
      columns = createQueueColumns();
      search = createSearchIndex(searchMinWaste);
      unsearched.clear();
      changed();
    },
    ascending,
    entryAt,
    compile,
    count: (filters, context) =>
      filters.map((filter) => {
        const test = compile(filter, context);
        if (test === null) return byId.size;
        let count = 0;
        for (const slot of slots.values()) if (test(slot)) count += 1;
        return count;
      }),
    categories: () => [...categoryCounts.keys()].sort(),
    warmOne: (assigneeKey) => {
      const cold = SORT_COLUMNS.find((column) => orders.get(column)?.assigneeKey !== assigneeKey);
      if (cold !== undefined) {
        // Warming sorts for idle time: the order on screen stays the one read last.
        const shown = shownColumn;
        ascending(cold, assigneeKey);
        shownColumn = shown;
        return true;
      }
      if (unsearched.size > 0) {
        addSearchWords(SEARCH_SLICE);
        return true;
      }
      return search.warm();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
