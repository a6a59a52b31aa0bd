import type { BaseRow, LocalDb, LocalTx, OutboxEntry, RejectedChange } from './localStore';
import type { EntityMap, EntityName } from './protocol';

type EntityTables = { [E in EntityName]: Map<string, EntityMap[E]> };

type Tables = {
  entities: EntityTables;
  bases: Map<string, BaseRow>;
  outbox: Map<number, OutboxEntry>;
  rejected: Map<string, RejectedChange>;
  meta: Map<string, string>;
  /** Like IndexedDB's auto-increment key: never reused, and rolled back with the transaction. */
  nextSeq: number;
};

// Every supported runtime has structuredClone; shared/ compiles without the typings that declare it.
const clone = <T>(value: T): T => (globalThis as unknown as { structuredClone<V>(value: V): V }).structuredClone(value);

const emptyEntities = (): EntityTables => ({
  ticket: new Map(),
  event: new Map(),
  note: new Map(),
  session: new Map(),
  user: new Map(),
  reply: new Map(),
  article: new Map(),
  articleVersion: new Map(),
  class: new Map(),
});

/** Steps that undo a transaction's writes, run last to first when its work throws. */
type Journal = Array<() => void>;

const makeTx = (tables: Tables, journal: Journal, isOpen: () => boolean): LocalTx => {
  // A call after the transaction ended would write outside it: fail loudly, as IndexedDB does.
  const open = () => {
    if (!isOpen()) throw new Error('The memory transaction has already finished.');
  };
  const setIn = <K, V>(map: Map<K, V>, key: K, value: V) => {
    if (map.has(key)) {
      const before = map.get(key) as V;
      journal.push(() => map.set(key, before));
    } else journal.push(() => map.delete(key));
    map.set(key, value);
  };
  const deleteIn = <K, V>(map: Map<K, V>, key: K) => {
    if (!map.has(key)) return;
    const before = map.get(key) as V;
    journal.push(() => map.set(key, before));
    map.delete(key);
  };
  const table = <E extends EntityName>(entity: E): Map<string, EntityMap[E]> => tables.entities[entity];
  return {
    getMany: async (entity, ids) => {
      open();
      return ids.map((id) => {
        const found = table(entity).get(id);
        return found === undefined ? undefined : clone(found);
      });
    },
    putMany: async (entity, records) => {
      open();
      const target = table(entity);
      for (const record of records) setIn(target, record.id, clone(record));
    },
    deleteMany: async (entity, ids) => {
      open();
      const target = table(entity);
      for (const id of ids) deleteIn(target, id);
    },
    clearEntities: async () => {
      open();
      const before = tables.entities;
      journal.push(() => (tables.entities = before));
      tables.entities = emptyEntities();
    },
    getBases: async (keys) => {
      open();
      return keys.map((key) => {
        const found = tables.bases.get(key);
        return found === undefined ? undefined : clone(found);
      });
    },
    putBases: async (rows) => {
      open();
      const target = tables.bases;
      for (const row of rows) setIn(target, row.key, clone(row));
    },
    deleteBases: async (keys) => {
      open();
      const target = tables.bases;
      for (const key of keys) deleteIn(target, key);
    },
    clearBases: async () => {
      open();
      const before = tables.bases;
      journal.push(() => (tables.bases = before));
      tables.bases = new Map();
    },
    outbox: async () => {
      open();
      return [...tables.outbox.values()].sort((a, b) => a.seq - b.seq).map(clone);
    },
    addOutbox: async (entry) => {
      open();
      const seq = tables.nextSeq;
      journal.push(() => (tables.nextSeq = seq));
      tables.nextSeq += 1;
      setIn(tables.outbox, seq, { ...clone(entry), seq });
    },
    putOutbox: async (entries) => {
      open();
      for (const entry of entries) setIn(tables.outbox, entry.seq, clone(entry));
    },
    deleteOutbox: async (seqs) => {
      open();
      for (const seq of seqs) deleteIn(tables.outbox, seq);
    },
    addRejected: async (changes) => {
      open();
      for (const change of changes) setIn(tables.rejected, change.id, clone(change));
    },
    getRejected: async (id) => {
      open();
      const found = tables.rejected.get(id);
      return found === undefined ? undefined : clone(found);
    },
    deleteRejected: async (id) => {
      open();
      deleteIn(tables.rejected, id);
    },
    getMeta: async (key) => {
      open();
      return tables.meta.get(key);
    },
    setMeta: async (key, value) => {
      open();
      setIn(tables.meta, key, value);
    },
    ticketChildren: async (ticketIds) => {
      open();
      const wanted = new Set(ticketIds);
      const of = <E extends 'event' | 'note' | 'session'>(entity: E) => [...table(entity).values()].filter((record) => wanted.has(record.ticketId)).map(clone);
      return { events: of('event'), notes: of('note'), sessions: of('session') };
    },
    allTickets: async () => {
      open();
      return [...table('ticket').values()].map(clone);
    },
    allRejected: async () => {
      open();
      return [...tables.rejected.values()].map(clone);
    },
  };
};

export type MemoryLocalDb = LocalDb & {
  /** Every record of one entity as it stands (call it between transactions), for tests and inspection. */
  records<E extends EntityName>(entity: E): Array<EntityMap[E]>;
};

/**
 * A LocalDb in memory, for tests and anywhere without IndexedDB. Transactions run one at a time
 * (like IndexedDB's read-write transactions over the same tables) and write in place, noting how
 * to undo each write; a transaction that throws is undone, so it leaves nothing changed. Its cost
 * is that of its own writes, not of the whole cache (the load test runs hundreds of these).
 * A transaction must not start another one inside it (it would wait for itself).
 */
export const createMemoryLocalDb = (): MemoryLocalDb => {
  const tables: Tables = { entities: emptyEntities(), bases: new Map(), outbox: new Map(), rejected: new Map(), meta: new Map(), nextSeq: 1 };
  let queue: Promise<unknown> = Promise.resolve();
  const transaction = <T>(work: (tx: LocalTx) => Promise<T>): Promise<T> => {
    const run = queue.then(async () => {
      const journal: Journal = [];
      let open = true;
      try {
        return await work(makeTx(tables, journal, () => open));
      } catch (error) {
        for (let i = journal.length - 1; i >= 0; i -= 1) journal[i]?.();
        throw error;
      } finally {
        open = false;
      }
    });
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    transaction,
    // Reads take their turn like writes: simple, and nothing here waits on a screen's reads.
    read: (work) => transaction(work),
    records: (entity) => [...tables.entities[entity].values()].map(clone),
  };
};
