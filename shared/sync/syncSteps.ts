import { changesAfterMark, FEED_MARK, liveBatchFit, parseMark } from './feedMark';
import { applyPullPage, applyPushOutcomes, settleAcked, type PushOutcome } from './localOps';
import { catchUpNeeded, pruneWorkingSet, readScope } from './localScope';
import type { LocalDb, LocalReadTx, OutboxEntry } from './localStore';
import type { LiveChanges, PullResponse } from './protocol';

/** What a push sends next: the console's id and the oldest pending entries (empty: nothing to send). */
export type PushBatch = { clientId: string; entries: OutboxEntry[] };

/** After a batch's outcomes were kept: the next batch (empty: the push is done) and what still waits. */
export type PushSettled = { next: OutboxEntry[]; pending: number };

/**
 * Where a pull starts: the cursor, the entries the server accepted so far (settled once this pull
 * completes, since its pages bring their effect) and, for scoped pulls, the time of the working
 * set the cache holds no more than (its last pruning), or null.
 */
export type PullStart = { cursor: string | null; acked: string[]; heldSince: string | null };

export type ApplyPullInput = {
  page: PullResponse;
  /** The first page of a pull from scratch: the view is emptied first, the outbox kept and replayed. */
  reset: boolean;
  /**
   * Scoped pulls: the user whose working set the page is checked against before it applies
   * (shared/sync/catchUp.ts). A page that brings tickets to catch up on applies nothing.
   */
  scopeUserId?: string;
  /** Tickets whose every record `page` carries (a catch-up the first call asked for): applied without a check. */
  caughtUp?: string[];
};

/** A page applied, or not applied because these tickets must be caught up on first (fetch them, then apply again with `caughtUp`). */
export type PullApplied = { applied: true } | { applied: false; catchUp: string[] };

export type FinishSyncInput = {
  /** The entries `beginPull` named: their effect came with the pull that just completed. */
  acked: string[];
  syncedAt: string;
  /** Scoped: also drop the tickets that left this user's working set, but those with local work. */
  pruneFor?: string;
};

export type SyncFinished = { pending: number; pruned: number };

/** A live batch from the event stream; `scopeUserId` for a working-set console, as `ApplyPullInput`'s. */
export type ApplyLiveInput = { batch: LiveChanges; scopeUserId?: string };

/**
 * What became of a live batch: `applied` (as a page, the rows after the console's mark), `ignored`
 * (the console holds it already) or `pull` (it does not follow the console, or a ticket in it must
 * be caught up first: the console pulls from its cursor). `heldSince`: the console's `since` now,
 * which its event stream names. `skipped`: how many of the batch's first changes the console held
 * already (applied: the rest, `liveChangesApplied`).
 */
export type LiveApplied = { outcome: 'applied' | 'ignored' | 'pull'; heldSince: string | null; skipped?: number };

/** The changes of a batch that `applyLive` applied: those after the ones it skipped (positions rise in feed order). */
export const liveChangesApplied = (batch: LiveChanges, applied: LiveApplied): PullResponse => ({
  ...batch,
  changes: applied.outcome === 'applied' ? batch.changes.slice(applied.skipped ?? 0) : [],
});

/**
 * The local side as the sync engine sees it: one call per step of a sync, each one transaction
 * (or, for `nextPushBatch` on a console without an id yet, a read and then a write). In the desktop
 * app the main process's engine reaches the page's cache through the same calls over a
 * MessagePort (shared/sync/storePort.ts): one message and its answer per step.
 */
export type SyncSteps = {
  /** When the last complete sync ended (ISO time), or null before the first: a starting engine shows it. */
  lastSyncedAt(): Promise<string | null>;
  /** Push: the first batch of pending entries in outbox order, at most `limit`, with the client id (made on first use). */
  nextPushBatch(input: { limit: number }): Promise<PushBatch>;
  /** Push: keeps the server's outcomes for a batch and reads the next batch, in one transaction. */
  settlePush(input: { outcomes: PushOutcome[]; now: string; limit: number }): Promise<PushSettled>;
  /** Pull: where it starts (see PullStart). */
  beginPull(): Promise<PullStart>;
  /** Pull: one page, checked for a scoped catch-up first and applied in the same transaction. */
  applyPull(input: ApplyPullInput): Promise<PullApplied>;
  /** A live batch, applied when it follows the console's mark exactly (shared/sync/feedMark.ts), in one transaction. */
  applyLive(input: ApplyLiveInput): Promise<LiveApplied>;
  /** Ends a complete sync in one transaction: drops the acked entries, keeps `syncedAt`, prunes if asked, counts what waits. */
  finishSync(input: FinishSyncInput): Promise<SyncFinished>;
  /** Changes not yet accepted by the server (a failed cycle's status). */
  pendingCount(): Promise<number>;
};

