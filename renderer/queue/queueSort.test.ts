import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { insertionPoint, mergeSorted } from './queueSort';

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
