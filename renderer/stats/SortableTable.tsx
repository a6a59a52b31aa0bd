import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { SortMark } from '../components/SortMark';
import { nextSort, sortRows, type SortState } from './sortRows';

export type Column<R> = {
  key: string;
  label: string;
  /** The value sorted by; text sorts by the language's order. */
  value(row: R): string | number | boolean | null;
  /** What the cell shows; the value as text if not given. */
  render?(row: R): ReactNode;
  isText?: boolean;
};

export type SortableTableProps<R> = {
  caption: string;
  columns: ReadonlyArray<Column<R>>;
  rows: readonly R[];
  rowKey(row: R): string;
  /** A control beside the caption (the CSV export). */
  action?: ReactNode;
};

/** A table whose headers are buttons (so Enter and Space sort too); `aria-sort` tells which column is sorted. */
export const SortableTable = <R,>({ caption, columns, rows, rowKey, action }: SortableTableProps<R>) => {
  const { t, i18n } = useTranslation('stats');
  const [sort, setSort] = useState<SortState<string> | null>(null);
  const byKey = new Map(columns.map((c) => [c.key, c]));
  const sorted = sortRows(rows, sort, (row, key) => byKey.get(key)?.value(row) ?? null, i18n.language);
  return (
    <section className="stats-table-block">
      <div className="stats-table-head">
        <h3>{caption}</h3>
        {action}
      </div>
      <div className="stats-table-scroll">
        <table className="stats-table">
          <caption className="stats-visually-hidden">{caption}</caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  aria-sort={sort?.key === column.key ? sort.direction : undefined}
                  className={column.isText === true ? 'text' : 'number'}
                >
                  <button
                    type="button"
                    className="stats-sort"
                    aria-label={t('tables.sortBy', { column: column.label })}
                    onClick={() => setSort((current) => nextSort(current, column.key, column.isText === true))}
                  >
                    {column.label}
                    <SortMark className="stats-sort-mark" direction={sort?.key === column.key ? sort.direction : null} />
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {sorted.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="stats-empty">
                  {t('tables.empty')}
                </td>
              </tr>
            ) : (
              sorted.map((row) => (
                <tr key={rowKey(row)}>
                  {columns.map((column) => (
                    <td key={column.key} className={column.isText === true ? 'text' : 'number'}>
                      {column.render ? column.render(row) : String(column.value(row) ?? t('none'))}
                    </td>
                  ))}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
};
