import type { TFunction } from 'i18next';
import type { SyncStatus } from '../../shared/sync/engine';
import { formatNumber } from '../../shared/format/numbers';

/** Records in one sync from which progress is shown after the first sync (a long catch-up, not a poke). */
export const LARGE_SYNC = 500;

export type ShellT = TFunction<'shell'>;

/** A sync worth a progress bar: how far it has come; `fraction` is null when the server did not say the size. */
export type SyncProgress = {
  isFirstSync: boolean;
  received: number;
  total: number | null;
  /** 0..1, or null for an indeterminate bar. */
  fraction: number | null;
};

/**
 * Progress of the sync under way, or null when there is none worth showing: a sync from scratch
 * always, a later one only when it is large (a technician back from a day offline), never a
 * routine poke or the catch-up after a reload.
 */
export const syncProgress = (status: Pick<SyncStatus, 'state' | 'received' | 'total' | 'fromScratch'>): SyncProgress | null => {
  if (status.state !== 'syncing') return null;
  const isFirstSync = status.fromScratch;
  // The total can be below what arrived when records changed again mid-sync; never show over 100 %.
  const total = status.total === null ? null : Math.max(status.total, status.received);
  if (!isFirstSync && (total ?? status.received) < LARGE_SYNC) return null;
  return { isFirstSync, received: status.received, total, fraction: total === null || total === 0 ? null : status.received / total };
};

/** "First sync · 42% · 21,000 of 50,000 records", numbers and percent in the language's own format. */
export const syncProgressText = (progress: SyncProgress, t: ShellT, locale: string): string => {
  const received = formatNumber(progress.received, locale);
  const parts = [progress.isFirstSync ? t('sync.firstSync') : t('sync.catchUp')];
  if (progress.fraction !== null && progress.total !== null) {
    // Floor, so 100 % means done, never 99.6 % rounded up.
    const percent = Math.floor(progress.fraction * 100) / 100;
    parts.push(formatNumber(percent, locale, 'percent'));
    parts.push(t('sync.ofTotal', { count: progress.total, received, total: formatNumber(progress.total, locale) }));
  } else {
    parts.push(t('sync.received', { count: progress.received, received }));
  }
  return parts.join(' · ');
};
