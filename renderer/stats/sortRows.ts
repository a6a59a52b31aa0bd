import type { SortDirection } from '../components/sortDirection';

export type SortState<K extends string> = { key: K; direction: SortDirection };

type Cell = string | number | boolean | null;

/** Clicking the sorted column flips it; another column starts descending for numbers (biggest first), ascending for text. */
export const nextSort = <K extends string>(current: SortState<K> | null, key: K, isText: boolean): SortState<K> =>
  current?.key === key
    ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
    : { key, direction: isText ? 'ascending' : 'descending' };

const compareCells = (a: Cell, b: Cell, locale: string): number => {
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b, locale);
  return Number(a) - Number(b);
};

/** A sorted copy; empty cells (null) go last in either direction, ties keep their order. */
export const sortRows = <R, K extends string>(rows: readonly R[], sort: SortState<K> | null, cell: (row: R, key: K) => Cell, locale: string): R[] => {
  if (sort === null) return [...rows];
  const sign = sort.direction === 'ascending' ? 1 : -1;
  return [...rows].sort((x, y) => {
    const a = cell(x, sort.key);
    const b = cell(y, sort.key);
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    return sign * compareCells(a, b, locale);
  });
};
