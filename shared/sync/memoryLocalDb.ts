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

const emptyEntities = (): EntityTables => ({ ticket: new Map(), event: new Map(), note: new Map(), session: new Map(), user: new Map() });

// Records are stored as private copies, so copying the maps is enough to isolate a transaction.
const copyTables = (tables: Tables): Tables => {
  const { ticket, event, note, session, user } = tables.entities;
  return {
    entities: { ticket: new Map(ticket), event: new Map(event), note: new Map(note), session: new Map(session), user: new Map(user) },
    bases: new Map(tables.bases),
    outbox: new Map(tables.outbox),
    rejected: new Map(tables.rejected),
    meta: new Map(tables.meta),
    nextSeq: tables.nextSeq,
  };
};

const makeTx = (tables: Tables, isOpen: () => boolean): LocalTx => {
  // A call after the transaction ended would write to a discarded copy: fail loudly, as IndexedDB does.
  const open = () => {
    if (!isOpen()) throw new Error('The memory transaction has already finished.');
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
      for (const record of records) table(entity).set(record.id, clone(record));
    },
    deleteMany: async (entity, ids) => {
      open();
      for (const id of ids) tables.entities[entity].delete(id);
    },
    clearEntities: async () => {
      open();
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
      for (const row of rows) tables.bases.set(row.key, clone(row));
    },
    deleteBases: async (keys) => {
      open();
      for (const key of keys) tables.bases.delete(key);
    },
    clearBases: async () => {
      open();
      tables.bases = new Map();
    },
    outbox: async () => {
      open();
      return [...tables.outbox.values()].sort((a, b) => a.seq - b.seq).map(clone);
    },
    addOutbox: async (entry) => {
      open();
      const seq = tables.nextSeq;
      tables.nextSeq += 1;
      tables.outbox.set(seq, { ...clone(entry), seq });
    },
    putOutbox: async (entries) => {
      open();
      for (const entry of entries) tables.outbox.set(entry.seq, clone(entry));
    },
    deleteOutbox: async (seqs) => {
      open();
      for (const seq of seqs) tables.outbox.delete(seq);
    },
    addRejected: async (changes) => {
      open();
      for (const change of changes) tables.rejected.set(change.id, clone(change));
    },
    getRejected: async (id) => {
      open();
      const found = tables.rejected.get(id);
      return found === undefined ? undefined : clone(found);
    },
    deleteRejected: async (id) => {
      open();
      tables.rejected.delete(id);
    },
    getMeta: async (key) => {
      open();
      return tables.meta.get(key);
    },
    setMeta: async (key, value) => {
      open();
      tables.meta.set(key, value);
    },
  };
};

export type MemoryLocalDb = LocalDb & {
  /** Every record of one entity as committed, for tests and inspection. */
  records<E extends EntityName>(entity: E): Array<EntityMap[E]>;
};

/**
 * A LocalDb in memory, for tests and anywhere without IndexedDB. Transactions run one at a time
 * (like IndexedDB's read-write transactions over the same tables) on a copy of the tables that
 * replaces them only when the work succeeds: a transaction that throws leaves nothing changed.
 * A transaction must not start another one inside it (it would wait for itself).
 */
export const createMemoryLocalDb = (): MemoryLocalDb => {
  let committed: Tables = { entities: emptyEntities(), bases: new Map(), outbox: new Map(), rejected: new Map(), meta: new Map(), nextSeq: 1 };
  let queue: Promise<unknown> = Promise.resolve();
  return {
    transaction: <T>(work: (tx: LocalTx) => Promise<T>): Promise<T> => {
      const run = queue.then(async () => {
        const draft = copyTables(committed);
        let open = true;
        try {
          const result = await work(makeTx(draft, () => open));
          committed = draft;
          return result;
        } finally {
          open = false;
        }
      });
      queue = run.catch(() => undefined);
      return run;
    },
    records: (entity) => [...committed.entities[entity].values()].map(clone),
  };
};
