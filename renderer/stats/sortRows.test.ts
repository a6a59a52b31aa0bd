import { describe, expect, it } from 'vitest';
import { nextSort, sortRows } from './sortRows';

type Row = { name: string; resolved: number; rate: number | null };
const rows: Row[] = [
  { name: 'Tomas', resolved: 3, rate: 0.2 },
  { name: 'tina', resolved: 7, rate: null },
  { name: 'Sam', resolved: 5, rate: 0.1 },
];
const cell = (row: Row, key: keyof Row) => row[key];

describe('sortRows', () => {
  it('sorts numbers either way', () => {
    expect(sortRows(rows, { key: 'resolved', direction: 'descending' }, cell, 'en').map((r) => r.resolved)).toEqual([7, 5, 3]);
    expect(sortRows(rows, { key: 'resolved', direction: 'ascending' }, cell, 'en').map((r) => r.resolved)).toEqual([3, 5, 7]);
  });
  it('sorts names the way the language does', () => {
    expect(sortRows(rows, { key: 'name', direction: 'ascending' }, cell, 'en').map((r) => r.name)).toEqual(['Sam', 'tina', 'Tomas']);
  });
  it('puts empty cells last in both directions', () => {
    expect(sortRows(rows, { key: 'rate', direction: 'ascending' }, cell, 'en').map((r) => r.rate)).toEqual([0.1, 0.2, null]);
    expect(sortRows(rows, { key: 'rate', direction: 'descending' }, cell, 'en').map((r) => r.rate)).toEqual([0.2, 0.1, null]);
  });
  it('leaves the order alone without a sort and does not touch the input', () => {
    expect(sortRows(rows, null, cell, 'en')).toEqual(rows);
    expect(rows[0]?.name).toBe('Tomas');
  });
});

describe('nextSort', () => {
  it('flips the sorted column and starts others by kind', () => {
    expect(nextSort({ key: 'a', direction: 'descending' }, 'a', false)).toEqual({ key: 'a', direction: 'ascending' });
    expect(nextSort({ key: 'a', direction: 'descending' }, 'b', false)).toEqual({ key: 'b', direction: 'descending' });
    expect(nextSort(null, 'name', true)).toEqual({ key: 'name', direction: 'ascending' });
  });
});
