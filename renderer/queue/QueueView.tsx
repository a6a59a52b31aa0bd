import './queue.css';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../shared/format/numbers';
import type { PublicUser } from '../../shared/domain/records';
import type { Status } from '../../shared/domain/ticket';
import { ServerResults, type ServerResultsProps } from '../onDemand/ServerResults';
import type { BulkOutcome } from './bulk';
import type { QueueEntry } from './queueEntry';
import type { QueueFilter } from './queueFilter';
import type { QueueSort, SortColumn } from './queueSort';
import type { QueueView as SavedView } from './savedViews';
import { BulkOutcomeNote, QueueBulkBar } from './QueueBulkBar';
import { ActiveFilters, TagFacet } from './QueueChips';
import { QueueFilters } from './QueueFilters';
import { QueueTable, type QueueLine } from './QueueTable';
import { QueueViews, type ViewItem } from './QueueViews';

/** The search field's id, for the `/` command. */
export const QUEUE_SEARCH_ID = 'queue-search';

export type QueueViewProps = {
  entries: readonly QueueEntry[];
  /** Every ticket held; null while a restart has not counted them yet (its first screen is shown). */
  total: number | null;
  isLoading: boolean;
  toLine(entry: QueueEntry): QueueLine;
  views: readonly ViewItem[];
  activeViewId: string | null;
  filter: QueueFilter;
  sort: QueueSort;
  categories: readonly string[];
  /** Every tag in the cache with its count, most first. */
  tags: ReadonlyArray<{ tag: string; count: number }>;
  /** Timelines are still being read for a resolver filter. */
  isCrediting: boolean;
  /** Every user by id, for the names on the filter chips. */
  staffNames: ReadonlyMap<string, PublicUser>;
  staff: readonly PublicUser[];
  selectedIds: ReadonlySet<string>;
  cursorId: string | null;
  openId: string | null;
  transitions: readonly Status[];
  isResolving: boolean;
  outcome: BulkOutcome | null;
  onChooseView(view: SavedView): void;
  onSaveView(name: string): void;
  onDeleteView(id: string): void;
  onFilterChange(filter: QueueFilter): void;
  onSort(column: SortColumn): void;
  onOpen(id: string): void;
  onToggle(id: string, isRange: boolean): void;
  onToggleAll(): void;
  onAssign(to: 'me' | string | null): void;
  onTransition(to: Status): void;
  onResolve(resolution: string): void;
  onCancelResolve(): void;
  onClearSelection(): void;
  onDismissOutcome(): void;
  /** The server's search beside the cache's, while searching. */
  server: ServerResultsProps;
};

/** The queue screen from props: views, search, filters, bulk bar and the virtualised table. */
export const QueueView = (props: QueueViewProps) => {
  const { t, i18n } = useTranslation('queue');
  const { entries, total, filter } = props;
  const count = props.isLoading
    ? total === null
      ? t('loadingUncounted')
      : t('loading', { count: total })
    : entries.length === total
      ? t('shown', { count: total })
      : t('shownOf', { shown: formatNumber(entries.length, i18n.language), count: total ?? entries.length });
  return (
    // With nothing held that matches, the server's rows take the room the empty table would.
    <section className={entries.length === 0 && props.server.hasQuery ? 'queue is-held-empty' : 'queue'} aria-labelledby="queue-heading">
      <div className="queue-toolbar">
        <h2 id="queue-heading">{t('heading')}</h2>
        <QueueViews items={props.views} activeId={props.activeViewId} onChoose={props.onChooseView} onSave={props.onSaveView} onDelete={props.onDeleteView} />
      </div>
      <div className="queue-toolbar queue-toolbar-2">
        <input
          id={QUEUE_SEARCH_ID}
          type="search"
          className="queue-filter"
          placeholder={t('searchPlaceholder')}
          aria-label={t('search')}
          aria-keyshortcuts="/"
          value={filter.search}
          onChange={(event) => props.onFilterChange({ ...filter, search: event.target.value })}
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            props.onFilterChange({ ...filter, search: '' });
            event.currentTarget.blur();
          }}
        />
        <QueueFilters filter={filter} categories={props.categories} staff={props.staff} onChange={props.onFilterChange} />
        <span className="queue-count" aria-live="polite" aria-busy={props.isCrediting} data-testid="queue-count" data-count={entries.length}>
          {count}
        </span>
      </div>
      <TagFacet tags={props.tags} filter={filter} onChange={props.onFilterChange} />
      <ActiveFilters filter={filter} users={props.staffNames} isCrediting={props.isCrediting} onChange={props.onFilterChange} />
      {props.selectedIds.size > 0 && (
        <QueueBulkBar
          count={props.selectedIds.size}
          staff={props.staff}
          transitions={props.transitions}
          isResolving={props.isResolving}
          onAssignMe={() => props.onAssign('me')}
          onAssign={props.onAssign}
          onTransition={props.onTransition}
          onResolve={props.onResolve}
          onCancelResolve={props.onCancelResolve}
          onClear={props.onClearSelection}
        />
      )}
      {props.outcome !== null && <BulkOutcomeNote outcome={props.outcome} onDismiss={props.onDismissOutcome} />}
      <QueueTable
        entries={entries}
        toLine={props.toLine}
        sort={props.sort}
        selectedIds={props.selectedIds}
        cursorId={props.cursorId}
        openId={props.openId}
        onSort={props.onSort}
        onOpen={props.onOpen}
        onToggle={props.onToggle}
        onToggleAll={props.onToggleAll}
      />
      {!props.isLoading && entries.length === 0 && (
        <p className="empty">{total === 0 ? t('empty') : props.server.hasQuery && props.server.isOnline ? t('server.noneHeld') : t('noMatch')}</p>
      )}
      <ServerResults {...props.server} />
    </section>
  );
};
