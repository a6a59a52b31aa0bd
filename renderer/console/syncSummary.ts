import type { SyncState } from '../../shared/sync/engine';

export type SyncTone = 'online' | 'syncing' | 'offline' | 'error';

/** The word beside the dot, a key of `sync.state` in the shell texts. */
export type SyncLabel = 'online' | 'onlineNoLive' | 'syncing' | 'offline' | 'error' | 'signedOut' | 'stopped';

/** What the header says about this console's own changes: all sent, how many wait, or nothing. */
export type WaitingLine = 'allSent' | 'waiting' | null;

export type SyncSummary = { tone: SyncTone; label: SyncLabel; waiting: WaitingLine };

export type SyncSummaryInput = {
  state: SyncState;
  /** Whether the server's live event stream is connected. */
  isLive: boolean;
  /** Local changes the server has not accepted yet. */
  pending: number;
  /** A first sync or a long catch-up is under way and its progress is shown. */
  hasProgress: boolean;
};

const stalled = (tone: SyncTone, label: SyncLabel, pending: number): SyncSummary => ({ tone, label, waiting: pending > 0 ? 'waiting' : 'allSent' });

/**
 * One coherent state for the header: syncing with N waiting, all sent, offline with N waiting, or
 * an error. "Syncing" means this console's changes are on their way (or a long sync shows its
 * progress); a routine pull with nothing to send stays "Online · All changes sent", so the header
 * does not flicker at every change another technician makes, nor say "Syncing" beside "All sent".
 */
export const syncSummary = ({ state, isLive, pending, hasProgress }: SyncSummaryInput): SyncSummary => {
  switch (state) {
    case 'offline':
      return stalled('offline', 'offline', pending);
    case 'error':
      return stalled('error', 'error', pending);
    case 'signed-out':
      return stalled('error', 'signedOut', pending);
    case 'stopped':
      return stalled('offline', 'stopped', pending);
    case 'syncing':
    case 'idle':
      if (hasProgress) return { tone: 'syncing', label: 'syncing', waiting: pending > 0 ? 'waiting' : null };
      if (pending > 0) return { tone: 'syncing', label: 'syncing', waiting: 'waiting' };
      return { tone: 'online', label: isLive ? 'online' : 'onlineNoLive', waiting: 'allSent' };
  }
};
