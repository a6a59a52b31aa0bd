import type { SlaPolicy } from '../domain/sla';
import type { Result } from '../result';
import {
  applyPullPage,
  applyPushOutcomes,
  discardRejected,
  enqueueMutation,
  retryRejected,
  settleAcked,
  type LocalMutation,
  type PullPageOptions,
  type PushOutcome,
} from './localOps';
import { catchUpNeeded, pruneWorkingSet, readScope } from './localScope';
import type { LocalDb, OutboxEntry } from './localStore';
import type { PullResponse } from './protocol';

/**
 * The local side as the sync engine sees it: coarse, batch-sized calls, each one transaction.
 * The desktop app's main process reaches the same calls over a MessagePort.
 */
export type SyncStore = {
  clientId(): Promise<string>;
  cursor(): Promise<string | null>;
  /** Pending entries in outbox order, at most `limit`. */
  pending(limit: number): Promise<OutboxEntry[]>;
  /** Ids of entries the server accepted whose effect may not have been pulled yet. */
  ackedIds(): Promise<string[]>;
  applyPushOutcomes(outcomes: PushOutcome[], now: string): Promise<void>;
  applyPullPage(page: PullResponse, options: PullPageOptions): Promise<void>;
  /** Scoped pulls: the tickets to catch up on before `page` applies (shared/sync/catchUp.ts). */
  catchUpNeeded(userId: string, page: PullResponse): Promise<string[]>;
  /** Scoped pulls: the time of the working set the cache holds no more than (its last pruning), or null. */
  heldSince(): Promise<string | null>;
  /** Scoped pulls: drops the tickets that left the user's working set, but those with local work; how many went. */
  prune(userId: string): Promise<number>;
  /** Ends a complete sync: drops the acked entries `ids` and keeps `syncedAt` as the last sync's time. */
  settle(ids: string[], syncedAt: string): Promise<void>;
  pendingCount(): Promise<number>;
  /** When the last complete sync ended (ISO time), or null before the first. */
  lastSyncedAt(): Promise<string | null>;
};

/** The meta key of the last complete sync's time, beside the cursor and the client id. */
const LAST_SYNCED_AT = 'lastSyncedAt';

export const createSyncStore = (db: LocalDb, newId: () => string): SyncStore => ({
  clientId: async () =>
    (await db.read((tx) => tx.getMeta('clientId'))) ??
    db.transaction(async (tx) => {
      // Read again: another call may have created it since.
      const existing = await tx.getMeta('clientId');
      if (existing !== undefined) return existing;
      const id = newId();
      await tx.setMeta('clientId', id);
      return id;
    }),
  cursor: () => db.read(async (tx) => (await tx.getMeta('cursor')) ?? null),
  pending: (limit) => db.read(async (tx) => (await tx.outbox()).filter((entry) => entry.state === 'pending').slice(0, limit)),
  ackedIds: () => db.read(async (tx) => (await tx.outbox()).filter((entry) => entry.state === 'acked').map((entry) => entry.id)),
  applyPushOutcomes: (outcomes, now) => db.transaction((tx) => applyPushOutcomes(tx, outcomes, now)),
  applyPullPage: (page, options) => db.transaction((tx) => applyPullPage(tx, page, options)),
  catchUpNeeded: (userId, page) => db.read((tx) => catchUpNeeded(tx, userId, page)),
  prune: (userId) => db.transaction((tx) => pruneWorkingSet(tx, userId)),
  heldSince: () => db.read(async (tx) => (await readScope(tx)).at),
  settle: (ids, syncedAt) =>
    db.transaction(async (tx) => {
      await settleAcked(tx, ids);
      await tx.setMeta(LAST_SYNCED_AT, syncedAt);
    }),
  pendingCount: () => db.read(async (tx) => (await tx.outbox()).filter((entry) => entry.state === 'pending').length),
  lastSyncedAt: () => db.read(async (tx) => (await tx.getMeta(LAST_SYNCED_AT)) ?? null),
});

/** Sends a refused change again (see retryRejected); refused locally, it stays in the rejected list. */
export const retry = (
  db: LocalDb,
  rejectedId: string,
  attempt: { newId: string; at: string; actorId: string; args?: unknown },
  slaPolicy?: SlaPolicy,
): Promise<Result<{ queued: boolean }>> => db.transaction((tx) => retryRejected(tx, rejectedId, attempt, slaPolicy));

export const discard = (db: LocalDb, rejectedId: string): Promise<void> => db.transaction((tx) => discardRejected(tx, rejectedId));

/** A technician's change, applied to the cache and queued in one transaction. */
export const mutate = (db: LocalDb, mutation: LocalMutation, slaPolicy?: SlaPolicy): Promise<Result<{ queued: boolean }>> =>
  db.transaction((tx) => enqueueMutation(tx, mutation, slaPolicy));
