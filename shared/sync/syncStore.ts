import type { SlaPolicy } from '../domain/sla';
import type { Result } from '../result';
import { applyPullPage, applyPushOutcomes, discardRejected, enqueueMutation, retryRejected, settleAcked, type LocalMutation, type PushOutcome } from './localOps';
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
  applyPullPage(page: PullResponse, options: { reset: boolean }): Promise<void>;
  settle(ids: string[]): Promise<void>;
  pendingCount(): Promise<number>;
};

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
  settle: (ids) => db.transaction((tx) => settleAcked(tx, ids)),
  pendingCount: () => db.read(async (tx) => (await tx.outbox()).filter((entry) => entry.state === 'pending').length),
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
