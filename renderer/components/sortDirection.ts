/** Which way a table is sorted, in the words of `aria-sort`, so a header passes it on as it is. */
export type SortDirection = 'ascending' | 'descending';

/** The mark a sorted column's header shows (hidden from screen readers, which read `aria-sort`). */
export const sortMark = (direction: SortDirection | null): string => (direction === null ? '' : direction === 'ascending' ? '▲' : '▼');
