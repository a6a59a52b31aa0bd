import type { SyncState } from '../../shared/sync/engine';
import { relativeTime } from './relativeTime';

export type SyncIndicatorProps = {
  state: SyncState;
  /** Whether the server's live event stream is connected. */
  isLive: boolean;
  pending: number;
  /** Records received in the sync under way. */
  received: number;
  /** When the last complete sync ended; null until the first one in this session. */
  lastSyncedAt: string | null;
  error: string | null;
  rejected: number;
  onShowRejected(): void;
  /** The current time, ticking, so "last synced" ages on screen. */
  now: string;
  /** BCP 47 tag for relative times. */
  locale: string;
};

type Tone = 'online' | 'syncing' | 'offline' | 'error';

const describeState = (state: SyncState, isLive: boolean): { tone: Tone; label: string } => {
  switch (state) {
    case 'syncing':
      return { tone: 'syncing', label: 'Syncing' };
    case 'offline':
      return { tone: 'offline', label: 'Offline' };
    case 'error':
      return { tone: 'error', label: 'Sync error' };
    case 'signed-out':
      return { tone: 'error', label: 'Signed out' };
    case 'stopped':
      return { tone: 'offline', label: 'Stopped' };
    case 'idle':
      return { tone: 'online', label: isLive ? 'Online' : 'Online (no live updates)' };
  }
};

/** Records in one sync from which progress is shown after the first sync (a long catch-up, not a poke). */
const LARGE_SYNC = 500;

const plural = (count: number, one: string, many: string) => `${count.toLocaleString()} ${count === 1 ? one : many}`;

/** Where this console stands with the server: connection, unsent changes, first-sync progress, refusals. */
export const SyncIndicator = ({ state, isLive, pending, received, lastSyncedAt, error, rejected, onShowRejected, now, locale }: SyncIndicatorProps) => {
  const { tone, label } = describeState(state, isLive);
  const synced = lastSyncedAt === null ? 'Not synced yet' : `Last synced ${relativeTime(lastSyncedAt, now, locale)}`;
  const detail = error ?? synced;
  return (
    <div className="sync" data-testid="sync-indicator" data-state={state} data-synced-at={lastSyncedAt ?? ''}>
      <span className={`sync-state sync-${tone}`} title={detail} data-testid="sync-state">
        <span className="sync-dot" aria-hidden="true" />
        {label}
      </span>
      <span className="sync-last muted" data-testid="sync-last" title={lastSyncedAt === null ? undefined : new Date(lastSyncedAt).toLocaleString(locale)}>
        {synced}
      </span>
      {state === 'syncing' && (lastSyncedAt === null || received >= LARGE_SYNC) && (
        <span className="sync-progress" data-testid="sync-progress">
          <progress aria-label="Sync progress" />
          {lastSyncedAt === null ? 'First sync · ' : ''}
          {plural(received, 'record', 'records')} received
        </span>
      )}
      <span className={pending === 0 ? 'sync-pending muted' : 'sync-pending has-pending'} data-testid="sync-pending" data-count={pending}>
        {pending === 0 ? 'All changes sent' : `${plural(pending, 'change', 'changes')} pending`}
      </span>
      {rejected > 0 && (
        <button type="button" className="button small danger" data-testid="sync-rejected" onClick={onShowRejected}>
          {plural(rejected, 'change', 'changes')} rejected
        </button>
      )}
    </div>
  );
};
