import { Dexie, type EntityTable, type Table } from 'dexie';
import type { BaseRow, OutboxEntry, RejectedChange } from '../../shared/sync/localStore';
import type { Note, PublicUser, RemoteSession, TicketEvent } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';

export type MetaRow = { key: string; value: string };

/** The last JSON answer of a statistics route per query, shown when the server cannot be reached. */
export type StatsCacheRow = { key: string; fetchedAt: string; body: unknown };

/** The console's local cache: the synced records, the outbox of local changes and sync bookkeeping. */
export type MejaDb = Dexie & {
  tickets: Table<Ticket, string>;
  events: Table<TicketEvent, string>;
  notes: Table<Note, string>;
  sessions: Table<RemoteSession, string>;
  users: Table<PublicUser, string>;
  outbox: EntityTable<OutboxEntry, 'seq'>;
  bases: Table<BaseRow, string>;
  rejected: Table<RejectedChange, string>;
  meta: Table<MetaRow, string>;
  statsCache: Table<StatsCacheRow, string>;
};

/** Index lists per table; the first entry is the primary key. Change them only with a new version. */
export const SCHEMA_V1 = {
  tickets: 'id, number, code, status, tier, assigneeId, priority, category, updatedAt, createdAt, resolutionDueAt',
  events: 'id, [ticketId+at]',
  notes: 'id, ticketId',
  sessions: 'id, ticketId, technicianId',
  users: 'id, username',
  outbox: '++seq, &id, state',
  bases: 'key',
  rejected: 'id, rejectedAt',
  meta: 'key',
} as const;

/**
 * Version 3 keeps only the ticket indexes something reads: `code` (a caller's code or a link),
 * `status` (Take next), `category` (the statistics filter). The queue sorts and filters its own
 * in-memory index, so the other seven only made every ticket write dearer: IndexedDB updates each
 * index on every put, which dominated a first sync of 100,000 tickets. Dropping indexes keeps
 * every row, the outbox included.
 */
export const TICKET_INDEXES_V3 = 'id, code, status, category';

export const openMejaDb = (name: string): MejaDb => {
  // Dexie adds the table properties at run time from the schema below.
  const db = new Dexie(name) as MejaDb;
  db.version(1).stores(SCHEMA_V1);
  // Additive: the supervisor panel's figures, keyed by route and query.
  db.version(2).stores({ statsCache: 'key' });
  db.version(3).stores({ tickets: TICKET_INDEXES_V3 });
  return db;
};
