import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Deadline } from '../../shared/domain/sla';
import { formatTimeToday } from '../../shared/format/dates';
import { SortMark } from '../components/SortMark';
import type { QueueEntry } from './queueEntry';
import { SORT_COLUMNS, type QueueSort, type SortColumn } from './queueSort';
import { useCategoryLabel } from '../tickets/categoryLabel';
import { priorityLabel, slaLabel, statusLabel } from '../tickets/ticketLabels';

/** One shown line: the index entry plus what depends on the clock and the staff list; `deadline` null when none is left. */
export type QueueLine = { entry: QueueEntry; assignee: string | null; deadline: Deadline | null };

const ROW_HEIGHT = 33;
/**
 * Rows rendered beyond the visible ones on each side. Every row in the DOM is re-rendered on each
 * sort, filter and scrolled frame; rendering is synchronous with the scroll, so a few suffice.
 */
const OVERSCAN = 5;
const features = tableFeatures({});
const column = createColumnHelper<typeof features, QueueLine>();

const useColumns = () => {
  const { t, i18n } = useTranslation('queue');
  const { t: ticketT } = useTranslation('ticket');
  const categoryLabel = useCategoryLabel();
  const locale = i18n.language;
  return useMemo(
    () =>
      column.columns([
        column.accessor((line) => line.entry.code, { id: 'code', header: t('column.code'), cell: (info) => <span className="mono">{info.getValue()}</span> }),
        column.accessor((line) => line.entry.number, {
          id: 'number',
          header: t('column.number'),
          cell: (info) => {
            const value = info.getValue();
            return value === null ? <span className="muted">{t('notSynced')}</span> : `#${value}`;
          },
        }),
        column.accessor((line) => line.entry.title, {
          id: 'title',
          header: t('column.title'),
          // The title gives way to the tags when the column is narrow: they are what one scans for.
          cell: (info) => (
            <span className="queue-title-cell">
              <span className="queue-title">{info.getValue()}</span>
              {info.row.original.entry.isProblem ? (
                <span className="badge problem-badge queue-marker" data-testid="queue-problem">
                  {t('marker.problem')}
                </span>
              ) : (
                info.row.original.entry.links > 0 && (
                  <span className="muted queue-marker" title={t('marker.links', { count: info.row.original.entry.links })} data-testid="queue-linked">
                    <span aria-hidden="true">⇄ {info.row.original.entry.links}</span>
                    <span className="queue-visually-hidden">{t('marker.links', { count: info.row.original.entry.links })}</span>
                  </span>
                )
              )}
              {info.row.original.entry.tags.length > 0 && (
                <span className="queue-tags">
                  {info.row.original.entry.tags.map((tag) => (
                    <span key={tag} className="tag-chip small">
                      {tag}
                    </span>
                  ))}
                </span>
              )}
            </span>
          ),
        }),
        column.accessor((line) => line.entry.requester, { id: 'requester', header: t('column.requester') }),
        column.accessor((line) => line.entry.category, { id: 'category', header: t('column.category'), cell: (info) => categoryLabel(info.getValue()) }),
        column.accessor((line) => line.entry.priority, {
          id: 'priority',
          header: t('column.priority'),
          cell: (info) => <span className={`badge priority-${info.getValue()}`}>{priorityLabel(ticketT, info.getValue())}</span>,
        }),
        column.accessor((line) => line.entry.tier, { id: 'tier', header: t('column.tier'), cell: (info) => `T${info.getValue()}` }),
        column.accessor((line) => line.entry.status, {
          id: 'status',
          header: t('column.status'),
          cell: (info) => <span className={`badge status-${info.getValue()}`}>{statusLabel(ticketT, info.getValue())}</span>,
        }),
        column.accessor((line) => line.assignee, {
          id: 'assignee',
          header: t('column.assignee'),
          cell: (info) => info.getValue() ?? <span className="muted">{t('unassigned')}</span>,
        }),
        column.accessor((line) => line.deadline, {
          id: 'due',
          header: t('column.due'),
          cell: (info) => {
            const deadline = info.getValue();
            // Resolved and closed tickets have nothing left to meet or miss.
            if (deadline === null) return null;
            const target = t(`due.${deadline.target}`);
            return (
              <span className={`sla sla-${deadline.state}`} data-target={deadline.target} title={`${target} · ${slaLabel(ticketT, deadline.state)}`}>
                <span className="sla-target">{target}</span>
                <time dateTime={new Date(deadline.dueMs).toISOString()}>{formatTimeToday(deadline.dueMs, locale)}</time>
                {/* The word only where it asks for action; on track is told by colour and title. */}
                {deadline.state !== 'ok' && <span className="sla-word">{slaLabel(ticketT, deadline.state)}</span>}
              </span>
            );
          },
        }),
        column.accessor((line) => line.entry.updatedMs, {
          id: 'updated',
          header: t('column.updated'),
          cell: (info) => <time dateTime={info.row.original.entry.updatedAt}>{formatTimeToday(info.getValue(), locale)}</time>,
        }),
      ]),
    [t, ticketT, categoryLabel, locale],
  );
};

