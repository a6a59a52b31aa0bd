import { createColumnHelper, tableFeatures, useTable } from '@tanstack/react-table';
import type { QueueRow } from './queueRows';
import { capitalize, formatShortTime, PRIORITY_LABELS, SLA_LABELS, STATUS_LABELS, ticketNumberLabel } from './format';

const features = tableFeatures({});
const column = createColumnHelper<typeof features, QueueRow>();

const columns = column.columns([
  column.accessor('code', { header: 'Code', cell: (info) => <span className="mono">{info.getValue()}</span> }),
  column.accessor('number', {
    header: 'No.',
    cell: (info) => {
      const value = info.getValue();
      return <span className={value === null ? 'muted' : undefined}>{ticketNumberLabel(value)}</span>;
    },
  }),
  column.accessor('title', { header: 'Title', cell: (info) => <span className="queue-title">{info.getValue()}</span> }),
  column.accessor('requester', { header: 'Requester' }),
  column.accessor('category', { header: 'Category', cell: (info) => capitalize(info.getValue()) }),
  column.accessor('priority', {
    header: 'Priority',
    cell: (info) => <span className={`badge priority-${info.getValue()}`}>{PRIORITY_LABELS[info.getValue()]}</span>,
  }),
  column.accessor('tier', { header: 'Tier', cell: (info) => `T${info.getValue()}` }),
  column.accessor('status', {
    header: 'Status',
    cell: (info) => <span className={`badge status-${info.getValue()}`}>{STATUS_LABELS[info.getValue()]}</span>,
  }),
  column.accessor('assignee', { header: 'Assignee', cell: (info) => info.getValue() ?? <span className="muted">Unassigned</span> }),
  column.accessor('sla', { header: 'SLA', cell: (info) => <span className={`sla sla-${info.getValue()}`}>{SLA_LABELS[info.getValue()]}</span> }),
  column.accessor('updatedAt', {
    header: 'Updated',
    cell: (info) => <time dateTime={info.getValue()}>{formatShortTime(info.getValue())}</time>,
  }),
]);

export type QueueTableProps = {
  rows: QueueRow[];
  selectedId: string | null;
  onOpen(id: string): void;
};

/** The ticket list. Rows open with a click or Enter; the queue owns no state. */
export const QueueTable = ({ rows, selectedId, onOpen }: QueueTableProps) => {
  const table = useTable({ features, columns, data: rows, getRowId: (row) => row.id });
  return (
    <table className="queue-table" aria-label="Ticket queue">
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => (
              <th key={header.id} scope="col" className={`col-${header.column.id}`}>
                {header.isPlaceholder ? null : <table.FlexRender header={header} />}
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr
            key={row.id}
            data-ticket-id={row.id}
            data-code={row.original.code}
            tabIndex={0}
            className={row.id === selectedId ? 'is-selected' : undefined}
            onClick={() => onOpen(row.id)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') onOpen(row.id);
            }}
          >
            {row.getAllCells().map((cell) => (
              <td key={cell.id} className={`col-${cell.column.id}`}>
                <table.FlexRender cell={cell} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
};
