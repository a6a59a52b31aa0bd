import { createChangeLog, type SlotChange } from './changeLog';
import { createQueueColumns } from './queueColumns';
import { searchWords } from '../../shared/domain/ticketSearch';
import { compileFilter, compileResolvers, EMPTY_FILTER, type FilterContext, type QueueFilter } from './queueFilter';
import type { QueueEntry } from './queueEntry';
import {
  ascendingCompare,
  insertionPoint,
  mergeSorted,
  orderByKey,
  removeSorted,
  sortKey,
  SORT_COLUMNS,
  type AssigneeKey,
  type Compare,
  type SortColumn,
} from './queueSort';
import { createSearchIndex } from './searchIndex';
import { createEmitter } from '../../shared/emitter';

/** Above this many changed rows in one patch a cached order is dropped and re-sorted on demand. */
const MAX_INCREMENTAL = 2_000;

/**
 * Up to this many changed entries are taken out of and spliced into each order one by one, by
 * binary search; more are filtered out and merged in, one pass over each order.
 */
const FEW_TO_SPLICE = 8;

/** Entries whose search words are added per warmOne call: a slice of idle time, not a long task. */
const SEARCH_SLICE = 1_000;

/**
 * After a batch dropped cached orders, idle time sorts them again only this much later: while a
 * sync streams pages, the next page would drop them again.
 */
const WARM_AFTER_DROP_MS = 1_000;

/** Changes of up to this many tickets are logged for answers and counts to follow (see changeLog.ts). */
const LOGGED_CHANGES = 64;

/**
 * A search word whose postings outnumber the entries this many times over (a letter, "the") is
 * tested on the haystacks instead: nearly every haystack holds it, early on.
 */
const MAX_POSTINGS_PER_ENTRY = 2;

type CachedOrder = { slots: number[]; compare: (a: number, b: number) => number; byEntry: Compare; assigneeKey: AssigneeKey };

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
  /**
   * The slots changed since `version`, with the entries they held then and hold now, to follow a
   * few changes instead of reading every entry again; null when too many changed, or too long ago.
   */
  changesSince(version: number): readonly SlotChange[] | null;
  /** The distinct categories of the entries, sorted. */
  categories(): string[];
  /** Every tag of the entries with how many entries have it, most first (then by name). */
  tagCounts(): Array<{ tag: string; count: number }>;
  /**
   * Adds a slice of search words, or else sorts one column not yet cached, or else readies the
   * search index, and says whether there is more to do (also while it waits, shortly after a
   * batch dropped orders); for idle time, so a click or a key finds its work done.
   */
  warmOne(assigneeKey: AssigneeKey): boolean;
  /** Adds every search word still waiting, now: for a load from the cache, which has no sync to give way to. */
  prepareSearch(): void;
  subscribe(listener: () => void): () => void;
};

