import type { QueueEntry } from './queueEntry';
import { ascendingCompare, insertionPoint, orderByKey, sortKey, SORT_COLUMNS, type AssigneeKey, type Compare, type SortColumn } from './queueSort';

/** Above this many changed rows in one patch a cached order is dropped and re-sorted on demand. */
const MAX_INCREMENTAL = 2_000;

type CachedOrder = { rows: QueueEntry[]; compare: Compare; assigneeKey: AssigneeKey };

/**
 * The queue's in-memory rows, one entry per cached ticket, with sorted orders cached per column
 * and patched in place when a few tickets change (a sync page, a local change), so neither a
 * filter change nor a sync re-sorts 100,000 rows.
 * Invariant: every cached order holds exactly the entries of `byId`, ascending by its comparator.
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
  /** Every entry ascending by `column`; the array is the index's own: read it, never change it. */
  ascending(column: SortColumn, assigneeKey: AssigneeKey): readonly QueueEntry[];
  /** Sorts one column not yet cached, if any, and says whether one was; for idle time, so a click finds its order ready. */
  warmOne(assigneeKey: AssigneeKey): boolean;
  subscribe(listener: () => void): () => void;
};

export const createQueueIndex = (): QueueIndex => {
  const byId = new Map<string, QueueEntry>();
  const orders = new Map<SortColumn, CachedOrder>();
  const listeners = new Set<() => void>();
  let version = 0;

  const changed = () => {
    version += 1;
    listeners.forEach((listener) => listener());
  };

  const patchOrders = (removedIds: ReadonlySet<string>, added: readonly QueueEntry[]) => {
    for (const [column, order] of orders) {
      if (removedIds.size + added.length > MAX_INCREMENTAL) {
        orders.delete(column);
        continue;
      }
      const rows = removedIds.size === 0 ? order.rows : order.rows.filter((entry) => !removedIds.has(entry.id));
      for (const entry of added) rows.splice(insertionPoint(rows, entry, order.compare), 0, entry);
      order.rows = rows;
    }
  };

  const ascending = (column: SortColumn, assigneeKey: AssigneeKey): readonly QueueEntry[] => {
    const cached = orders.get(column);
    if (cached !== undefined && cached.assigneeKey === assigneeKey) return cached.rows;
    const compare = ascendingCompare(column, assigneeKey);
    const rows = column === 'code' ? [...byId.values()].sort(compare) : orderByKey(ascending('code', assigneeKey), sortKey(column, assigneeKey));
    orders.set(column, { rows, compare, assigneeKey });
    return rows;
  };

  return {
    version: () => version,
    size: () => byId.size,
    get: (id) => byId.get(id),
    values: () => byId.values(),
    upsert: (entries) => {
      if (entries.length === 0) return;
      const replaced = new Set<string>();
      for (const entry of entries) {
        if (byId.has(entry.id)) replaced.add(entry.id);
        byId.set(entry.id, entry);
      }
      // The same id twice in one batch: only its last version goes into the orders.
      const latest = entries.length === 1 ? entries : [...new Map(entries.map((entry) => [entry.id, entry])).values()];
      patchOrders(replaced, latest);
      changed();
    },
    remove: (ids) => {
      const removed = new Set(ids.filter((id) => byId.delete(id)));
      if (removed.size === 0) return;
      patchOrders(removed, []);
      changed();
    },
    clear: () => {
      byId.clear();
      orders.clear();
      changed();
    },
    ascending,
    warmOne: (assigneeKey) => {
      const cold = SORT_COLUMNS.find((column) => orders.get(column)?.assigneeKey !== assigneeKey);
      if (cold === undefined) return false;
      ascending(cold, assigneeKey);
      return true;
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
