import type { SlaPolicy } from '../domain/sla';
import type { Result } from '../result';
import { discardRejected, enqueueMutation, retryRejected, type LocalMutation } from './localOps';
import type { LocalDb } from './localStore';

/*
 * A technician's calls on the local store, each one transaction: making a change, and retrying or
 * discarding one the server refused. The sync engine's calls are in syncSteps.ts.
 */

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
