import type { DatabaseKind } from '../config';
import type { EntityName } from '../../shared/sync/protocol';
import { countAfter, readChanges, unionOf, type FeedChange, type FeedScope, type Position, type TicketSet } from '../db/changeFeed';
import { liveTicketIds } from './workingSet';
import type { Db } from '../db/connect';
import type { Pass } from './cursor';
import type { FeedReader } from './pull';

/** What a console needs to show its queue: a pull from scratch brings these first. */
export const FIRST_ENTITIES: readonly EntityName[] = ['ticket', 'user'];

const START: Position = { tx: 0, seq: 0 };
/** After every position: with `sentLive`, leaves out every user and every ticket live now. */
const END: Position = { tx: Number.MAX_SAFE_INTEGER, seq: Number.MAX_SAFE_INTEGER };

const isAfter = (a: Position, b: Position): boolean => a.tx > b.tx || (a.tx === b.tx && a.seq > b.seq);

/**
 * A pull page and where the next one starts: a position, and the pass while a pull from scratch is
 * under way. `snapshot`: the page was read in a pass (a pull from scratch), not from the feed in order.
 * `scopeAt`: for a scoped pull, the time whose working set filtered the page.
 */
export type PullPage = {
  changes: FeedChange[];
  position: Position;
  pass: Pass | undefined;
  hasMore: boolean;
  remaining: number | null;
  snapshot: boolean;
  scopeAt?: number;
  /** Read from the feed in order: up to where every row was tested (`FeedPage.scanned`). */
  scanned?: Position;
};

/**
 * A scoped pull: only rows of the tickets `workingSet(at)` selects (and of no ticket). `now` is the
 * server's time of this read; `from` the scope time the cursor carried (a pull from scratch keeps
 * its start time through its passes, see below).
 */
export type PullScope = {
  workingSet: (at: number) => TicketSet;
  /** What a console may still hold of the set at `at` (`heldSinceParams`): the set, widened for changes dated back. */
  heldSet: (at: number) => TicketSet;
  now: number;
  /** See `FeedScope.fewRows`. */
  fewRows?: number;
  /**
   * The set at `at` for the passes of a pull from scratch, all of which filter by the set at the
   * time it began: kept between its pages (server/sync/keptSets.ts). `workingSet(at)` when absent.
   */
  passSet?: (at: number) => Promise<TicketSet>;
};

const scoped = (scope: FeedScope, pullScope: PullScope | undefined, at: number, previous?: number): FeedScope => {
  if (pullScope === undefined) return scope;
  const now = pullScope.workingSet(at);
  return {
    ...scope,
    tickets: previous === undefined ? now : unionOf(now, pullScope.heldSet(previous)),
    ...(pullScope.fewRows === undefined ? {} : { fewRows: pullScope.fewRows }),
  };
};

/**
 * One page of a pull. A pull from scratch reads in three passes before it follows the feed:
 * the live tickets (new, open, pending) and the users, so the queue a technician works from is
 * there first; then every other ticket and user up to the feed's visible end, in feed order, so the queue is
 * complete long before the history of 100,000 tickets is written (a desk's feed interleaves
 * them); then everything else up to the position where the first pass ended (`until`); then
 * the feed in order from `until`. The second pass leaves out what the live pass sent
 * (`FeedScope.sentLive`); a live ticket changed since is sent again, in its newest state.
 *
 * Nothing is missed: rows at or below `until` are from finished transactions (the first pass
 * stayed below PostgreSQL's visibility boundary), and a record written later moves to a new
 * position after `until`, which the feed read from `until` returns. Nothing is sent twice
 * except records written meanwhile, which are sent again in their newest state.
 *
 * A scoped pull filters every read by the user's working set. Both passes filter by the set at the
 * time the pull from scratch began, so every ticket the first pass sent has its timeline sent by
 * the second: with the time fixed, the set only grows as records change (a change brings tickets
 * in; only time, or an opening pushed out of the opened list, takes them out). Reading the feed in
 * order, each page filters by the sets at its own time and at the time the console says it holds
 * no more than (`heldSince`, its last pruning; else the previous page's, the cursor's `scopeAt`):
 * what it holds was in the one, what it should hold is in the other, so it hears of the change
 * that took a ticket out. The earlier set is widened for changes dated back (`heldSinceParams`),
 * so a ticket resolved late, by its records before that time, is still heard of. A ticket it holds but stopped hearing of (out of
 * both) is its to notice when the ticket comes back (shared/sync/catchUp.ts).
 */
