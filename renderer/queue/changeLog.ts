import type { QueueEntry } from './queueEntry';

/** One slot's change: the entry it held before (undefined: free) and holds now (undefined: removed). */
export type SlotChange = { slot: number; before: QueueEntry | undefined; after: QueueEntry | undefined };

/**
 * The few slots each of the index's latest versions changed, so an answer or a count made at an
 * earlier version can follow those changes instead of reading all 100,000 entries again. Only
 * small changes are kept (an edit, a live update); a large one (a sync page, a reload) forgets
 * everything before it, and whoever asks past it starts over.
 */
export type ChangeLog = {
  /** `changes` is what made `version`; null: too many to follow, or unknown (the index was cleared). */
  record(version: number, changes: readonly SlotChange[] | null): void;
  /**
   * What changed after `since` up to `current`, one change per slot (its first `before`, its last
   * `after`); null when the log does not reach back that far.
   */
  since(since: number, current: number): SlotChange[] | null;
};

export const createChangeLog = ({ maxVersions = 16, maxSlots = 64 } = {}): ChangeLog => {
  let entries: Array<{ version: number; changes: readonly SlotChange[] }> = [];
  return {
    record: (version, changes) => {
      if (changes === null || changes.length > maxSlots) {
        entries = [];
        return;
      }
      entries.push({ version, changes });
      if (entries.length > maxVersions) entries.shift();
    },
    since: (since, current) => {
      if (since === current) return [];
      // Versions grow by one per change, so the entries after `since` are complete if the first is since + 1.
      const from = entries.findIndex((entry) => entry.version === since + 1);
      if (from === -1 || entries.at(-1)?.version !== current) return null;
      const bySlot = new Map<number, SlotChange>();
      for (const { changes } of entries.slice(from)) {
        for (const change of changes) {
          const earlier = bySlot.get(change.slot);
          bySlot.set(change.slot, earlier === undefined ? change : { slot: change.slot, before: earlier.before, after: change.after });
        }
      }
      return [...bySlot.values()];
    },
  };
};
