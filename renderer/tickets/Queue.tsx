import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo } from 'react';
import { useApp } from '../app/store';
import { useWorkspace } from '../app/useWorkspace';
import { useNow, useUsers } from '../sync/liveData';
import { filterQueueRows, toQueueRows, type QueueRow } from './queueRows';
import { QueueTable } from './QueueTable';

export type QueueViewProps = {
  rows: QueueRow[] | undefined;
  total: number;
  filter: string;
  selectedId: string | null;
  onFilterChange(filter: string): void;
  onOpen(id: string): void;
};

export const QueueView = ({ rows, total, filter, selectedId, onFilterChange, onOpen }: QueueViewProps) => (
  <section className="queue" aria-labelledby="queue-heading">
    <div className="queue-toolbar">
      <h2 id="queue-heading">Queue</h2>
      <input
        type="search"
        className="queue-filter"
        placeholder="Filter by code, title, requester, status…"
        aria-label="Filter tickets"
        value={filter}
        onChange={(event) => onFilterChange(event.target.value)}
      />
      <span className="queue-count" aria-live="polite">
        {rows === undefined ? 'Loading…' : rows.length === total ? `${total} tickets` : `${rows.length} of ${total} tickets`}
      </span>
    </div>
    <div className="queue-scroll">
      {rows !== undefined && <QueueTable rows={rows} selectedId={selectedId} onOpen={onOpen} />}
      {rows !== undefined && rows.length === 0 && (
        <p className="empty">{total === 0 ? 'No tickets yet. They appear here as soon as the first sync brings them.' : 'No ticket matches the filter.'}</p>
      )}
    </div>
  </section>
);

/** The queue from the local cache: every ticket, live, filtered by the UI store's text. */
export const Queue = () => {
  const { db } = useWorkspace();
  const tickets = useLiveQuery(() => db.tickets.toArray(), [db]);
  const users = useUsers(db);
  const now = useNow();
  const filter = useApp((state) => state.queueFilter);
  const selectedId = useApp((state) => state.selectedTicketId);
  const setFilter = useApp((state) => state.setQueueFilter);
  const selectTicket = useApp((state) => state.selectTicket);
  const all = useMemo(() => (tickets === undefined ? undefined : toQueueRows(tickets, users, now)), [tickets, users, now]);
  const rows = useMemo(() => (all === undefined ? undefined : [...filterQueueRows(all, filter)]), [all, filter]);
  return (
    <QueueView rows={rows} total={all?.length ?? 0} filter={filter} selectedId={selectedId} onFilterChange={setFilter} onOpen={selectTicket} />
  );
};
