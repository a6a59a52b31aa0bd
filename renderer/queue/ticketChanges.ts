import type { TicketEvent } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';
import type { LocalDb, LocalTx } from '../../shared/sync/localStore';
import { createEmitter } from '../../shared/emitter';

/**
 * Which tickets one committed transaction wrote, with what it wrote (null: deleted), and of which
 * tickets it wrote timeline events (`timelines`, ticket ids), or that it cleared every ticket.
 * Carrying the records spares the queue reading back what was just written: on a first sync that
 * was a second IndexedDB read of every ticket.
 */
export type TicketChange =
  { kind: 'some'; written: ReadonlyMap<string, Ticket | null>; timelines: ReadonlySet<string>; stamp?: number } | { kind: 'all'; stamp?: number };

/**
 * Meta key of a count every committed transaction that writes or deletes a ticket raises by one,
 * in the same transaction; a commit's change carries its number as `stamp` (an announced change
 * has none). What was kept about the tickets as of number n is still true while the count is n
 * (the queue's first screen, firstScreenStore.ts), and the changes a page hears, in whatever order
 * they reach it, can be applied in the order they were committed.
 */
export const TICKETS_STAMP = 'tickets:stamp';

/** The count as stored: 0 before any stamped write. */
export const stampOf = (value: string | undefined): number => {
  const stamp = Number(value ?? 0);
  return Number.isSafeInteger(stamp) && stamp >= 0 ? stamp : 0;
};

export type TicketChangeFeed = { subscribe(listener: (change: TicketChange) => void): () => void };

/**
 * `changes`: what the screens show, in order: every committed transaction, and a technician's
 * change announced before its transaction commits (renderer/sync/shownFirst.ts). `commits`: the
 * committed ones only, heard before `changes` hears them.
 */
export type TrackedCache = {
  db: LocalDb;
  changes: TicketChangeFeed;
  commits: TicketChangeFeed;
  announce(change: TicketChange): void;
  /** A transaction another connection to the same cache committed (the cache worker's): told as this one's own. */
  committedElsewhere(change: TicketChange): void;
};

/**
 * Wraps the cache's transactions to learn, after each one commits, which tickets it wrote; the
 * queue's in-memory index patches just those. Dexie's own `storagemutated` report is no help here:
 * it names the keys of a batch only below 50 rows and the whole table above.
 */
export const trackTicketChanges = (inner: LocalDb): TrackedCache => {
  const changed = createEmitter<TicketChange>();
  const committed = createEmitter<TicketChange>();
  const tellCommitted = (change: TicketChange) => {
    committed.emit(change);
    changed.emit(change);
  };
  const db: LocalDb = {
    transaction: async (work) => {
      const written = new Map<string, Ticket | null>();
      const timelines = new Set<string>();
      let isCleared = false;
      let stamp = 0;
      const result = await inner.transaction(async (tx) => {
        const tracked: LocalTx = {
          ...tx,
          putMany: (entity, records) => {
            // The last write of a ticket in the transaction is what it committed.
            if (entity === 'ticket') for (const record of records as Ticket[]) written.set(record.id, record);
            // A first sync writes events in passes after their tickets: who is credited can change without the ticket.
            if (entity === 'event') for (const record of records as TicketEvent[]) timelines.add(record.ticketId);
            return tx.putMany(entity, records);
          },
          deleteMany: (entity, deleted) => {
            if (entity === 'ticket') for (const id of deleted) written.set(id, null);
            return tx.deleteMany(entity, deleted);
          },
          clearEntities: () => {
            isCleared = true;
            return tx.clearEntities();
          },
        };
        const done = await work(tracked);
        if (isCleared || written.size > 0) {
          stamp = stampOf(await tx.getMeta(TICKETS_STAMP)) + 1;
          await tx.setMeta(TICKETS_STAMP, String(stamp));
        }
        return done;
      });
      // Reached only once the transaction has committed; an aborted one changed nothing.
      const isStamped = isCleared || written.size > 0;
      const change: TicketChange | null = isCleared
        ? { kind: 'all', stamp }
        : written.size + timelines.size > 0
          ? { kind: 'some', written, timelines, ...(isStamped ? { stamp } : {}) }
          : null;
      if (change !== null) tellCommitted(change);
      return result;
    },
    read: (work) => inner.read(work),
  };
  return {
    db,
    changes: { subscribe: changed.on },
    commits: { subscribe: committed.on },
    announce: changed.emit,
    committedElsewhere: tellCommitted,
  };
};
