import type { Change, FeedMark, LiveChanges } from './protocol';

/** The cache's meta key of the console's mark, beside its cursor: set by every page applied, empty after one that has none. */
export const FEED_MARK = 'feedMark';

/** `a` before `b` (negative), the same place (0) or after (positive); null when they are of different histories or purges. */
export const compareMarks = (a: FeedMark, b: FeedMark): number | null => {
  if (a.epoch !== b.epoch || a.purges !== b.purges) return null;
  return a.tx !== b.tx ? a.tx - b.tx : a.seq - b.seq;
};

/** What a console does with a live batch, given its own mark (null: it has none, as after a pull from scratch's passes). */
export type LiveFit = 'apply' | 'ignore' | 'pull';

/**
 * A batch follows a console when the console's mark lies in [`after`, `mark`): nothing between its
 * mark and the batch's start is missing, and the rows after its mark are in the batch, in order. At or
 * past the batch's end it holds all of it already. Anything else (a gap, another history, no mark)
 * is for a pull from its cursor to settle.
 */
export const liveBatchFit = (mine: FeedMark | null, batch: Pick<LiveChanges, 'after' | 'mark'>): LiveFit => {
  if (mine === null) return 'pull';
  const toEnd = compareMarks(mine, batch.mark);
  const toStart = compareMarks(mine, batch.after);
  if (toEnd === null || toStart === null) return 'pull';
  if (toEnd >= 0) return 'ignore';
  return toStart >= 0 ? 'apply' : 'pull';
};

/** The batch's changes after the console's mark (see `liveBatchFit`), in feed order. */
export const changesAfterMark = (batch: Pick<LiveChanges, 'changes' | 'positions'>, mine: FeedMark): Change[] =>
  batch.changes.filter((_, i) => {
    const [tx, seq] = batch.positions[i] ?? [Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER];
    return tx !== mine.tx ? tx > mine.tx : seq > mine.seq;
  });

/** A kept mark, or null for an empty or unreadable one. */
export const parseMark = (text: string | undefined): FeedMark | null => {
  if (text === undefined || text === '') return null;
  try {
    const value = JSON.parse(text) as Partial<FeedMark>;
    const { epoch, purges, tx, seq } = value;
    if (typeof epoch !== 'string' || typeof purges !== 'number' || typeof tx !== 'number' || typeof seq !== 'number') return null;
    return { epoch, purges, tx, seq };
  } catch {
    return null;
  }
};
