import { describe, expect, it } from 'vitest';
import { stepCursor } from './listCursor';

describe('stepCursor', () => {
  it('moves one row at a time and stops at either end', () => {
    expect(stepCursor(0, 3, 1)).toBe(1);
    expect(stepCursor(2, 3, 1)).toBe(2);
    expect(stepCursor(1, 3, -1)).toBe(0);
    expect(stepCursor(0, 3, -1)).toBe(0);
  });

  it('steps from the last row when the list shrank under the highlight, and stays at the top of an empty list', () => {
    expect(stepCursor(7, 3, -1)).toBe(1);
    expect(stepCursor(7, 3, 1)).toBe(2);
    expect(stepCursor(0, 0, 1)).toBe(0);
    expect(stepCursor(0, 0, -1)).toBe(0);
  });
});
