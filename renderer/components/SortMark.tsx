import type { SortDirection } from './sortDirection';

/**
 * The mark after a sortable column's name: ▲ or ▼ on the sorted column, nothing on the others.
 * Hidden from screen readers, which read the header's `aria-sort`.
 */
export const SortMark = ({ direction, className }: { direction: SortDirection | null; className: string }) => (
  <span className={className} aria-hidden="true">
    {direction === null ? '' : direction === 'ascending' ? '▲' : '▼'}
  </span>
);
