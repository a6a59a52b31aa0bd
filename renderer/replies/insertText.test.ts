import { describe, expect, it } from 'vitest';
import { insertAt } from './insertText';

describe('insertAt', () => {
  it('inserts at the cursor, or in place of the selection, and puts the cursor after the insert', () => {
    expect(insertAt('Hello world', 6, 6, 'dear ')).toEqual({ text: 'Hello dear world', cursor: 11 });
    expect(insertAt('Hello world', 6, 11, 'Greta')).toEqual({ text: 'Hello Greta', cursor: 11 });
    expect(insertAt('', 0, 0, 'Text')).toEqual({ text: 'Text', cursor: 4 });
  });

  it('keeps a selection made backwards or past the end inside the text', () => {
    expect(insertAt('abc', 3, 1, 'X')).toEqual({ text: 'aX', cursor: 2 });
    expect(insertAt('abc', 10, 12, 'X')).toEqual({ text: 'abcX', cursor: 4 });
  });
});