export type QueueTableProps = {
  /** Every matching entry, in order; only the visible ones are turned into lines. */
  entries: readonly QueueEntry[];
  toLine(entry: QueueEntry): QueueLine;
  sort: QueueSort;
  selectedIds: ReadonlySet<string>;
  cursorId: string | null;
  openId: string | null;
  onSort(column: SortColumn): void;
  onOpen(id: string): void;
  onToggle(id: string, isRange: boolean): void;
  onToggleAll(): void;
};

/**
 * The ticket list, virtualised: only the rows in view (and a few around) exist in the DOM, so
 * 100,000 matches cost no more to show than fifty. The queue owns no state.
 */
export const QueueTable = ({ entries, toLine, sort, selectedIds, cursorId, openId, onSort, onOpen, onToggle, onToggleAll }: QueueTableProps) => {
  const { t } = useTranslation('queue');
  const columns = useColumns();
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the compiler skips this component; it re-renders on every scroll anyway
  const virtualizer = useVirtualizer({ count: entries.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: OVERSCAN });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;
  const lines = useMemo(() => entries.slice(first, last + 1).map(toLine), [entries, first, last, toLine]);
  const table = useTable({ features, columns, data: lines, getRowId: (line) => line.entry.id });

  const cursorIndex = useMemo(() => (cursorId === null ? -1 : entries.findIndex((entry) => entry.id === cursorId)), [entries, cursorId]);
  useEffect(() => {
    if (cursorIndex < 0) return;
    // A cursor row already in view stays put: asking the virtualiser to scroll to it reads the
    // scroll height (a forced layout) and renders the table again synchronously, which was most
    // of a local edit's time at 100,000 rows (docs/BENCHMARKS.md, "Local edit: where the time goes").
    const offset = virtualizer.scrollOffset;
    const height = virtualizer.scrollRect?.height;
    const start = cursorIndex * ROW_HEIGHT;
    if (offset !== null && height !== undefined && start >= offset && start + ROW_HEIGHT <= offset + height) return;
    virtualizer.scrollToIndex(cursorIndex, { align: 'auto' });
  }, [cursorIndex, virtualizer]);
  useEffect(() => {
    // The cursor row takes the focus when it moves, unless the user is typing somewhere.
    const row = cursorId === null ? null : scrollRef.current?.querySelector<HTMLElement>(`tr[data-ticket-id="${cursorId}"]`);
    const active = document.activeElement;
    if (row !== null && row !== undefined && (active === document.body || active?.closest('.queue-table') !== null)) row.focus({ preventScroll: true });
  }, [cursorId, lines]);

  const paddingTop = items[0]?.start ?? 0;
  const paddingBottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  const allSelected = entries.length > 0 && selectedIds.size >= entries.length;
  const toggle = (event: MouseEvent, id: string) => {
    event.stopPropagation();
    onToggle(id, event.shiftKey);
  };

  return (
    <div className="queue-scroll" ref={scrollRef} data-testid="queue-scroll">
      <table className="queue-table" aria-label={t('table')} aria-rowcount={entries.length + 1}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              <th scope="col" className="col-select">
                <input type="checkbox" aria-label={t('selectAll')} checked={allSelected} onChange={onToggleAll} />
              </th>
              {group.headers.map((header) => (
                <th key={header.id} scope="col" className={`col-${header.column.id}`} aria-sort={sort.column === header.column.id ? sort.direction : undefined}>
                  <button
                    type="button"
                    className="sort-button"
                    onClick={() => {
                      const column = SORT_COLUMNS.find((id) => id === header.column.id);
                      if (column !== undefined) onSort(column);
                    }}
                  >
                    <table.FlexRender header={header} />
                    <SortMark className="sort-mark" direction={sort.column === header.column.id ? sort.direction : null} />
                  </button>
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {paddingTop > 0 && <tr className="queue-spacer" aria-hidden="true" style={{ height: paddingTop }} />}
          {table.getRowModel().rows.map((row, i) => {
            const id = row.id;
            const isChecked = selectedIds.has(id);
            const classes = [id === cursorId ? 'is-cursor' : '', id === openId ? 'is-selected' : '', isChecked ? 'is-checked' : ''].join(' ').trim();
            return (
              // Keyed by position: after a sort or filter the rows in view update in place instead
              // of being replaced; while scrolling, a ticket keeps its position and so its row.
              <tr
                key={first + i}
                data-ticket-id={id}
                data-code={row.original.entry.code}
                aria-rowindex={first + i + 2}
                aria-selected={isChecked}
                tabIndex={id === cursorId || (cursorId === null && i === 0 && first === 0) ? 0 : -1}
                className={classes === '' ? undefined : classes}
                onClick={() => onOpen(id)}
              >
                <td className="col-select" onClick={(event) => toggle(event, id)}>
                  <input type="checkbox" tabIndex={-1} aria-label={t('selectTicket', { code: row.original.entry.code })} checked={isChecked} readOnly />
                </td>
                {row.getAllCells().map((cell) => (
                  <td key={cell.column.id} className={`col-${cell.column.id}`}>
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            );
          })}
          {paddingBottom > 0 && <tr className="queue-spacer" aria-hidden="true" style={{ height: paddingBottom }} />}
        </tbody>
      </table>
    </div>
  );
};