/** The meta key of the last complete sync's time, beside the cursor and the client id. */
const LAST_SYNCED_AT = 'lastSyncedAt';
const CLIENT_ID = 'clientId';
const CURSOR = 'cursor';

const pendingIn = async (tx: LocalReadTx): Promise<OutboxEntry[]> => (await tx.outbox()).filter((entry) => entry.state === 'pending');

export const createSyncSteps = (db: LocalDb, newId: () => string): SyncSteps => ({
  lastSyncedAt: () => db.read(async (tx) => (await tx.getMeta(LAST_SYNCED_AT)) ?? null),
  nextPushBatch: async ({ limit }) => {
    // A read-only transaction runs beside the screen's reads; only a console's very first push writes.
    const known = await db.read(async (tx) => {
      const clientId = await tx.getMeta(CLIENT_ID);
      return clientId === undefined ? null : { clientId, entries: (await pendingIn(tx)).slice(0, limit) };
    });
    return (
      known ??
      db.transaction(async (tx) => {
        // Read again: another call may have made it since.
        let clientId = await tx.getMeta(CLIENT_ID);
        if (clientId === undefined) {
          clientId = newId();
          await tx.setMeta(CLIENT_ID, clientId);
        }
        return { clientId, entries: (await pendingIn(tx)).slice(0, limit) };
      })
    );
  },
  settlePush: ({ outcomes, now, limit }) =>
    db.transaction(async (tx) => {
      await applyPushOutcomes(tx, outcomes, now);
      const pending = await pendingIn(tx);
      return { next: pending.slice(0, limit), pending: pending.length };
    }),
  beginPull: () =>
    db.read(async (tx) => {
      const [cursor, outbox, scope] = await Promise.all([tx.getMeta(CURSOR), tx.outbox(), readScope(tx)]);
      return { cursor: cursor ?? null, acked: outbox.filter((entry) => entry.state === 'acked').map((entry) => entry.id), heldSince: scope.at };
    }),
  applyPull: ({ page, reset, scopeUserId, caughtUp }) =>
    db.transaction(async (tx): Promise<PullApplied> => {
      if (caughtUp === undefined && scopeUserId !== undefined) {
        // Nothing is written before this check: a page that needs a catch-up leaves the cache as it was.
        const catchUp = await catchUpNeeded(tx, scopeUserId, page);
        if (catchUp.length > 0) return { applied: false, catchUp };
      }
      await applyPullPage(tx, page, { reset, ...(caughtUp === undefined ? {} : { caughtUp }) });
      return { applied: true };
    }),
  applyLive: ({ batch, scopeUserId }) =>
    db.transaction(async (tx): Promise<LiveApplied> => {
      const heldSince = scopeUserId === undefined ? null : (await readScope(tx)).at;
      const mine = parseMark(await tx.getMeta(FEED_MARK));
      const fit = liveBatchFit(mine, batch);
      if (fit !== 'apply' || mine === null) return { outcome: fit === 'ignore' ? 'ignored' : 'pull', heldSince };
      // A batch of another scope than this console's (its set at another `since`, or the whole feed) is not its.
      const isScopedBatch = batch.scopeAt !== undefined;
      if (isScopedBatch !== (scopeUserId !== undefined) || (scopeUserId !== undefined && batch.heldSince !== heldSince)) return { outcome: 'pull', heldSince };
      const page: PullResponse = { ...batch, changes: changesAfterMark(batch, mine) };
      // A ticket that came into the set needs its whole timeline: a pull catches it up.
      if (scopeUserId !== undefined && (await catchUpNeeded(tx, scopeUserId, page)).length > 0) return { outcome: 'pull', heldSince };
      await applyPullPage(tx, page, { reset: false });
      return { outcome: 'applied', heldSince, skipped: batch.changes.length - page.changes.length };
    }),
  finishSync: ({ acked, syncedAt, pruneFor }) =>
    db.transaction(async (tx) => {
      await settleAcked(tx, acked);
      await tx.setMeta(LAST_SYNCED_AT, syncedAt);
      // After settling: a change the server accepted no longer keeps its ticket.
      const pruned = pruneFor === undefined ? 0 : await pruneWorkingSet(tx, pruneFor);
      return { pending: (await pendingIn(tx)).length, pruned };
    }),
  pendingCount: () => db.read(async (tx) => (await pendingIn(tx)).length),
});
