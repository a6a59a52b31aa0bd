import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Status } from '../../shared/domain/ticket';
import type { BulkOutcome } from './bulk';
import { EMPTY_FILTER, type QueueFilter } from './queueFilter';
import { DEFAULT_SORT, type QueueSort, type SortColumn } from './queueSort';
import { loadSavedViews, storeSavedViews, type QueueView, type ViewStorage } from './savedViews';
import { EMPTY_SELECTION, type Selection } from './selection';

/**
 * The queue's screen state for one signed-in user. It lives beside the app store rather than in
 * it because it is created per user (saved views are per user) and dies with the console.
 */
export type QueueState = {
  filter: QueueFilter;
  sort: QueueSort;
  selection: Selection;
  cursorId: string | null;
  savedViews: readonly QueueView[];
  outcome: BulkOutcome | null;
  /** Tickets waiting for a resolution text before a bulk resolve. */
  resolving: { ids: readonly string[]; to: Status } | null;
  setFilter(filter: QueueFilter): void;
  setSearch(search: string): void;
  sortBy(column: SortColumn): void;
  setSelection(selection: Selection): void;
  setCursor(id: string | null): void;
  saveView(name: string): void;
  deleteView(id: string): void;
  setOutcome(outcome: BulkOutcome | null): void;
  setResolving(resolving: QueueState['resolving']): void;
};

export type QueueStore = StoreApi<QueueState>;

export const createQueueStore = (userId: string, storage: ViewStorage, newId: () => string): QueueStore =>
  createStore<QueueState>()((set, get) => ({
    filter: EMPTY_FILTER,
    sort: DEFAULT_SORT,
    selection: EMPTY_SELECTION,
    cursorId: null,
    savedViews: loadSavedViews(storage, userId),
    outcome: null,
    resolving: null,
    setFilter: (filter) => set({ filter }),
    setSearch: (search) => set({ filter: { ...get().filter, search } }),
    // A new column sorts ascending, except times, where the latest first is what one wants.
    sortBy: (column) => {
      const { sort } = get();
      const direction =
        sort.column === column ? (sort.direction === 'ascending' ? 'descending' : 'ascending') : column === 'updated' ? 'descending' : 'ascending';
      set({ sort: { column, direction } });
    },
    setSelection: (selection) => set({ selection }),
    setCursor: (cursorId) => set({ cursorId }),
    saveView: (name) => {
      const savedViews = [...get().savedViews, { id: newId(), name, filter: get().filter }];
      storeSavedViews(storage, userId, savedViews);
      set({ savedViews });
    },
    deleteView: (id) => {
      const savedViews = get().savedViews.filter((view) => view.id !== id);
      storeSavedViews(storage, userId, savedViews);
      set({ savedViews });
    },
    setOutcome: (outcome) => set({ outcome }),
    setResolving: (resolving) => set({ resolving }),
  }));
