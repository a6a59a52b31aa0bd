import { createHash } from 'node:crypto';
import type { PushResult } from '../../shared/sync/protocol';
import { SERVER_MUTATION_PREFIX, type IncomingMutation } from './push';
import type { PushQueue } from './pushQueue';

/**
 * Changes the server makes on its own account (a caller's answer, the automatic close): through
 * the same push queue as every console's change, so the same rule decides them, they land in the
 * change feed in a group's commit, and the event streams are poked. Only these may name a
 * server-only mutation (`isServer`).
 */
export type ServerChanges = {
  apply(actorId: string, mutation: IncomingMutation): Promise<PushResult>;
};

export const createServerChanges = (pushes: PushQueue, now: () => number): ServerChanges => ({
  apply: async (actorId, mutation) => {
    const [result] = await pushes.submit({ clientId: 'server', actorId, isServer: true, mutations: [{ mutation, now: new Date(now()).toISOString() }] });
    if (result === undefined) throw new Error('A server change was answered without a result.');
    return result;
  },
});

/**
 * The id of the server's change about one thing (`kind` and the parts that name it): the same
 * thing gets the same id on every instance, so the ledger of applied mutations lets one of them
 * through and answers the others `duplicate` (one answer per resolution, one close per ticket).
 */
export const serverMutationId = (kind: string, ...parts: readonly string[]): string =>
  `${SERVER_MUTATION_PREFIX}${kind}:${createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40)}`;
