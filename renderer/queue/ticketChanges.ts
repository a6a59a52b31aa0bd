import type { LocalDb, LocalTx } from '../../shared/sync/localStore';

/** Which tickets one committed transaction wrote: their ids, or every ticket (the cache was cleared). */
export type TicketChange = { kind: 'some'; ids: readonly string[] } | { kind: 'all' };

export type TicketChangeFeed = { subscribe(listener: (change: TicketChange) => void): () => void };

/**
 * Wraps the cache's transactions to learn, after each one commits, which tickets it wrote; the
 * queue's in-memory index patches just those. Dexie's own `storagemutated` report is no help here:
 * it names the keys of a batch only below 50 rows and the whole table above.
 */
export const trackTicketChanges = (inner: LocalDb): { db: LocalDb; changes: TicketChangeFeed } => {
  const listeners = new Set<(change: TicketChange) => void>();
  const db: LocalDb = {
    transaction: async (work) => {
      const ids = new Set<string>();
      let isCleared = false;
      const result = await inner.transaction((tx) => {
        const tracked: LocalTx = {
          ...tx,
          putMany: (entity, records) => {
            if (entity === 'ticket') for (const record of records) ids.add(record.id);
            return tx.putMany(entity, records);
          },
          deleteMany: (entity, deleted) => {
            if (entity === 'ticket') for (const id of deleted) ids.add(id);
            return tx.deleteMany(entity, deleted);
          },
          clearEntities: () => {
            isCleared = true;
            return tx.clearEntities();
          },
        };
        return work(tracked);
      });
      // Reached only once the transaction has committed; an aborted one changed nothing.
      const change: TicketChange | null = isCleared ? { kind: 'all' } : ids.size > 0 ? { kind: 'some', ids: [...ids] } : null;
      if (change !== null) listeners.forEach((listener) => listener(change));
      return result;
    },
  };
  return {
    db,
    changes: {
      subscribe: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };
};
