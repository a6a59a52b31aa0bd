import type { DatabaseKind } from '../config';
import type { Schema } from '../db/schema';

export type TableName = keyof Schema;

/**
 * The columns each table's rows are read in order of: a unique key, so reading in pages by it
 * (keyset) neither skips nor repeats a row. The change feed is read in feed order, (tx, seq), so
 * it can be renumbered as it is copied. Every table of the schema must be here (the `satisfies`
 * makes a new table a compile error until it is planned).
 */
const READ_ORDER = {
  users: ['id'],
  auth_tokens: ['token_hash'],
  tickets: ['id'],
  ticket_events: ['id'],
  notes: ['id'],
  remote_sessions: ['id'],
  canned_replies: ['id'],
  articles: ['id'],
  article_versions: ['id'],
  training_classes: ['id'],
  training_class_attendees: ['class_id', 'requester_key'],
  attachments: ['id'],
  mail_outbox: ['id'],
  mail_received: ['message_id'],
  help_feedback: ['id'],
  sync_changes: ['tx', 'seq'],
  applied_mutations: ['id'],
  counters: ['name'],
  meta: ['key'],
  ticket_facts: ['ticket_id'],
  ticket_tags: ['ticket_id', 'tag'],
  ticket_links: ['ticket_id', 'other_id'],
  ticket_opens: ['user_id', 'ticket_id'],
  track_answers: ['ticket_id', 'resolved_at'],
  ticket_imports: ['source', 'external_id'],
  ticket_search: ['number'],
  audit_log: ['id'],
} as const satisfies { readonly [T in TableName]: ReadonlyArray<keyof Schema[T] & string> };

/** Copy order: a table before those that reference it (auth_tokens.user_id → users.id); the rest have no foreign keys. */
export const COPY_ORDER: readonly TableName[] = [
  'users',
  'auth_tokens',
  'tickets',
  'ticket_events',
  'notes',
  'remote_sessions',
  'canned_replies',
  'articles',
  'article_versions',
  'training_classes',
  'training_class_attendees',
  'attachments',
  'mail_outbox',
  'mail_received',
  'help_feedback',
  'ticket_facts',
  'ticket_tags',
  'ticket_links',
  'ticket_opens',
  'track_answers',
  'ticket_imports',
  'ticket_search',
  'applied_mutations',
  'audit_log',
  'sync_changes',
  'counters',
  'meta',
];

export const readOrderOf = (table: TableName): readonly string[] => READ_ORDER[table];

/**
 * SQLite's full-text index of ticket_search and its shadow tables: the engine's own, kept by
 * triggers from ticket_search's rows, so copying those rows rebuilds it. Never listed, copied or
 * counted as a desk's data.
 */
export const isEngineIndexTable = (name: string): boolean => name === 'ticket_search_fts' || name.startsWith('ticket_search_fts_');

/** Tables that are the migrator's own bookkeeping: a target is migrated by this version, never copied into. */
export const isMigratorTable = (name: string): boolean => name === 'kysely_migration' || name === 'kysely_migration_lock';

/** Bound parameters one statement may carry: SQLite's default limit, and PostgreSQL's protocol limit. */
const MAX_PARAMETERS: Readonly<Record<DatabaseKind, number>> = { sqlite: 32_766, postgres: 65_535 };

export const ROWS_PER_INSERT = 1_000;

/**
 * Rows per insert statement: 1,000, or fewer where that many rows of this width would pass the
 * engine's limit of bound parameters (ticket_facts has 34 columns: 963 rows on SQLite).
 */
export const rowsPerInsert = (columns: number, kind: DatabaseKind): number =>
  Math.max(1, Math.min(ROWS_PER_INSERT, Math.floor(MAX_PARAMETERS[kind] / Math.max(1, columns))));

/**
 * A restored or copied feed starts a new history: every row gets tx 0 and its rank in the old
 * (tx, seq) order as seq, 1 to n. New writes then sort after all of them: on SQLite tx stays 0 and
 * seq continues past n; on PostgreSQL tx is a real transaction id, always above 0, whatever the
 * restored rows' transaction ids were in the cluster they came from.
 */
export const RESTORED_TX = 0;

export const renumberedPosition = (rank: number): { tx: number; seq: number } => ({ tx: RESTORED_TX, seq: rank + 1 });

/**
 * The feed's bookkeeping in a new history: a new epoch (every cursor issued before gets 410
 * cursor_too_old and its console pulls from scratch, keeping its unsent changes), and no purge
 * yet, since nobody holds a cursor of this history that a purge could have overtaken.
 */
export const newHistoryMeta = (epoch: string): ReadonlyArray<{ key: string; value: string }> => [
  { key: 'epoch', value: epoch },
  { key: 'horizon', value: '0:0' },
  { key: 'purges', value: '0' },
];
