import { describe, expect, it } from 'vitest';
import { changesAfterMark, compareMarks, liveBatchFit, parseMark } from './feedMark';
import type { Change, FeedMark } from './protocol';

const at = (tx: number, seq: number, epoch = 'e1', purges = 0): FeedMark => ({ epoch, purges, tx, seq });
const user = (id: string): Change => ({ entity: 'user', id, op: 'delete', data: null });

describe('feed marks', () => {
  it('orders by transaction, then sequence, within one history and purge count only', () => {
    expect(compareMarks(at(1, 9), at(2, 1))).toBeLessThan(0);
    expect(compareMarks(at(2, 3), at(2, 3))).toBe(0);
    expect(compareMarks(at(2, 4), at(2, 3))).toBeGreaterThan(0);
    expect(compareMarks(at(1, 1), at(1, 1, 'e2'))).toBeNull();
    expect(compareMarks(at(1, 1), at(1, 1, 'e1', 1))).toBeNull();
  });

  it('applies a batch that starts at or before the console and ends after it, ignores one it has, pulls across a gap', () => {
    const batch = { after: at(0, 10), mark: at(0, 20) };
    expect(liveBatchFit(at(0, 10), batch)).toBe('apply');
    expect(liveBatchFit(at(0, 15), batch)).toBe('apply');
    expect(liveBatchFit(at(0, 20), batch)).toBe('ignore');
    expect(liveBatchFit(at(0, 25), batch)).toBe('ignore');
    expect(liveBatchFit(at(0, 9), batch)).toBe('pull');
    expect(liveBatchFit(null, batch)).toBe('pull');
    expect(liveBatchFit(at(0, 10, 'other'), batch)).toBe('pull');
    expect(liveBatchFit(at(0, 10, 'e1', 1), batch)).toBe('pull');
  });

  it('keeps the changes after the console’s mark', () => {
    const batch = {
      changes: [user('a'), user('b'), user('c')],
      positions: [
        [5, 1],
        [5, 2],
        [7, 1],
      ] satisfies Array<[number, number]>,
    };
    expect(changesAfterMark(batch, at(5, 1)).map((change) => change.id)).toEqual(['b', 'c']);
    expect(changesAfterMark(batch, at(4, 99)).map((change) => change.id)).toEqual(['a', 'b', 'c']);
    expect(changesAfterMark(batch, at(7, 1))).toEqual([]);
  });

  it('reads a kept mark back, and nothing from an empty or broken one', () => {
    expect(parseMark(JSON.stringify(at(3, 4)))).toEqual(at(3, 4));
    expect(parseMark('')).toBeNull();
    expect(parseMark(undefined)).toBeNull();
    expect(parseMark('{"epoch":1}')).toBeNull();
    expect(parseMark('not json')).toBeNull();
  });
});
