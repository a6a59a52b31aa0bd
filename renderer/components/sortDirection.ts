/** Which way a table is sorted, in the words of `aria-sort`, so a header passes it on as it is. */
export type SortDirection = 'ascending' | 'descending';