export const readPullPage = async (
  feed: FeedReader,
  db: Db,
  kind: DatabaseKind,
  from: { position: Position; pass?: Pass; scopeAt?: number } | null,
  limit: number,
  count: boolean,
  pullScope?: PullScope,
  heldSince?: number,
): Promise<PullPage> => {
  const pass: Pass | undefined = from === null ? { pass: 'live' } : from.pass;
  const after = from?.position ?? START;
  const now = pullScope?.now ?? 0;
  if (pass === undefined) {
    // The set the console holds too: it hears of the change that took a ticket out.
    const scope = scoped({}, pullScope, now, heldSince ?? from?.scopeAt);
    const page = scope.tickets === undefined ? await feed.read(after, limit, { count }) : await feed.read(after, limit, { count, scope });
    return {
      changes: page.changes,
      position: page.last,
      pass: undefined,
      hasMore: page.hasMore,
      remaining: page.remaining,
      snapshot: false,
      scanned: page.scanned,
      ...(pullScope === undefined ? {} : { scopeAt: now }),
    };
  }
  // A pull from scratch filters all its passes by the set at the time it began.
  const scopeAt = from?.scopeAt ?? now;
  const kept = pullScope?.passSet === undefined ? undefined : await pullScope.passSet(scopeAt);
  const passScope = pullScope === undefined || kept === undefined ? pullScope : { ...pullScope, workingSet: () => kept };
  const atStart = passScope === undefined ? {} : { scopeAt };
  const firstScope = (liveUntil: Position | undefined) =>
    scoped({ only: FIRST_ENTITIES, ...(liveUntil === undefined ? {} : { sentLive: { tickets: liveTicketIds(db), until: liveUntil } }) }, passScope, scopeAt);
  if (pass.pass === 'live') {
    // Live tickets are in every working set: no scope needed beyond them.
    const live: FeedScope = { only: FIRST_ENTITIES, tickets: liveTicketIds(db), ...(passScope?.fewRows === undefined ? {} : { fewRows: passScope.fewRows }) };
    const page = await readChanges(db, kind, after, limit, { count: false, scope: live });
    const remaining = count
      ? (page.hasMore ? await countAfter(db, page.last, null, live) : 0) +
        // What the next pass will send: the tickets not live now (the users and live tickets come in this one).
        (await countAfter(db, START, null, firstScope(page.hasMore ? END : page.last))) +
        (await countAfter(db, START, null, scoped({ except: FIRST_ENTITIES }, passScope, scopeAt)))
      : null;
    const next: Pass = page.hasMore ? pass : { pass: 'first', liveUntil: page.last };
    return { changes: page.changes, position: page.hasMore ? page.last : START, pass: next, hasMore: true, remaining, snapshot: true, ...atStart };
  }
  if (pass.pass === 'first') {
    const first = firstScope(pass.liveUntil);
    const page = await readChanges(db, kind, after, limit, { count: false, scope: first });
    const remaining = count
      ? (page.hasMore ? await countAfter(db, page.last, null, first) : 0) +
        (await countAfter(db, START, null, scoped({ except: FIRST_ENTITIES }, passScope, scopeAt)))
      : null;
    // The rest pass reads up to where the live pass read too: this pass may have found nothing past it.
    const until = pass.liveUntil === undefined || isAfter(page.last, pass.liveUntil) ? page.last : pass.liveUntil;
    const next: Pass = page.hasMore ? pass : { pass: 'rest', until };
    return { changes: page.changes, position: page.hasMore ? page.last : START, pass: next, hasMore: true, remaining, snapshot: true, ...atStart };
  }
  const rest = scoped({ except: FIRST_ENTITIES, until: pass.until }, passScope, scopeAt);
  const page = await readChanges(db, kind, after, limit, { count: false, scope: rest });
  const remaining = count
    ? (page.hasMore ? await countAfter(db, page.last, null, rest) : 0) + (await countAfter(db, pass.until, null, scoped({}, passScope, scopeAt)))
    : null;
  // The rest read, the feed follows from where the first pass ended; the next page says whether there is any.
  return page.hasMore
    ? { changes: page.changes, position: page.last, pass, hasMore: true, remaining, snapshot: true, ...atStart }
    : { changes: page.changes, position: pass.until, pass: undefined, hasMore: true, remaining, snapshot: true, ...atStart };
};
