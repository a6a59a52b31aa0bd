import type { DatabaseKind } from '../config';
import type { EntityName } from '../../shared/sync/protocol';
import { countAfter, readChanges, type FeedChange, type Position } from '../db/changeFeed';
import type { Db } from '../db/connect';
import type { Pass } from './cursor';
import type { FeedReader } from './pull';

/** What a console needs to show its queue: a pull from scratch brings these first. */
export const FIRST_ENTITIES: readonly EntityName[] = ['ticket', 'user'];

const START: Position = { tx: 0, seq: 0 };

/** A pull page and where the next one starts: a position, and the pass while a pull from scratch is under way. */
export type PullPage = { changes: FeedChange[]; position: Position; pass: Pass | undefined; hasMore: boolean; remaining: number | null };

/**
 * One page of a pull. A pull from scratch reads in two passes before it follows the feed:
 * first every ticket and user up to the feed's visible end, in feed order, so the queue is
 * complete long before the history of 100,000 tickets is written (a desk's feed interleaves
 * them); then everything else up to the position where the first pass ended (`until`); then
 * the feed in order from `until`.
 *
 * Nothing is missed: rows at or below `until` are from finished transactions (the first pass
 * stayed below PostgreSQL's visibility boundary), and a record written later moves to a new
 * position after `until`, which the feed read from `until` returns. Nothing is sent twice
 * except records written meanwhile, which are sent again in their newest state.
 */
export const readPullPage = async (
  feed: FeedReader,
  db: Db,
  kind: DatabaseKind,
  from: { position: Position; pass?: Pass } | null,
  limit: number,
  count: boolean,
): Promise<PullPage> => {
  const pass = from === null ? ({ pass: 'first' } as const) : from.pass;
  const after = from?.position ?? START;
  if (pass === undefined) {
    const page = await feed.read(after, limit, { count });
    return { changes: page.changes, position: page.last, pass: undefined, hasMore: page.hasMore, remaining: page.remaining };
  }
  if (pass.pass === 'first') {
    const first = { only: FIRST_ENTITIES };
    const page = await readChanges(db, kind, after, limit, { count: false, scope: first });
    const remaining = count
      ? (page.hasMore ? await countAfter(db, page.last, null, first) : 0) + (await countAfter(db, START, null, { except: FIRST_ENTITIES }))
      : null;
    const next: Pass = page.hasMore ? pass : { pass: 'rest', until: page.last };
    return { changes: page.changes, position: page.hasMore ? page.last : START, pass: next, hasMore: true, remaining };
  }
  const rest = { except: FIRST_ENTITIES, until: pass.until };
  const page = await readChanges(db, kind, after, limit, { count: false, scope: rest });
  const remaining = count ? (page.hasMore ? await countAfter(db, page.last, null, rest) : 0) + (await countAfter(db, pass.until, null)) : null;
  // The rest read, the feed follows from where the first pass ended; the next page says whether there is any.
  return page.hasMore
    ? { changes: page.changes, position: page.last, pass, hasMore: true, remaining }
    : { changes: page.changes, position: pass.until, pass: undefined, hasMore: true, remaining };
};
