import { useTranslation } from 'react-i18next';
import { formatDateTime, formatRelative } from '../../shared/format/dates';
import type { SyncState } from '../../shared/sync/engine';
import { syncProgress, syncProgressText, type ShellT } from './syncProgress';
import './syncIndicator.css';

export type SyncIndicatorProps = {
  state: SyncState;
  /** Whether the server's live event stream is connected. */
  isLive: boolean;
  pending: number;
  /** Records received in the sync under way. */
  received: number;
  /** Size of the sync under way when the server said it; null for an indeterminate bar. */
  total: number | null;
  /** The sync under way pulls the whole feed (a first sync). */
  fromScratch: boolean;
  /** When the last complete sync ended; null until the first one in this session. */
  lastSyncedAt: string | null;
  error: string | null;
  rejected: number;
  onShowRejected(): void;
  /** The current time, ticking, so "last synced" ages on screen. */
  now: string;
  /** BCP 47 tag for numbers, dates and relative times. */
  locale: string;
};

type Tone = 'online' | 'syncing' | 'offline' | 'error';

const describeState = (t: ShellT, state: SyncState, isLive: boolean): { tone: Tone; label: string } => {
  switch (state) {
    case 'syncing':
      return { tone: 'syncing', label: t('sync.state.syncing') };
    case 'offline':
      return { tone: 'offline', label: t('sync.state.offline') };
    case 'error':
      return { tone: 'error', label: t('sync.state.error') };
    case 'signed-out':
      return { tone: 'error', label: t('sync.state.signedOut') };
    case 'stopped':
      return { tone: 'offline', label: t('sync.state.stopped') };
    case 'idle':
      return { tone: 'online', label: isLive ? t('sync.state.online') : t('sync.state.onlineNoLive') };
  }
};

/** Where this console stands with the server: connection, unsent changes, first-sync progress, refusals. */
export const SyncIndicator = (props: SyncIndicatorProps) => {
  const { state, isLive, pending, lastSyncedAt, error, rejected, onShowRejected, now, locale } = props;
  const { t } = useTranslation('shell');
  const number = new Intl.NumberFormat(locale);
  const { tone, label } = describeState(t, state, isLive);
  const synced = lastSyncedAt === null ? t('sync.notSynced') : t('sync.lastSynced', { time: formatRelative(lastSyncedAt, now, locale) });
  const progress = syncProgress({ state, received: props.received, total: props.total, fromScratch: props.fromScratch });
  return (
    <div className="sync" data-testid="sync-indicator" data-state={state} data-synced-at={lastSyncedAt ?? ''}>
      <span className={`sync-state sync-${tone}`} title={error ?? synced} data-testid="sync-state">
        <span className="sync-dot" aria-hidden="true" />
        {label}
      </span>
      {/* Two short lines, so the header keeps its room: when (or how far), and what is waiting. */}
      <span className="sync-facts">
        {progress === null ? (
          <span
            className="sync-last muted"
            data-testid="sync-last"
            title={lastSyncedAt === null ? undefined : formatDateTime(lastSyncedAt, locale)}
          >
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
        <span className={pending === 0 ? 'sync-pending muted' : 'sync-pending has-pending'} data-testid="sync-pending" data-count={pending}>
          {pending === 0 ? t('sync.allSent') : t('sync.pending', { count: pending, n: number.format(pending) })}
        </span>
      </span>
      {rejected > 0 && (
        <button type="button" className="button small danger" data-testid="sync-rejected" onClick={onShowRejected}>
          {t('sync.rejected', { count: rejected, n: number.format(rejected) })}
        </button>
      )}
    </div>
  );
};
