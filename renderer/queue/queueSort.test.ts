import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insertionPoint, mergeSorted, removeSorted } from './queueSort';

describe('mergeSorted', () => {
  const byValue = (a: number, b: number) => a - b;

  it('puts every added entry where insertionPoint would, in one pass', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 })), fc.array(fc.integer({ min: 0, max: 50 })), (base, added) => {
        const sorted = [...base].sort(byValue);
        const spliced = [...sorted];
        for (const value of added) spliced.splice(insertionPoint(spliced, value, byValue), 0, value);
        expect(mergeSorted(sorted, added, byValue)).toEqual(spliced);
      }),
    );
  });

  it('leaves its inputs alone', () => {
    const sorted = [1, 3, 5];
    const added = [4, 2];
    expect(mergeSorted(sorted, added, byValue)).toEqual([1, 2, 3, 4, 5]);
    expect(sorted).toEqual([1, 3, 5]);
    expect(added).toEqual([4, 2]);
  });
});

describe('removeSorted', () => {
  const byValue = (a: number, b: number) => a - b;

  it('takes out exactly the one item, wherever it is, and keeps the rest in order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { minLength: 1 }), fc.nat(), (values, pick) => {
        const sorted = [...values].sort(byValue);
        const item = sorted[pick % sorted.length] ?? 0;
        removeSorted(sorted, item, (other) => byValue(other, item));
        expect(sorted).toEqual([...values].sort(byValue).filter((value) => value !== item));
      }),
    );
  });

  it('finds the item one by one when the comparator no longer agrees with the order', () => {
    const sorted = [1, 2, 3, 4, 5];
    // Looked up as if it sorted last: binary search lands past the end.
    removeSorted(sorted, 2, () => -1);
    expect(sorted).toEqual([1, 3, 4, 5]);
    removeSorted(sorted, 9, () => -1);
    expect(sorted).toEqual([1, 3, 4, 5]);
  });
});
