import { Dexie, type EntityTable, type Table, type Transaction } from 'dexie';
import type { BaseRow, OutboxEntry } from '../../shared/sync/localStore';
import type { CannedReply, Note, PublicUser, RemoteSession, TicketEvent } from '../../shared/domain/records';
import type { Ticket } from '../../shared/domain/ticket';
import type { Article, ArticleVersion } from '../../shared/knowledge/article';
import type { TrainingClass } from '../../shared/training/trainingClass';
import { rejectedTicketId, type RejectedRow } from './rejectedRow';

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
  replies: Table<CannedReply, string>;
  articles: Table<Article, string>;
  articleVersions: Table<ArticleVersion, string>;
  classes: Table<TrainingClass, string>;
  outbox: EntityTable<OutboxEntry, 'seq'>;
  bases: Table<BaseRow, string>;
  rejected: Table<RejectedRow, string>;
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

/**
 * Version 4 lets a ticket find its own refused changes through an index instead of reading every
 * one: rows about no ticket have no `ticketId` and stay out of it (see RejectedRow).
 */
export const REJECTED_INDEXES_V4 = 'id, rejectedAt, [ticketId+rejectedAt]';

/**
 * Version 5 finds the tickets a technician escalated (what they follow, shared/domain/following.ts)
 * without reading every event. Only `escalated` events have `data.toTier`, and IndexedDB leaves a
 * record out of an index whose key path it lacks, so the index holds escalations alone: the other
 * events, nearly all of them, cost it nothing to write.
 */
export const EVENT_INDEXES_V5 = 'id, [ticketId+at], [actorId+data.toTier]';

/**
 * Version 6 holds the desk's canned replies, and finds a caller's earlier tickets by the requester's
 * name or contact (renderer/calls/callerTickets.ts) without reading every ticket. IndexedDB leaves
 * a ticket without a contact (null) out of the contact index.
 */
export const TICKET_INDEXES_V6 = 'id, code, status, category, requester.name, requester.contact';
export const REPLY_INDEXES_V6 = 'id';

/**
 * Version 7 holds the knowledge base: every article, read by the Knowledge view with its category
 * filter (`category`), and their histories, an article's versions in order through
 * `[articleId+version]`. Additive: every other table and row stays as it was.
 */
export const ARTICLE_INDEXES_V7 = 'id, category';
export const ARTICLE_VERSION_INDEXES_V7 = 'id, [articleId+version]';

/**
 * Version 8 holds the training classes, which the Classes view lists by start (`startsAt`: upcoming
 * and past). Additive: every other table and row stays as it was.
 */
export const CLASS_INDEXES_V8 = 'id, startsAt';

/**
 * Version 9 indexes tickets by `updatedAt`, the queue's default order, so a restart reads the first
 * screen of the queue (about a hundred tickets, renderer/queue/firstScreenRead.ts) instead of every
 * ticket when no first screen kept by the last session is still true. Additive: every row stays, and
 * IndexedDB builds the index from the rows already held during the upgrade.
 */
export const TICKET_INDEXES_V9 = `${TICKET_INDEXES_V6}, updatedAt`;

/**
 * Gives the refused changes a version 3 cache holds their `ticketId`. It runs inside IndexedDB's
 * upgrade transaction: should it fail, the upgrade is rolled back and the cache stays at version
 * 3 with every row as it was, so nothing is lost and the next sign-in tries again.
 */
const addRejectedTicketIds = (tx: Transaction): Promise<number> =>
  tx
    .table<RejectedRow, string>('rejected')
    .toCollection()
    .modify((row) => {
      const ticketId = rejectedTicketId(row);
      if (ticketId !== null) row.ticketId = ticketId;
    });

/** The newest cache schema this code knows; raise it with every new `db.version`. */
export const CACHE_VERSION = 9;

export const openMejaDb = (name: string): MejaDb => {
  // Dexie adds the table properties at run time from the schema below.
  const db = new Dexie(name) as MejaDb;
  db.version(1).stores(SCHEMA_V1);
  // Additive: the supervisor panel's figures, keyed by route and query.
  db.version(2).stores({ statsCache: 'key' });
  db.version(3).stores({ tickets: TICKET_INDEXES_V3 });
  db.version(4).stores({ rejected: REJECTED_INDEXES_V4 }).upgrade(addRejectedTicketIds);
  db.version(5).stores({ events: EVENT_INDEXES_V5 });
  db.version(6).stores({ tickets: TICKET_INDEXES_V6, replies: REPLY_INDEXES_V6 });
  db.version(7).stores({ articles: ARTICLE_INDEXES_V7, articleVersions: ARTICLE_VERSION_INDEXES_V7 });
  db.version(8).stores({ classes: CLASS_INDEXES_V8 });
  db.version(CACHE_VERSION).stores({ tickets: TICKET_INDEXES_V9 });
  return db;
};

/** The version IndexedDB holds for a database, read without opening it; null when there is none. */
const versionOnDisk = async (name: string): Promise<number | null> => {
  const factory = Dexie.dependencies.indexedDB;
  if (factory === undefined) return null;
  const known: Array<{ name?: string; version?: number }> = await factory.databases();
  return known.find((database) => database.name === name)?.version ?? null;
};

/**
 * Opens the cache, or answers `newer` when a newer Meja wrote it: an older app (a reverted
 * install, a stale web page) must not read or rewrite a schema it does not know. Dexie 4 opens
 * such a database without a word, and even adds the tables it misses by raising the version, so
 * the version is read before Dexie opens anything. Dexie keeps version n as 10n (10n + 1 once it
 * adapted a schema by itself).
 */
export const openCache = async (db: MejaDb): Promise<'ok' | 'newer'> => {
  const onDisk = await versionOnDisk(db.name);
  if (onDisk !== null && Math.floor(onDisk / 10) > CACHE_VERSION) return 'newer';
  try {
    await db.open();
  } catch (error) {
    if (error instanceof Error && error.name === 'VersionError') return 'newer';
    throw error;
  }
  return 'ok';
};
