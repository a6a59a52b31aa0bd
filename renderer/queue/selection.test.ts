import { describe, expect, it } from 'vitest';
import { commonTransitions, runBulk } from './bulk';
import { EMPTY_SELECTION, moveCursor, selectRange, toggleSelected } from './selection';
import { fail, ok } from '../../shared/result';

const ids = ['a', 'b', 'c', 'd', 'e'];

describe('selection and cursor', () => {
  it('toggles and selects ranges from the anchor', () => {
    const one = toggleSelected(EMPTY_SELECTION, 'b');
    expect([...one.ids]).toEqual(['b']);
    const range = selectRange(one, ids, 'd');
    expect([...range.ids].sort()).toEqual(['b', 'c', 'd']);
    expect([...selectRange(range, ids, 'c').ids].sort()).toEqual(['b']);
    expect([...toggleSelected(one, 'b').ids]).toEqual([]);
  });

  it('moves the cursor within the rows', () => {
    expect(moveCursor(ids, null, 1)).toBe('a');
    expect(moveCursor(ids, 'a', -1)).toBe('a');
    expect(moveCursor(ids, 'd', 5)).toBe('e');
    expect(moveCursor(ids, 'gone', 1)).toBe('a');
    expect(moveCursor([], 'a', 1)).toBeNull();
  });
});

describe('bulk changes', () => {
  it('offers only transitions every selected ticket allows', () => {
    expect(commonTransitions(['open', 'open'])).toEqual(['pending', 'resolved']);
    expect(commonTransitions(['open', 'pending'])).toEqual([]);
    expect(commonTransitions(['resolved', 'closed'])).toEqual(['open']);
    expect(commonTransitions([])).toEqual([]);
  });

  it('runs every change and reports each refusal', async () => {
    const outcome = await runBulk(
      [
        { id: '1', code: 'A' },
        { id: '2', code: 'B' },
      ],
      async (target) => (target.id === '2' ? fail('invalid_transition', 'nope') : ok(null)),
    );
    expect(outcome).toEqual({ applied: 1, refusals: [{ id: '2', code: 'B', message: 'nope' }] });
  });
});
