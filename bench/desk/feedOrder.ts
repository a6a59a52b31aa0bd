import { feedRow, type FeedRow } from '../../server/db/changeFeed';
import type { StoredRecord } from './applyLife';

type Pending = StoredRecord & { ticket: number };

const byTime = (a: Pending, b: Pending): number => a.at - b.at || a.ticket - b.ticket || a.order - b.order;

/**
 * Puts the records in the change feed where a desk's writes leave them: each at the position of
 * its last write, so the feed is in the order of those times (a ticket's row moves to the end with
 * every change; its events stay where they were written). Tickets arrive oldest first and no
 * record is older than its ticket, so once a ticket created at t is added, every record before t
 * is final: `take(t)` hands those out in order and keeps the rest.
 */
export const createFeedOrder = () => {
  let pending: Pending[] = [];
  return {
    add: (ticket: number, records: readonly StoredRecord[]): void => {
      for (const record of records) pending.push({ ...record, ticket });
    },
    /** The records last written before `frontier`, in feed order. */
    take: (frontier: number): FeedRow[] => {
      const ready = pending.filter((entry) => entry.at < frontier).sort(byTime);
      pending = pending.filter((entry) => entry.at >= frontier);
      return ready.map((entry) => feedRow(entry.record));
    },
    /** Everything left, in feed order. */
    rest: (): FeedRow[] => {
      const ready = pending.sort(byTime);
      pending = [];
      return ready.map((entry) => feedRow(entry.record));
    },
  };
};
