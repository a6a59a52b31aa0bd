import type { MutationArgsMap, MutationName } from '../../shared/domain/mutationArgs';
import type { PublicUser } from '../../shared/domain/records';
import type { Result } from '../../shared/result';
import type { SyncEngine } from '../../shared/sync/engine';
import type { MejaDb } from '../db/database';
import type { TicketChangeFeed } from '../queue/ticketChanges';
import type { HeldRecordBook } from './heldRecords';
import type { PulledPageFeed } from './pulledPages';

/**
 * Everything a signed-in console works with: the user's own cache (one IndexedDB database per
 * user, so two people sharing a browser never see each other's pending work), the sync engine
 * over it, and the one door for changes.
 */
export type Workspace = {
  user: PublicUser;
  db: MejaDb;
  engine: SyncEngine;
  /** Ticket ids written by each committed change to the cache, for the queue's in-memory index. */
  ticketChanges: TicketChangeFeed;
  /** Each pull page once the cache has it: what others changed, as it arrives (followed tickets resolved). */
  pulledPages: PulledPageFeed;
  /** Records the screens hold in memory: a screen that reads a ticket remembers it here, so a change to it shows at once. */
  held: HeldRecordBook;
  /**
   * Checks a change by the shared rules, applies it to the cache, queues it and wakes the engine.
   * What it changes is on screen before the cache stores it; `not_saved` when the cache could not
   * store it (the screen goes back, nothing is queued).
   */
  run<N extends MutationName>(name: N, args: MutationArgsMap[N]): Promise<Result<{ queued: boolean }>>;
  /**
   * Sends a change the server refused once more, as a new change (`args` replaces its arguments,
   * e.g. a status change rebased on the ticket's status now). The local rules check it first; on
   * success it leaves the rejected list and the engine is woken.
   */
  retry(rejectedId: string, args?: unknown): Promise<Result<{ queued: boolean }>>;
  /** Lets a refused change go on purpose: the technician has seen it. */
  discard(rejectedId: string): Promise<void>;
  /**
   * Opens the cache: `newer` when a newer Meja wrote it (IndexedDB refuses to open a database at
   * an older version than it has). Nothing may then touch it, and nothing does: the console says
   * so instead of starting. `failed` when it cannot be opened for any other reason (a storage
   * error, an upgrade that failed and was rolled back): the console cannot work without it.
   */
  open(): Promise<'ok' | 'newer' | 'failed'>;
  /** Stops syncing and closes the database; the data stays for the next sign-in. */
  close(): void;
};

export const databaseName = (userId: string): string => `meja-${userId}`;
