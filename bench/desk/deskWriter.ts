import type { FeedRow } from '../../server/db/changeFeed';
import type { Schema } from '../../server/db/schema';

/** The tables the generator fills row by row (the change feed apart: its rows get positions). */
export const BULK_TABLES = [
  'users',
  'tickets',
  'ticket_events',
  'notes',
  'remote_sessions',
  'ticket_tags',
  'ticket_search',
  'ticket_facts',
  'ticket_opens',
  'applied_mutations',
] as const;
export type BulkTable = (typeof BULK_TABLES)[number];

export type BulkRows = { [T in BulkTable]: Array<Schema[T]> };

export type LoadBatch = { rows: Partial<BulkRows>; feed: readonly FeedRow[] };

/**
 * Writes a generated desk into a migrated, empty database of one engine, straight into its tables
 * (not through HTTP): bench/desk/sqliteWriter.ts and postgresWriter.ts. Opening one drops the
 * secondary indexes, which `finish` builds again once the rows are in: the database ends as the
 * migrations and the push path would leave it.
 */
export type DeskWriter = {
  /** One batch in one transaction; its feed rows take the next positions, in their order. */
  write(batch: LoadBatch): Promise<void>;
  /** Builds the indexes again, sets the counters (ticket numbers, feed positions) and what the statistics derive across tickets. */
  finish(tickets: number): Promise<void>;
  close(): Promise<void>;
};

/** A row as the drivers take it: the Schema types are objects of these. */
export type PlainRow = Readonly<Record<string, string | number | null>>;
