import type { PushResult } from '../../shared/sync/protocol';
import { applyGroup, CommitOutcomeUnknown, isRetryable, type GroupPush, type GroupSlice, type SliceOutcome } from './pushGroup';
import type { Notifier } from './notifier';
import type { Applier, IncomingMutation } from './push';

/**
 * Group commit: pushes that arrive while a group's transaction runs wait, and the next transaction
 * takes them all, up to `maxMutations` mutations; one commit (one fsync) then stands for all of
 * them. A push is answered once the last of its mutations is in a committed group.
 */
export type PushQueue = {
  /** Resolves with one result per mutation, in order, once they are durable; rejects with the error that stopped the push. */
  submit(push: GroupPush): Promise<PushResult[]>;
};

export type PushQueueOptions = {
  /** Applies the slices in one transaction and resolves once it committed (applyGroup); rejects when nothing of it was stored, or with CommitOutcomeUnknown. */
  runGroup: (slices: readonly GroupSlice[]) => Promise<SliceOutcome[]>;
  /** At most this many mutations in one transaction; a longer push goes on in the next (default MAX_GROUP_MUTATIONS). */
  maxMutations?: number;
  /** After each committed group, before its pushes are answered. */
  onCommit?: (outcomes: readonly SliceOutcome[]) => void;
  /**
   * After a group whose commit may or may not have been stored (CommitOutcomeUnknown), before its
   * pushes fail: if it was, the event streams must hear of it as of any commit.
   */
  onUnknownOutcome?: () => void;
};

/**
 * A bound on a transaction's length: the event loop waits for it on SQLite, and on PostgreSQL its
 * row locks and savepoints (subtransactions) grow with it.
 */
export const MAX_GROUP_MUTATIONS = 200;

type Entry = {
  push: GroupPush;
  /** Index of the next mutation to apply. */
  next: number;
  results: PushResult[];
  /** The mutation that last raced another transaction: a second race on it fails the push. */
  conflictAt: number | null;
  /** Whether a group of this push already failed as a whole with a race and was tried again. */
  groupRetried: boolean;
  resolve(results: PushResult[]): void;
  reject(error: unknown): void;
};

/** Waits for the event loop's next turn, so that requests already received reach the queue first. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export const createPushQueue = ({ runGroup, maxMutations = MAX_GROUP_MUTATIONS, onCommit, onUnknownOutcome }: PushQueueOptions): PushQueue => {
  const waiting: Entry[] = [];
  let isDraining = false;

  /** The next group: waiting pushes in order, each one's next mutations, until the bound. */
  const take = (): Array<{ entry: Entry; slice: GroupSlice }> => {
    const taken: Array<{ entry: Entry; slice: GroupSlice }> = [];
    let room = maxMutations;
    while (room > 0) {
      const entry = waiting.shift();
      if (entry === undefined) break;
      const to = Math.min(entry.push.mutations.length, entry.next + room);
      taken.push({ entry, slice: { push: entry.push, from: entry.next, to } });
      room -= to - entry.next;
    }
    return taken;
  };

  /** After a committed group: an entry answered, failed, or still to go on (returned, to wait at the front). */
  const settle = (entry: Entry, outcome: SliceOutcome): Entry | null => {
    entry.results.push(...outcome.results);
    entry.next += outcome.results.length;
    const { stopped } = outcome;
    if (stopped !== null) {
      if (stopped.kind === 'failed' || entry.conflictAt === entry.next) {
        entry.reject(stopped.error);
        return null;
      }
      entry.conflictAt = entry.next;
      return entry;
    }
    if (entry.next < entry.push.mutations.length) return entry;
    entry.resolve(entry.results);
    return null;
  };

  const runOne = async (): Promise<void> => {
    const taken = take();
    let outcomes: SliceOutcome[];
    try {
      outcomes = await runGroup(taken.map(({ slice }) => slice));
    } catch (error) {
      if (error instanceof CommitOutcomeUnknown) onUnknownOutcome?.();
      // Nothing of the group was stored, or it is not known (then a retry by the clients answers
      // duplicate). A race is tried once more; anything else fails every push in it alike.
      const again = taken.filter(({ entry }) => isRetryable(error) && !entry.groupRetried).map(({ entry }) => entry);
      for (const { entry } of taken) {
        if (again.includes(entry)) entry.groupRetried = true;
        else entry.reject(error);
      }
      waiting.unshift(...again);
      return;
    }
    try {
      onCommit?.(outcomes);
    } catch (error) {
      // Stored, but not announced: the pushes fail as a push whose poke failed always did, and a retry answers duplicate.
      for (const { entry } of taken) entry.reject(error);
      return;
    }
    const goOn = taken.flatMap(({ entry }, i) => {
      const outcome = outcomes[i];
      if (outcome === undefined) {
        entry.reject(new Error('A push group answered fewer slices than it was given.'));
        return [];
      }
      const left = settle(entry, outcome);
      return left === null ? [] : [left];
    });
    waiting.unshift(...goOn);
  };

  const drain = async (): Promise<void> => {
    isDraining = true;
    try {
      while (waiting.length > 0) {
        await nextTurn();
        await runOne();
      }
    } finally {
      isDraining = false;
    }
  };

  return {
    submit: (push) => {
      if (push.mutations.length === 0) return Promise.resolve([]);
      return new Promise<PushResult[]>((resolve, reject) => {
        waiting.push({ push, next: 0, results: [], conflictAt: null, groupRetried: false, resolve, reject });
        if (!isDraining) void drain();
      });
    },
  };
};

/** The queue of a server: groups applied with the server's rules and database. */
export const createServerPushQueue = (applier: Applier, options: Omit<PushQueueOptions, 'runGroup'> = {}): PushQueue =>
  createPushQueue({ ...options, runGroup: (slices) => applyGroup(applier, slices) });

/** The server's one queue: every console's pushes and the server's own changes; event streams are poked after each commit that applied something. */
export const createAnnouncingPushQueue = (applier: Applier, notifier: Notifier): PushQueue =>
  createServerPushQueue(applier, {
    onCommit: (outcomes) => {
      if (outcomes.some((outcome) => outcome.results.some((result) => result.status === 'applied'))) notifier.announceCommit();
    },
    // Perhaps stored: a poke too many costs each console one pull, a poke missing leaves it behind.
    onUnknownOutcome: () => notifier.announceCommit(),
  });

/** One mutation through a queue of its own, as a push of one would go (the demo seed and tests write so); `isServer` for the server's own changes. */
export const applyMutationAs = async (
  applier: Applier,
  clientId: string,
  actorId: string,
  mutation: IncomingMutation,
  now: string,
  isServer = false,
): Promise<PushResult> => {
  const [result] = await createServerPushQueue(applier).submit({ clientId, actorId, isServer, mutations: [{ mutation, now }] });
  if (result === undefined) throw new Error('A push of one mutation was answered without a result.');
  return result;
};
