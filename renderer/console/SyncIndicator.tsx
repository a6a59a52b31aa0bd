import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelative } from '../../shared/format/dates';
import type { SyncStatus } from '../../shared/sync/engine';
import { syncProgress, syncProgressText } from './syncProgress';
import { syncSummary } from './syncSummary';
import './syncIndicator.css';
import { formatNumber } from '../../shared/format/numbers';

/** The engine's status as the header shows it (its fields mean what SyncStatus says), and what the header adds. */
export type SyncIndicatorProps = Pick<SyncStatus, 'state' | 'pending' | 'received' | 'total' | 'fromScratch' | 'lastSyncedAt' | 'error'> & {
  /** Whether the server's live event stream is connected (SyncStatus.live). */
  isLive: boolean;
  rejected: number;
  onShowRejected(): void;
  /** The current time, ticking, so "last synced" ages on screen. */
  now: string;
  /** BCP 47 tag for numbers, dates and relative times. */
  locale: string;
};

/** Where this console stands with the server: one state, what waits to be sent, when it last synced (or how far), refusals. */
export const SyncIndicator = (props: SyncIndicatorProps) => {
  const { state, isLive, pending, lastSyncedAt, error, rejected, onShowRejected, now, locale } = props;
  const { t } = useTranslation('shell');
  const progress = syncProgress({ state, received: props.received, total: props.total, fromScratch: props.fromScratch });
  const { tone, label, waiting } = syncSummary({ state, isLive, pending, hasProgress: progress !== null });
  const synced = lastSyncedAt === null ? t('sync.notSynced') : t('sync.lastSynced', { time: formatRelative(lastSyncedAt, now, locale) });
  return (
    <div className="sync" data-testid="sync-indicator" data-state={state} data-tone={tone} data-synced-at={lastSyncedAt ?? ''}>
      <span className={`sync-state sync-${tone}`} title={error ?? synced} data-testid="sync-state">
        <span className="sync-dot" aria-hidden="true" />
        {t(`sync.state.${label}`)}
      </span>
      {/* Two short lines, so the header keeps its room: when (or how far), and what is waiting. */}
      <span className="sync-facts">
        {progress === null ? (
          <span className="sync-last muted" data-testid="sync-last" title={lastSyncedAt === null ? undefined : formatDateTime(lastSyncedAt, locale)}>
            {synced}
          </span>
        ) : (
          <span className="sync-progress" data-testid="sync-progress">
            {/* Without value the bar is indeterminate: the server did not say how much is left. */}
            {progress.fraction === null ? (
              <progress aria-label={t('sync.progressLabel')} />
            ) : (
              <progress aria-label={t('sync.progressLabel')} max={1} value={progress.fraction} />
            )}
            <span>{syncProgressText(progress, t, locale)}</span>
          </span>
        )}
        <span className={waiting === 'waiting' ? 'sync-pending has-pending' : 'sync-pending muted'} data-testid="sync-pending" data-count={pending}>
          {waiting === 'allSent' ? t('sync.allSent') : waiting === 'waiting' ? t('sync.waiting', { count: pending, n: formatNumber(pending, locale) }) : null}
        </span>
      </span>
      {rejected > 0 && (
        <button type="button" className="button small danger" data-testid="sync-rejected" onClick={onShowRejected}>
          {t('sync.rejected', { count: rejected, n: formatNumber(rejected, locale) })}
        </button>
      )}
    </div>
  );
};