/** `searchMinWaste`: dead search postings tolerated before a rebuild (small in tests, to reach it). */
export const createQueueIndex = ({
  searchMinWaste,
  warmAfterDropMs = WARM_AFTER_DROP_MS,
}: { searchMinWaste?: number; warmAfterDropMs?: number } = {}): QueueIndex => {
  const byId = new Map<string, QueueEntry>();
  const slots = new Map<string, number>();
  /** The entry in each slot; undefined for a free slot. */
  const entries: Array<QueueEntry | undefined> = [];
  const free: number[] = [];
  const orders = new Map<SortColumn, CachedOrder>();
  const categoryCounts = new Map<string, number>();
  const tagCounts = new Map<string, number>();
  let columns = createQueueColumns();
  let search = createSearchIndex(searchMinWaste);
  const updated = createEmitter();
  let version = 0;
  const log = createChangeLog();

  const changed = (changes: readonly SlotChange[] | null) => {
    version += 1;
    log.record(version, changes);
    updated.emit();
  };

  const entryAt = (slot: number): QueueEntry => {
    const entry = entries[slot];
    if (entry === undefined) throw new Error(`queue index: slot ${slot} is free`);
    return entry;
  };

  const countIn = (counts: Map<string, number>, key: string, delta: number) => {
    const count = (counts.get(key) ?? 0) + delta;
    if (count === 0) counts.delete(key);
    else counts.set(key, count);
  };
  const countFacets = (entry: QueueEntry, delta: number) => {
    countIn(categoryCounts, entry.category, delta);
    for (const tag of entry.tags) countIn(tagCounts, tag, delta);
  };

  /** The column of the order read last: the one on screen. */
  let shownColumn: SortColumn = 'code';
  /** When a batch last dropped a cached order (performance.now()). */
  let droppedAt = Number.NEGATIVE_INFINITY;

  /**
   * Takes a few changing slots out of every cached order where their place may change, each
   * found by binary search on the entry it was sorted by; returns, per order, the slots to put
   * back once they hold their new entries (`after`; null: removed). A slot whose new entry sorts
   * exactly as its old one stays where it is: an edit of the title moves the slot in the title
   * and updated orders, not in the other nine. Runs before any of the slots gets its new entry.
   */
  const takeOut = (changes: ReadonlyMap<number, { before: QueueEntry; after: QueueEntry | null }>): Map<CachedOrder, number[]> => {
    const moving = new Map<CachedOrder, number[]>();
    for (const order of orders.values()) {
      const out: number[] = [];
      for (const [slot, { before, after }] of changes) {
        if (after !== null && order.byEntry(before, after) === 0) continue;
        removeSorted(order.slots, slot, (other) => order.byEntry(entryAt(other), before));
        if (after !== null) out.push(slot);
      }
      moving.set(order, out);
    }
    return moving;
  };

  /** Puts slots back (or new ones in) by binary search, once they hold their entries. */
  const putBack = (moving: ReadonlyMap<CachedOrder, readonly number[]>, fresh: readonly number[]) => {
    for (const order of orders.values()) {
      for (const slot of [...(moving.get(order) ?? []), ...fresh]) order.slots.splice(insertionPoint(order.slots, slot, order.compare), 0, slot);
    }
  };

  /** Slots in `removed` are filtered out of each order (many of them); `added` go in by splice or merge. */
  const patchOrders = (removed: ReadonlySet<number>, added: readonly number[]) => {
    const isBatch = added.length > FEW_TO_SPLICE;
    for (const [column, order] of orders) {
      // A sync brings pages of a thousand tickets several times a second: merging each into all
      // eleven orders was half the queue's work during a first sync. A batch keeps only the order
      // on screen and the code order (every other is derived from it); the rest are sorted again
      // when asked for, or in idle time once the changes stop.
      if (removed.size + added.length > MAX_INCREMENTAL || (isBatch && column !== 'code' && column !== shownColumn)) {
        orders.delete(column);
        droppedAt = performance.now();
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
    orders.set(column, { slots: sorted, compare, byEntry, assigneeKey });
    // Set last: building this order read the code order, which is not what is shown.
    shownColumn = column;
    return sorted;
  };

  const compile = (filter: QueueFilter, context: FilterContext): ((slot: number) => boolean) | null => {
    const escalatedSlots = new Set<number>();
    if (filter.following)
      for (const id of context.escalatedByMe ?? []) {
        const slot = slots.get(id);
        if (slot !== undefined) escalatedSlots.add(slot);
      }
    const columnTest = columns.compile(filter, context, escalatedSlots);
    // Who is credited comes from the timeline, not the entry's columns: tested on the entry, after the cheap tests.
    const resolvers = filter.resolvers.length === 0 ? null : compileResolvers(filter.resolvers, context);
    const facets =
      resolvers === null ? columnTest : (slot: number) => (columnTest === null || columnTest(slot)) && entries[slot] !== undefined && resolvers(entryAt(slot));
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
      // An edit or a live change: the slots move within each order instead of a pass over all of it.
      let moving: Map<CachedOrder, number[]> | null = null;
      if (batch.length <= FEW_TO_SPLICE) {
        // Sorted by the entry before the batch; they end with its last entry for the id.
        const changes = new Map<number, { before: QueueEntry; after: QueueEntry }>();
        for (const entry of batch) {
          const slot = slots.get(entry.id);
          const before = byId.get(entry.id);
          if (slot === undefined || before === undefined) continue;
          changes.set(slot, { before: changes.get(slot)?.before ?? before, after: entry });
        }
        moving = takeOut(changes);
      }
      const fresh: number[] = [];
      const logged = batch.length <= LOGGED_CHANGES ? new Map<number, SlotChange>() : null;
      const replaced = new Set<number>();
      const added = new Set<number>();
      for (const entry of batch) {
        const previous = byId.get(entry.id);
        let slot = slots.get(entry.id);
        if (slot === undefined) {
          slot = free.pop() ?? entries.length;
          slots.set(entry.id, slot);
          fresh.push(slot);
        } else if (!added.has(slot)) replaced.add(slot);
        added.add(slot);
        // The entry the slot held before the batch: a second write of a new ticket must not make it look replaced.
        const earlier = logged?.get(slot);
        logged?.set(slot, { slot, before: earlier === undefined ? previous : earlier.before, after: entry });
        byId.set(entry.id, entry);
        entries[slot] = entry;
        // The same object again (upserted twice) is already described.
        if (previous === entry) continue;
        if (previous !== undefined) {
          if (!unsearched.has(slot)) search.retire(slot, previous.haystack);
          countFacets(previous, -1);
        }
        unsearched.add(slot);
        columns.set(slot, entry);
        countFacets(entry, 1);
      }
      if (moving === null) patchOrders(replaced, [...added]);
      else putBack(moving, fresh);
      compactSearch();
      changed(logged === null ? null : [...logged.values()]);
    },
    remove: (ids) => {
      const isFew = ids.length <= FEW_TO_SPLICE;
      if (isFew) {
        const changes = new Map<number, { before: QueueEntry; after: null }>();
        for (const id of ids) {
          const slot = slots.get(id);
          const before = byId.get(id);
          if (slot !== undefined && before !== undefined) changes.set(slot, { before, after: null });
        }
        takeOut(changes);
      }
      const removed = new Set<number>();
      const logged: SlotChange[] = [];
      for (const id of ids) {
        const previous = byId.get(id);
        const slot = slots.get(id);
        if (previous === undefined || slot === undefined) continue;
        byId.delete(id);
        slots.delete(id);
        entries[slot] = undefined;
        free.push(slot);
        if (!unsearched.delete(slot)) search.retire(slot, previous.haystack);
        countFacets(previous, -1);
        removed.add(slot);
        logged.push({ slot, before: previous, after: undefined });
      }
      if (removed.size === 0) return;
      if (!isFew) patchOrders(removed, []);
      compactSearch();
      changed(logged);
    },
    clear: () => {
      byId.clear();
      slots.clear();
      entries.length = 0;
      free.length = 0;
      orders.clear();
      categoryCounts.clear();
      tagCounts.clear();
      columns = createQueueColumns();
      search = createSearchIndex(searchMinWaste);
      unsearched.clear();
      changed(null);
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
    changesSince: (since) => log.since(since, version),
    categories: () => [...categoryCounts.keys()].sort(),
    tagCounts: () => [...tagCounts].map(([tag, count]) => ({ tag, count })).sort((a, b) => b.count - a.count || (a.tag < b.tag ? -1 : 1)),
    prepareSearch: () => addSearchWords(Infinity),
    warmOne: (assigneeKey) => {
      // While a sync streams pages, each page drops the orders warmed since the last one: idle
      // time is left to the sync until the batches stop. The caller asks again in its next idle time.
      if (performance.now() - droppedAt < warmAfterDropMs) return true;
      // Search words first: they survive every later change, and a first search without them
      // waits for all of them at once, far longer than a cold column takes to sort (docs/BENCHMARKS.md, "Queue").
      if (unsearched.size > 0) {
        addSearchWords(SEARCH_SLICE);
        return true;
      }
      const cold = SORT_COLUMNS.find((column) => orders.get(column)?.assigneeKey !== assigneeKey);
      if (cold === undefined) return search.warm();
      // Warming sorts for idle time: the order on screen stays the one read last.
      const shown = shownColumn;
      ascending(cold, assigneeKey);
      shownColumn = shown;
      return true;
    },
    subscribe: updated.on,
  };
};
