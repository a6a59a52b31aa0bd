import { Dexie, type Table, type Transaction } from 'dexie';
import type { CannedReply, Note, PublicUser, RemoteSession, TicketEvent } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';
import type { Article, ArticleVersion } from '../../shared/knowledge/article';
import type { TrainingClass } from '../../shared/training/trainingClass';
import type { BaseRow, OutboxEntry } from '../../shared/sync/localStore';
import type { LocalDb, LocalTx } from '../../shared/sync/localStore';
import type { EntityMap, EntityName } from '../../shared/sync/protocol';
import type { MejaDb, MetaRow } from './database';
import { toRejectedRow, type RejectedRow } from './rejectedRow';

type EntityTables = { [E in EntityName]: Table<EntityMap[E], string> };

/**
 * Records written per IndexedDB call. The browser clones each record on the calling thread, the
 * page's main thread here, so a whole sync page in one call holds it long enough for a click to wait
 * (docs/BENCHMARKS.md, "First sync: where the time goes"). Each slice starts when the one before has been written, in a task of its own, so a click or a frame
 * can come in between.
 */
const PUT_SLICE = 250;

/** Up to this many tickets, their events are read one ticket at a time through `[ticketId+at]`; beyond, in one walk. */
const FEW_TICKETS = 200;

/**
 * Tables bound explicitly to one transaction, so every call joins it even after awaits that
 * leave Dexie's zone (native async functions several levels deep).
 */
const boundTables = (trans: Transaction) => ({
  entities: {
    ticket: trans.table<Ticket, string>('tickets'),
    event: trans.table<TicketEvent, string>('events'),
    note: trans.table<Note, string>('notes'),
    session: trans.table<RemoteSession, string>('sessions'),
    user: trans.table<PublicUser, string>('users'),
    reply: trans.table<CannedReply, string>('replies'),
    article: trans.table<Article, string>('articles'),
    articleVersion: trans.table<ArticleVersion, string>('articleVersions'),
    class: trans.table<TrainingClass, string>('classes'),
  } satisfies EntityTables,
  outbox: trans.table<OutboxEntry, number>('outbox'),
  bases: trans.table<BaseRow, string>('bases'),
  rejected: trans.table<RejectedRow, string>('rejected'),
  meta: trans.table<MetaRow, string>('meta'),
});

const makeTx = (trans: Transaction): LocalTx => {
  const db = boundTables(trans);
  const tables: EntityTables = db.entities;
  return {
    getMany: (entity, ids) => tables[entity].bulkGet(ids),
    putMany: async (entity, records) => {
      for (let from = 0; from < records.length; from += PUT_SLICE) await tables[entity].bulkPut(records.slice(from, from + PUT_SLICE));
    },
    deleteMany: (entity, ids) => tables[entity].bulkDelete(ids),
    clearEntities: async () => {
      await Promise.all(Object.values(tables).map((table) => table.clear()));
    },
    getBases: async (keys) => {
      // Bases exist only for records with unsent local changes, usually none: one count instead of a
      // read per key of every pulled page (a first sync reads 500,000 keys for nothing otherwise).
      if (keys.length > 1 && (await db.bases.count()) === 0) return keys.map(() => undefined);
      return db.bases.bulkGet(keys);
    },
    putBases: async (rows) => {
      await db.bases.bulkPut(rows);
    },
    deleteBases: (keys) => db.bases.bulkDelete(keys),
    clearBases: () => db.bases.clear(),
    outbox: () => db.outbox.orderBy('seq').toArray(),
    addOutbox: async (entry) => {
      // `seq` is the auto-incremented key: the store assigns it.
      await db.outbox.add(entry as OutboxEntry);
    },
    putOutbox: async (entries) => {
      await db.outbox.bulkPut(entries);
    },
    deleteOutbox: (seqs) => db.outbox.bulkDelete(seqs),
    addRejected: async (changes) => {
      await db.rejected.bulkPut(changes.map(toRejectedRow));
    },
    getRejected: (id) => db.rejected.get(id),
    deleteRejected: (id) => db.rejected.delete(id),
    getMeta: async (key) => (await db.meta.get(key))?.value,
    setMeta: async (key, value) => {
      await db.meta.put({ key, value });
    },
    ticketChildren: async (ticketIds) => {
      if (ticketIds.length === 0) return { events: [], notes: [], sessions: [] };
      const wanted = new Set(ticketIds);
      // A few tickets (a page's catch-up check) through the ticket index; many (pruning) in one walk of the events.
      const events =
        ticketIds.length <= FEW_TICKETS
          ? (
              await Promise.all(ticketIds.map((id) => db.entities.event.where('[ticketId+at]').between([id, Dexie.minKey], [id, Dexie.maxKey]).toArray()))
            ).flat()
          : await db.entities.event.filter((event) => wanted.has(event.ticketId)).toArray();
      const [notes, sessions] = await Promise.all([
        db.entities.note.where('ticketId').anyOf(ticketIds).toArray(),
        db.entities.session.where('ticketId').anyOf(ticketIds).toArray(),
      ]);
      return { events, notes, sessions };
    },
    allTickets: () => db.entities.ticket.toArray(),
    allRejected: () => db.rejected.toArray(),
  };
};

/** The sync logic's transactions over the Dexie cache: every table, all or nothing. */
export const createDexieLocalDb = (db: MejaDb): LocalDb => {
  const tables = [
    db.tickets,
    db.events,
    db.notes,
    db.sessions,
    db.users,
    db.replies,
    db.articles,
    db.articleVersions,
    db.classes,
    db.outbox,
    db.bases,
    db.rejected,
    db.meta,
  ];
  return {
    transaction: (work) => db.transaction('rw', tables, async (trans) => work(makeTx(trans))),
    read: (work) => db.transaction('r', tables, async (trans) => work(makeTx(trans))),
  };
};
